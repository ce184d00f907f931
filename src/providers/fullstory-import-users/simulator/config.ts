/** Configuration of the FullStory batch import simulator: progress, failing users, paging and the org limits. */
import { z } from 'zod';
import { ProgressionConfigShape, progressionOf, type SimProgression } from '../../../simulator/progression';
export type { SimProgression } from '../../../simulator/progression';
import {
  MAX_IN_PROGRESS_BATCHES_PER_ORG,
  MAX_IN_PROGRESS_OPERATIONS_PER_ORG,
  MAX_RUNNING_BATCHES_PER_ORG,
} from '../limits';

/**
 * `pollsToComplete` (deterministic, for tests) wins over `durationMs` (wall time, for the demo; default 2.5 s); a
 * job counts neither status reads nor time while it is queued, only once it has a running slot. Limits default to FullStory's documented ones and are configurable so a test can reach them cheaply.
 */
export const FullStoryImportUsersSimConfigSchema = z.strictObject({
  ...ProgressionConfigShape,
  /** Users that fail besides those whose uid contains `FAIL` (and those with invalid data). */
  failUids: z.array(z.string()).optional(),
  /** Results per page of `/errors` and `/imports` (FullStory's own page size is undocumented; default 100). */
  pageSize: z.number().int().min(1).optional(),
  /**
   * How the last page says it is last: no `next_page_token` (default) or `""` (UNCONFIRMED,
   * docs/contracts.md#fullstoryimportusers-unconfirmed-points).
   */
  lastPageToken: z.enum(['omit', 'empty']).optional(),
  /** In-progress batches that run; later ones are accepted but stay queued (default 100). */
  maxRunningBatches: z.number().int().min(1).optional(),
  /** In-progress batches at which a create call is answered 429 (default 200). */
  maxInProgressBatches: z.number().int().min(1).optional(),
  /** In-progress operations (users) at which a create call is answered 429 (default 500,000). */
  maxInProgressOperations: z.number().int().min(1).optional(),
  /** `Retry-After` (seconds) of those 429s (default 10). */
  retryAfterSeconds: z.number().int().min(1).optional(),
  /** How long an Idempotency-Key's answer is replayed (default 24 h). */
  idempotencyTtlMs: z.number().int().min(0).optional(),
  /**
   * Users added to `imports` in every status answer (default 0): a summary counting more users than the batch was
   * sent, as FullStory's own documented status example does. The `/errors` and `/imports` pages stay true.
   */
  summaryExtraImports: z.number().int().min(0).optional(),
});
export type FullStoryImportUsersSimConfig = z.infer<typeof FullStoryImportUsersSimConfigSchema>;

/** Default wall-time duration of a simulated job. */
export const DEFAULT_SIM_DURATION_MS = 2_500;
export const DEFAULT_PAGE_SIZE = 100;
export const DEFAULT_RETRY_AFTER_SECONDS = 10;
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/** The configuration with every default filled in. */
export interface EffectiveSimConfig {
  readonly progression: SimProgression;
  readonly failUids: readonly string[];
  readonly pageSize: number;
  readonly lastPageToken: 'omit' | 'empty';
  readonly maxRunningBatches: number;
  readonly maxInProgressBatches: number;
  readonly maxInProgressOperations: number;
  readonly retryAfterSeconds: number;
  readonly idempotencyTtlMs: number;
  readonly summaryExtraImports: number;
}

/** Fills in the defaults of `config`. */
export function effectiveConfig(config: FullStoryImportUsersSimConfig): EffectiveSimConfig {
  return {
    progression: progressionOf(config, DEFAULT_SIM_DURATION_MS),
    failUids: config.failUids ?? [],
    pageSize: config.pageSize ?? DEFAULT_PAGE_SIZE,
    lastPageToken: config.lastPageToken ?? 'omit',
    maxRunningBatches: config.maxRunningBatches ?? MAX_RUNNING_BATCHES_PER_ORG,
    maxInProgressBatches: config.maxInProgressBatches ?? MAX_IN_PROGRESS_BATCHES_PER_ORG,
    maxInProgressOperations: config.maxInProgressOperations ?? MAX_IN_PROGRESS_OPERATIONS_PER_ORG,
    retryAfterSeconds: config.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
    idempotencyTtlMs: config.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS,
    summaryExtraImports: config.summaryExtraImports ?? 0,
  };
}
