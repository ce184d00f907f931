/** FullStory batch user import limits (docs/contracts.md#fullstoryimportusers-limits). */
import type { OperationLimits } from '../types';

/** Request objects per `POST /v2/users/batch`: the documented maximum. */
export const MAX_REQUESTS_PER_BATCH = 50_000;

/** Users per bulk job accepted from a caller (our own bound: 20 full batches). */
export const MAX_USERS_PER_JOB = 1_000_000;

/** In-progress batches per org that FullStory runs; more are accepted but queued until some complete. */
export const MAX_RUNNING_BATCHES_PER_ORG = 100;

/** In-progress batches per org at which FullStory answers 429 until some complete. */
export const MAX_IN_PROGRESS_BATCHES_PER_ORG = 200;

/** In-progress individual operations (items) per org at which FullStory answers 429 until some complete. */
export const MAX_IN_PROGRESS_OPERATIONS_PER_ORG = 500_000;

/** Header that makes the create call idempotent; FullStory keeps the first answer for 24 h. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * Limits of `fullstory.importUsers`. `tenantPermits` keeps every bulk job together within the 100 batches FullStory
 * runs per org (the tenant is the connection, one API key = one org), so no batch sits queued at FullStory.
 * `maxConcurrentBatches` 10 is our choice: 10 full batches are exactly the 500,000 in-progress operations at which
 * FullStory starts answering 429, so one bulk job alone never trips that limit.
 */
export const FULLSTORY_IMPORT_USERS_LIMITS: OperationLimits = {
  maxItemsPerBatch: MAX_REQUESTS_PER_BATCH,
  maxConcurrentBatches: 10,
  pollIntervalMs: 5_000,
  tenantPermits: MAX_RUNNING_BATCHES_PER_ORG,
};
