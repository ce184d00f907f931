/**
 * Oracle Primavera Administration user-management wire formats (docs/contracts.md#oraclesyncusers-payloads). Parsed
 * tolerantly: objects keep fields we do not model (Oracle's `UserRO` has dozens), optional fields may be `null` (Java
 * serializers write them), and only what we act on is required.
 */
import { z } from 'zod';

/** `RoleRO`. */
export const OracleRoleSchema = z.looseObject({
  name: z.string().nullish(),
  displayName: z.string().nullish(),
  companyAccessType: z.boolean().nullish(),
  userAccessType: z.string().nullish(),
});

/** `CompanyRO`. The spec marks `name`, `displayName` and `id` required; Oracle's own example sends `name` + `type`. */
export const OracleCompanySchema = z.looseObject({
  name: z.string().nullish(),
  displayName: z.string().nullish(),
  id: z.string().nullish(),
  type: z.string().nullish(),
});

/**
 * `UserRO`, as sent and as echoed in a job result. Only `loginId` is required: Oracle's documented request example
 * omits `disabled` although the spec marks it required. Result-side fields: `statusInfo` (e.g. "User created, but
 * Application Access failed"), `statusInfoOK`, `processed`, and `lastAction` (named in the docs' prose only).
 */
export const OracleUserSchema = z.looseObject({
  loginId: z.string(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  emailAddress: z.string().nullish(),
  disabled: z.boolean().nullish(),
  organization: OracleCompanySchema.nullish(),
  roles: z.array(OracleRoleSchema).nullish(),
  userType: z.string().nullish(),
  statusInfo: z.string().nullish(),
  statusInfoOK: z.boolean().nullish(),
  processed: z.boolean().nullish(),
  lastAction: z.string().nullish(),
});
export type OracleUser = z.infer<typeof OracleUserSchema>;

/** The POST body: `UserDataStore` with the request-side lists only (empty lists are left out, as in the example). */
export const UserDataStoreRequestSchema = z.object({
  added: z.array(OracleUserSchema).optional(),
  modified: z.array(OracleUserSchema).optional(),
  deleted: z.array(z.string()).optional(),
});
export type UserDataStoreRequest = z.infer<typeof UserDataStoreRequestSchema>;

/**
 * `UserDataStore` as the status endpoint answers it (202 while running, 200 when done): the request echoed with
 * per-user results, `deleteFailed` (documented as `List<UserRO>`; a bare login id is accepted too), and the job-level
 * `exception` (error key or message; a localization key when `localizedException`), `message` and `updatedIdMap`.
 */
export const UserDataStoreResultSchema = z.looseObject({
  added: z.array(OracleUserSchema).nullish(),
  modified: z.array(OracleUserSchema).nullish(),
  deleted: z.array(z.string()).nullish(),
  deleteFailed: z.array(z.union([z.string(), OracleUserSchema])).nullish(),
  exception: z.string().nullish(),
  localizedException: z.boolean().nullish(),
  message: z.string().nullish(),
  updatedIdMap: z.record(z.string(), z.string()).nullish(),
});
export type UserDataStoreResult = z.infer<typeof UserDataStoreResultSchema>;

/**
 * An error body in `UserDataStore` form (`{ exception, localizedException, message }`). Which body Oracle sends with
 * 4xx/5xx is UNCONFIRMED (the docs show only "Invalid input, Please check."); plain text is handled as well.
 */
export const OracleErrorBodySchema = z.looseObject({
  exception: z.string().nullish(),
  localizedException: z.boolean().nullish(),
  message: z.string().nullish(),
});
export type OracleErrorBody = z.infer<typeof OracleErrorBodySchema>;
