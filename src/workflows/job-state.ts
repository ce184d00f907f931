/**
 * The state of one run of `bulkJobWorkflow` in one object, and pure reductions of it and of its batches into
 * records, counts, progress, the state carried to the next run and the job result.
 */
import type { BulkJobResult, ItemCounts, ItemOutcome, JobPlan, ProviderJobRecord, TerminalState } from '../domain/job';
import { emptyCounts } from '../domain/job';
import { addCounts, countOutcomes, stateFromCounts } from '../domain/outcome';
import { settleItems } from '../domain/settle';
import type { SettledItems } from '../domain/settle';
import type { BatchState, BulkJobWorkflowInput, CarriedState, JobProgress } from './definitions';

/** Everything one run of a bulk job knows and changes, shared by the workflow, its handlers and its helpers. */
export interface JobRun {
  readonly jobId: string;
  readonly input: BulkJobWorkflowInput;
  /** This run's number in the job's continue-as-new chain, from 1. */
  readonly run: number;
  /** Undefined until the job is planned (carried from the run before when continued). */
  plan: JobPlan | undefined;
  batches: BatchState[];
  paused: boolean;
  /** Who cancelled the job, once it is cancelled. */
  cancelledBy: string | undefined;
  /** Awaiting segments finished in this run (against `tuning.maxSegmentsPerRun`). */
  segmentsThisRun: number;
  /** Set when this run should stop at the next safe point and continue as new. */
  yieldRequested: boolean;
  /** The job's final state, once its result is built. */
  finalState: TerminalState | undefined;
}

/** A run once its job is planned. */
export type PlannedJobRun = JobRun & { plan: JobPlan };

/** The state a run of job `jobId` starts with: fresh, or what the run before it carried. */
export function newJobRun(jobId: string, input: BulkJobWorkflowInput): JobRun {
  const carried = input.carried;
  return {
    jobId,
    input,
    run: carried?.run ?? 1,
    plan: carried?.plan,
    batches: carried?.batches ?? [],
    paused: carried?.paused ?? false,
    cancelledBy: undefined,
    segmentsThisRun: 0,
    yieldRequested: false,
    finalState: undefined,
  };
}

/** What the next run of the chain starts from. */
export function carriedState(job: PlannedJobRun): CarriedState {
  return { plan: job.plan, batches: job.batches, paused: job.paused, run: job.run + 1 };
}

/** Where the job stands, as the progress query answers and the current details show. */
export function progressOf(job: JobRun): JobProgress {
  const { plan, batches } = job;
  const done = plan !== undefined && batches.every((b) => b.phase === 'done');
  return {
    jobId: job.jobId,
    operation: job.input.request.operation,
    state: plan === undefined ? 'planning' : job.paused ? 'paused' : done ? 'completing' : 'running',
    counts: plan ? totalCounts(plan, batches) : emptyCounts(),
    batches: batches.length,
    providerJobs: plan ? records(plan, batches) : [],
    run: job.run,
  };
}

/**
 * Counts of one batch: from its items when collected, else the provider's last snapshot, else all pending.
 * A batch planned without item refs (a whole-org job, e.g. activation e-mails) takes the provider's counts.
 */
export function batchCounts(plan: JobPlan, batch: BatchState): ItemCounts {
  const size = plan.batches[batch.index]?.itemRefs.length ?? 0;
  if (size === 0 && batch.snapshot) return batch.snapshot.counts;
  if (batch.items) return countOutcomes(size, settledBatch(plan, batch).items);
  if (batch.snapshot) return { ...batch.snapshot.counts, total: size };
  return emptyCounts(size);
}

/**
 * A batch's items and warnings under the engine's rules. Activities settle what they return, so this changes nothing
 * for them; it keeps state carried from runs before that (rows naming no item of the batch) from being counted.
 */
export function settledBatch(plan: JobPlan, batch: BatchState): SettledItems {
  const itemRefs = plan.batches[batch.index]?.itemRefs ?? [];
  const settled = settleItems(batch.items ?? [], { batch: { index: batch.index, itemRefs } });
  return { items: settled.items, warnings: [...(batch.warnings ?? []), ...settled.warnings] };
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

/** The job's result, once every batch is done or the job is cancelled. */
export function buildResult(job: PlannedJobRun): BulkJobResult {
  const { jobId, plan, batches, cancelledBy } = job;
  const counts = totalCounts(plan, batches);
  const state: TerminalState = cancelledBy !== undefined ? 'cancelled' : jobState(plan, batches, counts);
  const error = batches.find((b) => b.error)?.error;
  return {
    jobId,
    operation: plan.operation,
    dryRun: job.input.request.dryRun,
    state,
    counts,
    providerJobs: records(plan, batches),
    items: batches.flatMap((batch) => batch.items ?? []),
    ...(cancelledBy !== undefined ? { cancelledBy } : {}),
    ...(error && state !== 'succeeded' ? { error } : {}),
  };
}
