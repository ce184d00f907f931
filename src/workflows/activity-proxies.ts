/** Activity stubs with the timeouts and retry policies of the retry table (docs/architecture.md#retry-table). */
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { NON_RETRYABLE_ERROR_TYPES } from '../domain/error-names';

const nonRetryableErrorTypes = NON_RETRYABLE_ERROR_TYPES;

/** Default bound of one attempt (one provider request, or one page walk when collecting). */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 2 * 60_000;

/**
 * Patch id of the short start path: planning and the permit request run as local activities, inside the workflow
 * task that needs them, instead of each costing an activity task and another workflow task (docs/benchmarks.md,
 * scenario 5). Histories recorded before it replay on the old path.
 */
export const LOCAL_START_PATCH = 'local-start-activities';

/** True when this run takes the short start path (always, for runs that reach this code after the patch). */
export function localStart(): boolean {
  return patched(LOCAL_START_PATCH);
}

const PLANNING_OPTIONS = { startToCloseTimeout: '30s', retry: { maximumAttempts: 3, nonRetryableErrorTypes } } as const;
const planning = proxyActivities<Pick<Activities, 'planBulkJob'>>(PLANNING_OPTIONS);
const localPlanning = proxyLocalActivities<Pick<Activities, 'planBulkJob'>>(PLANNING_OPTIONS);

/** Plans the job (pure, fast, deterministic): a local activity on the short start path. */
export function planBulkJob(request: Parameters<Activities['planBulkJob']>[0]): ReturnType<Activities['planBulkJob']> {
  return localStart() ? localPlanning.planBulkJob(request) : planning.planBulkJob(request);
}

/**
 * The provider-facing activities. `attemptTimeoutMs` bounds one attempt: a worker that dies mid-attempt is noticed
 * after it, and the attempt retried elsewhere.
 */
export function providerActivities(attemptTimeoutMs: number) {
  const retry: RetryPolicy = {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '10m',
    nonRetryableErrorTypes,
  };
  return {
    /** Starts retry until accepted or refused for good; delays come from `Retry-After` via `nextRetryDelay`. */
    starting: proxyActivities<Pick<Activities, 'startProviderJob'>>({
      startToCloseTimeout: attemptTimeoutMs,
      scheduleToCloseTimeout: '24h',
      retry,
    }),
    /** One awaiting segment: bounded by schedule-to-close, never by an attempt count. */
    awaiting: (segmentMs: number) =>
      proxyActivities<Pick<Activities, 'awaitProviderJob'>>({
        startToCloseTimeout: attemptTimeoutMs,
        scheduleToCloseTimeout: segmentMs + attemptTimeoutMs + 5 * 60_000,
        retry,
      }),
    collecting: proxyActivities<Pick<Activities, 'collectItemResults'>>({
      startToCloseTimeout: Math.max(attemptTimeoutMs, 10 * 60_000),
      heartbeatTimeout: attemptTimeoutMs,
      scheduleToCloseTimeout: '24h',
      retry: { ...retry, maximumInterval: '5m' },
    }),
    controlling: proxyActivities<Pick<Activities, 'controlProviderJob'>>({
      startToCloseTimeout: attemptTimeoutMs,
      scheduleToCloseTimeout: '10m',
      retry: { ...retry, maximumInterval: '1m' },
    }),
  };
}

export type ProviderActivities = ReturnType<typeof providerActivities>;
