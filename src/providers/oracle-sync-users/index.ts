/** Oracle Primavera Administration user sync: operation, input, wire schemas, status mapping and simulator. */
export { createOracleSyncUsersOperation, oracleSyncUsers, type OracleSyncUsersOptions } from './operation';
export {
  OracleOrganizationInputSchema,
  OracleRoleInputSchema,
  OracleSyncUsersInputSchema,
  OracleUserInputSchema,
  parseOracleSyncUsersInput,
  type OracleSyncUsersInput,
  type OracleUserInput,
} from './input';
export { MAX_ATTACHMENT_BYTES, MAX_USERS_PER_JOB, MAX_USERS_PER_REQUEST, ORACLE_SYNC_USERS_LIMITS } from './limits';
export { jobIdFromBody, jobIdFromLocation } from './job-id';
export { loginIdsOf, OracleSyncUsersBatchPayloadSchema, planSyncUsers, type OracleSyncUsersBatchPayload } from './plan';
export {
  mapSyncUsersStatus,
  ORACLE_STATUS_ANSWERS,
  reasonOf,
  type OracleStatusCode,
  type SyncUsersStatus,
} from './status-mapping';
export { saysFailed, userOutcomesOf, type UserOutcomes } from './user-outcomes';
export { toAttachment } from './collect-items';
export {
  OracleCompanySchema,
  OracleErrorBodySchema,
  OracleRoleSchema,
  OracleUserSchema,
  UserDataStoreRequestSchema,
  UserDataStoreResultSchema,
  type OracleErrorBody,
  type OracleUser,
  type UserDataStoreRequest,
  type UserDataStoreResult,
} from './schemas';
export { apiRoot, classifyOracle, statusPath, usersPath, V1_ROOT, V3_ROOT } from './wire';
export {
  createOracleSyncUsersSimulator,
  SYNC_USERS_CONTROL_PATH,
  type OracleSyncUsersSimulator,
  type SimUserJobSummary,
} from './simulator';
export { OracleSyncUsersSimConfigSchema, type OracleSyncUsersSimConfig } from './simulator-config';
