/**
 * Oracle Primavera Administration user sync: the operation the worker runs, and its input type. The simulator lives
 * in `simulator/` and is never exported from here.
 */
export { createOracleSyncUsersOperation, oracleSyncUsers, type OracleSyncUsersOptions } from './operation';
export type { OracleSyncUsersInput } from './input';
