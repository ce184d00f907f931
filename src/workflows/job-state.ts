/**
 * The state of one run of `bulkJobWorkflow` in one object, and pure reductions of it and of its batches into
 * records, counts, progress, the state carried to the next run and the job result.
 */
import type {
  BatchTally,
  BulkJobResult,
  ItemCounts,
  ItemOutcome,
  JobPlan,
  ProviderJobRecord,
  TerminalState,
} from '../domain/job';
import { emptyCounts, progressMarks } from '../domain/job';
import { addCounts, checkedCounts, stateFromCounts } from '../domain/outcome';
import { pendingItems } from '../domain/items-page';
import type { ListedItem } from '../domain/items-page';
import type { DetailsProgress } from './current-details';
import type { BatchState, BulkJobWorkflowInput, CarriedState, JobProgress } from './definitions';
import { settledBatch, settledCountsOf } from './settled-batch';

export { settledBatch } from './settled-batch';

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

/** Where the job stands, as the progress query answers it. */
export function progressOf(job: JobRun): JobProgress {
  return { ...progressHead(job), providerJobs: job.plan ? records(job.plan, job.batches) : [] };
}

/** Progress apart from its provider jobs. */
function progressHead(job: JobRun): Omit<JobProgress, 'providerJobs'> {
  const { plan, batches } = job;
  const batchTally = tallyOf(batches);
  const done = plan !== undefined && batchTally.done === batches.length;
  return {
    jobId: job.jobId,
    operation: job.input.request.operation,
    state: plan === undefined ? 'planning' : job.paused ? 'paused' : done ? 'completing' : 'running',
    counts: plan ? totalCounts(plan, batches) : emptyCounts(),
    batches: batches.length,
    batchTally,
    run: job.run,
  };
}

/** How many batches are done, awaiting their provider job, and not started yet. */
export function tallyOf(batches: readonly BatchState[]): BatchTally {
  const tally = { total: batches.length, done: 0, running: 0, waiting: 0 };
  for (const { phase } of batches) {
    if (phase === 'done') tally.done += 1;
    else if (phase === 'awaiting') tally.running += 1;
    else tally.waiting += 1;
  }
  return tally;
}

/**
 * Counts of one batch: from its items when collected, else the provider's last snapshot (which the awaiting activity
 * checked covers the batch), else all pending. A batch planned without item refs (a whole-org job, e.g. activation
 * e-mails) takes the provider's counts. Thrown when they do not add up: ResultInvariantError (a bug of ours).
 */
export function batchCounts(plan: JobPlan, batch: BatchState): ItemCounts {
  const size = plan.batches[batch.index]?.itemRefs.length ?? 0;
  if (batch.snapshot && (size === 0 || !batch.items))
    return checkedCounts(batch.snapshot.counts, `batch ${batch.index}`);
  if (batch.items) return { ...settledCountsOf(plan, batch) };
  return emptyCounts(size);
}

/** The refs of a batch's planned items that `items` (its settled items) give no outcome. */
function pendingRefsOf(plan: JobPlan, batch: BatchState, items: readonly ItemOutcome[]): string[] {
  const known = new Set(items.map((item) => item.ref));
  return (plan.batches[batch.index]?.itemRefs ?? []).filter((ref) => !known.has(ref));
}

/**
 * Every item of the request, batch by batch, for the items query: the outcomes collected so far, then the batch's
 * items without one (pending). A batch planned without item refs (a whole-org job) lists only its provider's rows.
 */
export function listedItems(job: JobRun): ListedItem[] {
  const { plan } = job;
  if (!plan) return [];
  return job.batches.flatMap((batch) => {
    const { items } = settledBatch(plan, batch);
    return [...items, ...pendingItems(pendingRefsOf(plan, batch, items))];
  });
}

/**
 * Progress for the current details, which are rendered each time the workflow wakes: the provider jobs they list
 * (the first `listed`) as records, and only counts of the rest, so a render costs one pass over the batches without
 * building a record for each (a job of 1,000 batches built 1,000 records at every activation).
 */
export function detailsProgressOf(job: JobRun, listed: number): DetailsProgress {
  const { plan, batches } = job;
  const providerJobs: ProviderJobRecord[] = [];
  let startedJobs = 0;
  let runningJobs = 0;
  for (const batch of batches) {
    if (!plan || !hasRecord(batch)) continue;
    startedJobs += 1;
    if (recordState(batch) === 'running') runningJobs += 1;
    if (providerJobs.length < listed) providerJobs.push(toRecord(plan, batch) as ProviderJobRecord);
  }
  return { ...progressHead(job), providerJobs, startedJobs, runningJobs };
}

