/** Webex Move Users limits (docs/contracts.md#webexmoveusers-limits). */
import type { OperationLimits } from '../types';

/** Users per POST: documented maximum; more is rejected with error 1026018. */
export const MAX_USERS_PER_REQUEST = 100;

/** Users per bulk job accepted from a caller (our own bound, keeps plans and payloads sane). */
export const MAX_USERS_PER_JOB = 100_000;

/** Default page size for the errors and list endpoints (documented default 2000; the example uses 100). */
export const ERRORS_PAGE_SIZE = 100;

/** Clock skew tolerated when matching a job's `createdTime` against a start time during reconciliation. */
export const RECONCILE_SKEW_MS = 5_000;

/**
 * Limits of `webex.moveUsers`. Whether Webex allows more than one Move Users job per org at a time is UNCONFIRMED
 * (docs/contracts.md#webexmoveusers-unconfirmed-points): nothing documents either way, so we run one Move Users job per
 * org at a time, across all bulk jobs (`tenantPermits`), to be safe.
 */
export const WEBEX_MOVE_USERS_LIMITS: OperationLimits = {
  maxItemsPerBatch: MAX_USERS_PER_REQUEST,
  maxConcurrentBatches: 1,
  tenantPermits: 1,
  pollIntervalMs: 5_000,
};
