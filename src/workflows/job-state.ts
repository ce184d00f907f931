/** Pure reductions of batch states into records, counts and the job result. */
import type { BulkJobResult, ItemCounts, ItemOutcome, JobPlan, ProviderJobRecord, TerminalState } from '../domain/job';
import { emptyCounts } from '../domain/job';
import { addCounts, countOutcomes, stateFromCounts } from '../domain/outcome';
import type { BatchState } from './definitions';

/**
 * Counts of one batch: from its items when collected, else the provider's last snapshot, else all pending.
 * A batch planned without item refs (a whole-org job, e.g. activation e-mails) takes the provider's counts.
 */
export function batchCounts(plan: JobPlan, batch: BatchState): ItemCounts {
  const size = plan.batches[batch.index]?.itemRefs.length ?? 0;
  if (size === 0 && batch.snapshot) return batch.snapshot.counts;
  if (batch.items) return countOutcomes(size, batch.items);
  if (batch.snapshot) return { ...batch.snapshot.counts, total: size };
  return emptyCounts(size);
}

export function totalCounts(plan: JobPlan, batches: readonly BatchState[]): ItemCounts {
  return batches.reduce((sum, batch) => addCounts(sum, batchCounts(plan, batch)), emptyCounts());
}

export function toRecord(plan: JobPlan, batch: BatchState): ProviderJobRecord | undefined {
  if (!batch.providerJobId || !batch.startedAt) return undefined;
  const state = batch.snapshot?.state ?? (batch.error ? 'failed' : 'running');
  return {
    batch: batch.index,
    id: batch.providerJobId,
    state,
    counts: batchCounts(plan, batch),
    polls: batch.stats.polls,
    answers: batch.stats.answers,
    waitedOnRetryAfterMs: batch.stats.waitedOnRetryAfterMs,
    startedAt: batch.startedAt,
    ...(batch.finishedAt ? { finishedAt: batch.finishedAt } : {}),
    ...(batch.snapshot ? { providerStatus: batch.snapshot.providerStatus } : {}),
    ...(batch.error ? { reason: `${batch.error.type}: ${batch.error.message}` } : {}),
    ...(batch.attachments?.length ? { attachments: batch.attachments } : {}),
  };
}

export function records(plan: JobPlan, batches: readonly BatchState[]): ProviderJobRecord[] {
  return batches.flatMap((batch) => toRecord(plan, batch) ?? []);
}

/** Every item of a batch marked failed with the batch's error (the provider refused the whole batch). */
export function failedItems(
  refs: readonly string[],
  error: { type: string; message: string; code?: string },
): ItemOutcome[] {
  return refs.map((ref) => ({ ref, outcome: 'failed', code: error.code ?? error.type, message: error.message }));
}

/**
 * A whole-tenant batch (planned without item refs) that ended badly: its counts can be all zero, so the counts
 * alone would read as success.
 */
function wholeTenantBatchFailed(plan: JobPlan, batch: BatchState): boolean {
  if ((plan.batches[batch.index]?.itemRefs.length ?? 0) > 0) return false;
  const ended = batch.snapshot?.state;
  if (ended === 'failed' || ended === 'cancelled') return true;
  return batch.error !== undefined && (ended === undefined || ended === 'running');
}

function jobState(
  plan: JobPlan,
  batches: readonly BatchState[],
  counts: ItemCounts,
): Exclude<TerminalState, 'cancelled'> {
  const fromCounts = stateFromCounts(counts);
  if (fromCounts !== 'succeeded' || !batches.some((b) => wholeTenantBatchFailed(plan, b))) return fromCounts;
  return counts.succeeded + counts.skipped > 0 ? 'partial' : 'failed';
}

export function buildResult(
  jobId: string,
  plan: JobPlan,
  batches: readonly BatchState[],
  dryRun: boolean,
  cancelledBy: string | undefined,
): BulkJobResult {
  const counts = totalCounts(plan, batches);
  const state: TerminalState = cancelledBy !== undefined ? 'cancelled' : jobState(plan, batches, counts);
  const error = batches.find((b) => b.error)?.error;
  return {
    jobId,
    operation: plan.operation,
    dryRun,
    state,
    counts,
    providerJobs: records(plan, batches),
    items: batches.flatMap((batch) => batch.items ?? []),
    ...(cancelledBy !== undefined ? { cancelledBy } : {}),
    ...(error && state !== 'succeeded' ? { error } : {}),
  };
}
