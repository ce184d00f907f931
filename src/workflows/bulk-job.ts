/**
 * `bulkJobWorkflow`: plan, then run every batch (bounded concurrency) through start → await segments → collect,
 * and return the normalized result. Deterministic: no I/O, only activities, timers, signals and queries.
 */
import {
  CancellationScope,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { BulkJobResult, JobPlan, TerminalState } from '../domain/job';
import { emptyCounts, emptyPollStats } from '../domain/job';
import { pageItems } from '../domain/items-page';
import { DEFAULT_ATTEMPT_TIMEOUT_MS, planBulkJob, providerActivities } from './activity-proxies';
import { awaitSegment, collect, runBatch, targetOf } from './batch-runner';
import type { BatchRunContext } from './batch-runner';
import { deliverCompletionCallback } from './callback';
import { renderCurrentDetails } from './current-details';
import { SEARCH_ATTRIBUTES, cancelSignal, itemsQuery, pauseSignal, progressQuery, resumeSignal } from './definitions';
import type { BatchState, BulkJobWorkflowInput, CarriedState, JobProgress } from './definitions';
import { buildResult, records, totalCounts } from './job-state';
import { listenForPermits, releasePermit } from './permits';

const DEFAULT_SEGMENT_MS = 30 * 60_000;
const CLEANUP_SEGMENT_MS = 60_000;

export async function bulkJobWorkflow(input: BulkJobWorkflowInput): Promise<BulkJobResult> {
  const jobId = workflowInfo().workflowId;
  const run = input.carried?.run ?? 1;
  let plan: JobPlan | undefined = input.carried?.plan;
  let batches: BatchState[] = input.carried?.batches ?? [];
  let paused = input.carried?.paused ?? false;
  let cancelledBy: string | undefined;
  let segmentsThisRun = 0;
  let yieldRequested = false;
  const scope = new CancellationScope();
  let finalState: TerminalState | undefined = undefined; // set once the result is built
  const details = () => renderCurrentDetails(progressOf(jobId, input, plan, batches, paused, run), finalState);

  setHandler(progressQuery, () => progressOf(jobId, input, plan, batches, paused, run));
  void CancellationScope.nonCancellable(() => keepCurrentDetails(details));
  setHandler(itemsQuery, (page) =>
    pageItems(
      batches.flatMap((b) => b.items ?? []),
      page,
    ),
  );
  listenForPermits();
  if (!plan) {
    plan = await planBulkJob(input.request);
    batches = plan.batches.map((b) => ({ index: b.index, phase: 'pending', stats: emptyPollStats() }));
  }
  setSearchState(plan, input, paused ? 'paused' : 'running');
  const ctx: BatchRunContext = {
    jobId,
    input,
    plan,
    segmentMs: input.tuning?.segmentMs ?? DEFAULT_SEGMENT_MS,
    pollIntervalMs: input.tuning?.pollIntervalMs ?? plan.pollIntervalMs,
    shouldYield: () => yieldRequested,
    onSegment: () => {
      segmentsThisRun += 1;
      const limit = input.tuning?.maxSegmentsPerRun;
      if (workflowInfo().continueAsNewSuggested || (limit !== undefined && segmentsThisRun >= limit)) {
        yieldRequested = true;
      }
    },
    waitWhilePaused: () => condition(() => !paused),
    acts: providerActivities(input.tuning?.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS),
  };
  const control = async (action: 'pause' | 'resume') => {
    if (!ctx.plan.capabilities[action]) return;
    for (const batch of batches.filter((b) => b.phase === 'awaiting' && b.providerJobId)) {
      await ctx.acts.controlling.controlProviderJob({
        ...targetOf(ctx, batch),
        providerJobId: batch.providerJobId ?? '',
        action,
      });
    }
  };
  setHandler(pauseSignal, async () => {
    paused = true;
    setSearchState(ctx.plan, input, 'paused');
    await control('pause');
  });
  setHandler(resumeSignal, async () => {
    paused = false;
    setSearchState(ctx.plan, input, 'running');
    await control('resume');
  });
  setHandler(cancelSignal, ({ requestedBy }) => {
    cancelledBy = requestedBy;
    scope.cancel();
  });

  try {
    await scope.run(() => runAll(ctx, batches, plan.maxConcurrentBatches));
  } catch (err) {
    if (!isCancellation(err)) {
      // A loud stop (e.g. AmbiguousStartError) must not keep the tenant's permits until the liveness check.
      await CancellationScope.nonCancellable(() => releaseAll(ctx, batches));
      throw err;
    }
    cancelledBy ??= 'workflow cancellation';
    await CancellationScope.nonCancellable(() => abandonAll(ctx, batches));
  }
  await condition(allHandlersFinished);
  if (cancelledBy === undefined && batches.some((b) => b.phase !== 'done')) {
    const carried: CarriedState = { plan, batches, paused, run: run + 1 };
    return continueAsNew<typeof bulkJobWorkflow>({ ...input, carried });
  }
  const result = buildResult(jobId, plan, batches, input.request.dryRun, cancelledBy);
  setSearchState(plan, input, result.state);
  finalState = result.state;
  setCurrentDetails(details());
  await deliverCompletionCallback(input, result);
  return result;
}

/** Keeps the Web UI's current details in step with progress. A condition without timeout adds no commands. */
async function keepCurrentDetails(render: () => string): Promise<never> {
  for (;;) {
    const shown = render();
    setCurrentDetails(shown);
    await condition(() => render() !== shown);
  }
}

/** Runs batches on at most `concurrency` lanes; each lane takes the next unfinished batch. */
async function runAll(ctx: BatchRunContext, batches: BatchState[], concurrency: number): Promise<void> {
  const queue = batches.filter((b) => b.phase !== 'done');
  const lane = async (): Promise<void> => {
    for (let batch = queue.shift(); batch && !ctx.shouldYield(); batch = queue.shift()) {
      await runBatch(ctx, batch);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, lane));
}

/** After cancellation: abandon running provider jobs where the provider allows it, then record where they ended. */
async function abandonAll(ctx: BatchRunContext, batches: BatchState[]): Promise<void> {
  for (const batch of batches.filter((b) => b.phase === 'awaiting' && b.providerJobId)) {
    if (ctx.plan.capabilities.cancel) {
      await ctx.acts.controlling.controlProviderJob({
        ...targetOf(ctx, batch),
        providerJobId: batch.providerJobId ?? '',
        action: 'abandon',
      });
    }
    const terminal = await awaitSegment(ctx, batch, CLEANUP_SEGMENT_MS).catch(() => false);
    if (terminal) await collect(ctx, batch);
    batch.phase = 'done';
    batch.finishedAt ??= new Date().toISOString();
  }
  await releaseAll(ctx, batches);
}

async function releaseAll(ctx: BatchRunContext, batches: BatchState[]): Promise<void> {
  for (const batch of batches) await releasePermit(ctx.plan, batch);
}

function progressOf(
  jobId: string,
  input: BulkJobWorkflowInput,
  plan: JobPlan | undefined,
  batches: readonly BatchState[],
  paused: boolean,
  run: number,
): JobProgress {
  const done = plan !== undefined && batches.every((b) => b.phase === 'done');
  return {
    jobId,
    operation: input.request.operation,
    state: plan === undefined ? 'planning' : paused ? 'paused' : done ? 'completing' : 'running',
    counts: plan ? totalCounts(plan, batches) : emptyCounts(),
    batches: batches.length,
    providerJobs: plan ? records(plan, batches) : [],
    run,
  };
}

function setSearchState(plan: JobPlan, input: BulkJobWorkflowInput, state: string): void {
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.operation, value: plan.operation },
    { key: SEARCH_ATTRIBUTES.provider, value: plan.provider },
    { key: SEARCH_ATTRIBUTES.tenant, value: plan.tenant },
    { key: SEARCH_ATTRIBUTES.requestedBy, value: input.requestedBy },
    { key: SEARCH_ATTRIBUTES.state, value: state },
  ]);
}
