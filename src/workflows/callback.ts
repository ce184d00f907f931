/**
 * Completion callback: after the result is built, POST it to the caller's `callbackUrl` (when the request has one).
 * Delivery retries without an attempt limit for up to 24 h (a receiver may be down for a while); the job's result
 * does not depend on it, so a delivery that never succeeds is logged and the workflow still completes.
 */
import { CancellationScope, log, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { errorMessage } from '../domain/errors';
import type { BulkJobResult } from '../domain/job';
import type { BulkJobWorkflowInput } from './definitions';

const delivering = proxyActivities<Pick<Activities, 'deliverCallback'>>({
  startToCloseTimeout: '1m',
  scheduleToCloseTimeout: '24h',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '10m' },
});

/**
 * Delivers `result` to the job's callback URL, if any, signed for `tenant` (the job's derived tenant); never throws
 * (a job's outcome is not the receiver's). A URL the worker's callback policy refuses fails at once
 * (non-retryable); anything else is retried for 24 h.
 */
export async function deliverCompletionCallback(
  input: BulkJobWorkflowInput,
  result: BulkJobResult,
  tenant: string,
): Promise<void> {
  const url = input.callback?.url;
  if (!url) return;
  try {
    // Not cancellable: a cancelled job's result is delivered too.
    await CancellationScope.nonCancellable(() =>
      delivering.deliverCallback({ url, jobId: result.jobId, tenant, result }),
    );
  } catch (err) {
    // The URL is not logged: it may carry a token (errors name the receiver's origin only).
    log.warn('completion callback not delivered', {
      jobId: result.jobId,
      error: errorMessage(err),
    });
  }
}
