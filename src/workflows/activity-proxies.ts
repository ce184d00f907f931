/** Activity stubs with the timeouts and retry policies of the retry table (ARCHITECTURE.md §3). */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { NON_RETRYABLE_ERROR_TYPES } from '../domain/error-names';

const nonRetryableErrorTypes = NON_RETRYABLE_ERROR_TYPES;

export const planning = proxyActivities<Pick<Activities, 'planBulkJob'>>({
  startToCloseTimeout: '30s',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes },
});

/** Starts retry until accepted or refused for good; delays come from `Retry-After` via `nextRetryDelay`. */
export const starting = proxyActivities<Pick<Activities, 'startProviderJob'>>({
  startToCloseTimeout: '2m',
  scheduleToCloseTimeout: '24h',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '10m', nonRetryableErrorTypes },
});

/** One awaiting segment: bounded by schedule-to-close, never by an attempt count. */
export function awaiting(segmentMs: number) {
  return proxyActivities<Pick<Activities, 'awaitProviderJob'>>({
    startToCloseTimeout: '2m',
    scheduleToCloseTimeout: segmentMs + 5 * 60_000,
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '10m', nonRetryableErrorTypes },
  });
}

export const collecting = proxyActivities<Pick<Activities, 'collectItemResults'>>({
  startToCloseTimeout: '10m',
  scheduleToCloseTimeout: '24h',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m', nonRetryableErrorTypes },
});

export const controlling = proxyActivities<Pick<Activities, 'controlProviderJob'>>({
  startToCloseTimeout: '1m',
  scheduleToCloseTimeout: '10m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', nonRetryableErrorTypes },
});
