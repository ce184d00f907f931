/** Oracle Primavera Administration user-sync limits (docs/contracts.md#oraclesyncusers-limits). */
import type { OperationLimits } from '../types';

/**
 * Users (added + modified + deleted) per POST. Oracle documents no maximum (UNCONFIRMED,
 * docs/contracts.md#oraclesyncusers-unconfirmed-points): 500 keeps one request body well under a megabyte and one job
 * short. Change it here if Oracle publishes a limit.
 */
export const MAX_USERS_PER_REQUEST = 500;

/** Users per bulk job accepted from a caller (our own bound, keeps plans and payloads sane). */
export const MAX_USERS_PER_JOB = 100_000;

/** Largest attachment (failed-users CSV, job log) kept with a result, in UTF-8 bytes. */
export const MAX_ATTACHMENT_BYTES = 64 * 1024;

/**
 * Limits of `oracle.syncUsers`. "The previous create user operation must complete before another create user operation
 * is allowed" (docs/contracts.md#oraclesyncusers-limits): one job per connection across all bulk jobs
 * (`tenantPermits`), one batch at a time.
 */
export const ORACLE_SYNC_USERS_LIMITS: OperationLimits = {
  maxItemsPerBatch: MAX_USERS_PER_REQUEST,
  maxConcurrentBatches: 1,
  pollIntervalMs: 5_000,
  tenantPermits: 1,
};
