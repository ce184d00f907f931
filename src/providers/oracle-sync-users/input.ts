/**
 * The caller-facing input of `oracle.syncUsers` (docs/contracts.md#oraclesyncusers-payloads), validated before anything
 * is planned or sent. Objects are strict: a field Oracle's `UserRO` does not list as writable is rejected, so a typo
 * never silently drops a value. Read-only `UserRO` fields (`id`, `statusInfo`, `processed`, dates Oracle sets…) are not
 * accepted.
 */
import { z } from 'zod';
import { duplicateKeyProblems } from '../duplicate-keys';
import { boundedText, providerId } from '../input-fields';
import { MAX_USERS_PER_JOB } from './limits';

/** Longest login id accepted (UNCONFIRMED at Oracle; our own sanity bound). */
export const MAX_LOGIN_ID_LENGTH = 255;
/** Longest e-mail address (RFC 5321's path limit). */
const MAX_EMAIL_LENGTH = 254;

const text = (field: string) => boundedText(field).trim().min(1, `${field} must not be empty`);
const optionalText = (field: string) => boundedText(field).optional();
/**
 * A Primavera login id: it names the user in Oracle's answers and files, so it holds no hidden characters, whitespace,
 * URL characters or `/`; at most 255 characters (Oracle documents no maximum: our own sanity bound).
 */
const loginId = (field: string) => providerId(field, { max: MAX_LOGIN_ID_LENGTH });
const dateTime = (field: string) =>
  z.iso.datetime({ offset: true, error: `${field} must be an ISO 8601 date-time (e.g. 2026-01-31T00:00:00Z)` });

/**
 * `RoleRO`: `name` required; a role omitted from a modified user is removed from that user
 * (docs/contracts.md#oraclesyncusers-payloads).
 */
export const OracleRoleInputSchema = z.strictObject({
  name: text('name'),
  displayName: optionalText('displayName'),
  companyAccessType: z.boolean().optional(),
  userAccessType: optionalText('userAccessType'),
});

/**
 * `CompanyRO`: the spec marks `name`, `displayName` and `id` required, but Oracle's own example sends only `name` and
 * `type` (fixture `oracle-primavera-admin-create-user-request.json`), so only `name` is required here.
 */
export const OracleOrganizationInputSchema = z.strictObject({
  name: text('name').meta({ examples: ['Harbor Works Construction'] }),
  displayName: optionalText('displayName'),
  id: optionalText('id'),
  type: optionalText('type'),
  parentId: optionalText('parentId'),
  parentName: optionalText('parentName'),
  bidderCompany: z.boolean().optional(),
  inheritedPolicy: z.boolean().optional(),
  associations: z.array(boundedText('associations[]')).optional(),
  status: optionalText('status'),
});

/**
 * One user to create or update (`UserRO`, upsert by `loginId`). `password` is deliberately not accepted: the input is
 * kept in workflow history, and secrets never go there (docs/architecture.md#secrets-never-in-history); use Primavera's
 * password resets. `disabled` is optional although the spec marks it required: Oracle's own example request leaves it
 * out (fixture `oracle-primavera-admin-create-user-request.json`), and an omitted value is sent omitted, never guessed.
 */
export const OracleUserInputSchema = z.strictObject({
  loginId: loginId('loginId').meta({ examples: ['mvdberg'] }),
  firstName: text('firstName').meta({ examples: ['Marit'] }),
  lastName: text('lastName').meta({ examples: ['van den Berg'] }),
  emailAddress: z
    .email('emailAddress must be a valid e-mail address')
    .max(MAX_EMAIL_LENGTH, `emailAddress must be at most ${MAX_EMAIL_LENGTH} characters`)
    .meta({ examples: ['marit.vandenberg@example.com'] }),
  disabled: z.boolean('disabled must be true or false').optional(),
  organization: OracleOrganizationInputSchema,
  middleName: optionalText('middleName'),
  employeeNumber: optionalText('employeeNumber'),
  manager: optionalText('manager'),
  userType: optionalText('userType'),
  roles: z.array(OracleRoleInputSchema).optional(),
  admin: z.boolean().optional(),
  locked: z.boolean().optional(),
  pwdCantChange: z.boolean().optional(),
  status: optionalText('status'),
  startDate: dateTime('startDate').optional(),
  endDate: dateTime('endDate').optional(),
});
export type OracleUserInput = z.infer<typeof OracleUserInputSchema>;

const usersOf = (list: string) =>
  z.array(OracleUserInputSchema).max(MAX_USERS_PER_JOB, `${list} must list at most ${MAX_USERS_PER_JOB} users`);

/** Input of `oracle.syncUsers`: users to create, to update, and login ids to delete; at least one non-empty list. */
export const OracleSyncUsersInputSchema = z
  .strictObject({
    added: usersOf('added').optional(),
    modified: usersOf('modified').optional(),
    deleted: z
      .array(loginId('deleted login id'))
      .max(MAX_USERS_PER_JOB, `deleted must list at most ${MAX_USERS_PER_JOB} login ids`)
      .optional(),
  })
  .superRefine((input, ctx) => {
    const refs = loginIdPaths(input);
    if (refs.length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: 'at least one of added, modified, deleted must list a user' });
    } else if (refs.length > MAX_USERS_PER_JOB) {
      ctx.addIssue({ code: 'custom', path: [], message: `at most ${MAX_USERS_PER_JOB} users per job in all lists` });
    }
    // Oracle upserts by loginId; the same user twice in one job has no defined order. Login ids are compared
    // case-insensitively (whether Primavera treats them so is UNCONFIRMED; safer to refuse both spellings).
    const keys = refs.map(({ loginId, path }) => ({ key: loginId.toLowerCase(), path, note: loginId }));
    for (const problem of duplicateKeyProblems(keys)) ctx.addIssue({ code: 'custom', ...problem });
  });
export type OracleSyncUsersInput = z.infer<typeof OracleSyncUsersInputSchema>;

interface LoginIdPath {
  readonly loginId: string;
  readonly path: PropertyKey[];
}

function loginIdPaths(input: OracleSyncUsersInput): LoginIdPath[] {
  return [
    ...(input.added ?? []).map((u, i) => ({ loginId: u.loginId, path: ['added', i, 'loginId'] })),
    ...(input.modified ?? []).map((u, i) => ({ loginId: u.loginId, path: ['modified', i, 'loginId'] })),
    ...(input.deleted ?? []).map((loginId, i) => ({ loginId, path: ['deleted', i] })),
  ];
}