/** Counts of the whole job. Thrown when they do not add up: ResultInvariantError. */
export function totalCounts(plan: JobPlan, batches: readonly BatchState[]): ItemCounts {
  let sum = emptyCounts();
  for (const batch of batches) sum = addCounts(sum, batchCounts(plan, batch));
  return checkedCounts(sum, 'job');
}

/** True when the batch has a provider job (started, or found after a lost answer): it has a record. */
function hasRecord(batch: BatchState): boolean {
  return batch.providerJobId !== undefined && batch.startedAt !== undefined;
}

/** The state a batch's record shows: the provider's word, else failed on an error, else running. */
function recordState(batch: BatchState): ProviderJobRecord['state'] {
  return batch.snapshot?.state ?? (batch.error ? 'failed' : 'running');
}

export function toRecord(plan: JobPlan, batch: BatchState): ProviderJobRecord | undefined {
  if (!batch.providerJobId || !batch.startedAt) return undefined;
  const state = recordState(batch);
  return {
    batch: batch.index,
    id: batch.providerJobId,
    state,
    counts: batchCounts(plan, batch),
    polls: batch.stats.polls,
    answers: batch.stats.answers,
    waitedOnRetryAfterMs: batch.stats.waitedOnRetryAfterMs,
    ...progressMarks(batch.stats),
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

type Verdict = Exclude<TerminalState, 'cancelled'>;

/**
 * What one batch says about the job's state. The provider's word comes first, but never claims more success than its
 * own pages show: a job it reported succeeded whose pages name a failure of the batch is partial, or failed when that
 * leaves nothing succeeded (a warning carries both figures); one it reported partial stays partial; one it reported
 * failed or cancelled is partial when some of its items are known to have succeeded. A batch that ended in an error (refused, unreadable
 * answer, given up) failed. A batch without a provider verdict (a dry run) follows its counts.
 */
export function batchVerdict(plan: JobPlan, batch: BatchState): Verdict {
  if (batch.error) return 'failed';
  const said = batch.snapshot?.state;
  switch (said) {
    case 'succeeded': {
      // Items the pages do not settle are the provider's successes; a failure a page names stands.
      const counts = batchCounts(plan, batch);
      if (counts.failed === 0) return 'succeeded';
      return counts.succeeded + counts.skipped + counts.pending > 0 ? 'partial' : 'failed';
    }
    case 'partial':
      return said;
    case 'failed':
    case 'cancelled': {
      const counts = batchCounts(plan, batch);
      return counts.succeeded + counts.skipped > 0 ? 'partial' : 'failed';
    }
    case 'running':
    case undefined:
      return stateFromCounts(batchCounts(plan, batch));
  }
}

/** Every batch succeeded → succeeded; every batch failed → failed; anything else → partial. */
function jobState(plan: JobPlan, batches: readonly BatchState[]): Verdict {
  const verdicts = batches.map((batch) => batchVerdict(plan, batch));
  if (verdicts.every((v) => v === 'succeeded')) return 'succeeded';
  if (verdicts.every((v) => v === 'failed')) return 'failed';
  return 'partial';
}

/** The job's result, once every batch is done or the job is cancelled. */
export function buildResult(job: PlannedJobRun): BulkJobResult {
  const { jobId, plan, batches, cancelledBy } = job;
  const counts = totalCounts(plan, batches);
  const state: TerminalState = cancelledBy !== undefined ? 'cancelled' : jobState(plan, batches);
  const error = batches.find((b) => b.error)?.error;
  const settled = batches.map((batch) => settledBatch(plan, batch));
  const warnings = settled.flatMap((s) => s.warnings);
  const pendingRefs = batches.flatMap((batch, i) => pendingRefsOf(plan, batch, settled[i]?.items ?? []));
  return {
    jobId,
    operation: plan.operation,
    dryRun: job.input.request.dryRun,
    state,
    counts,
    providerJobs: records(plan, batches),
    items: settled.flatMap((s) => s.items),
    ...(pendingRefs.length > 0 ? { pendingRefs } : {}),
    ...(cancelledBy !== undefined ? { cancelledBy } : {}),
    ...(error && state !== 'succeeded' ? { error } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
