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
import type { BulkJobResult, JobPlan } from '../domain/job';
import { emptyPollStats } from '../domain/job';
import { hasErrorName } from '../domain/errors';
import { pageItems } from '../domain/items-page';
import { DEFAULT_ATTEMPT_TIMEOUT_MS, planBulkJob, providerActivities } from './activity-proxies';
import { awaitSegment, collect, runBatch, targetOf } from './batch-runner';
import type { BatchRunContext } from './batch-runner';
import { deliverCompletionCallback } from './callback';
import { MAX_LISTED_PROVIDER_JOBS, renderCurrentDetails } from './current-details';
import { SEARCH_ATTRIBUTES, cancelSignal, itemsQuery, pauseSignal, progressQuery, resumeSignal } from './definitions';
import type { BatchState, BulkJobWorkflowInput } from './definitions';
import { buildResult, carriedState, detailsProgressOf, listedItems, newJobRun, progressOf } from './job-state';
import type { JobRun, PlannedJobRun } from './job-state';
import { jobMetrics } from './job-metrics';
import type { JobMetrics } from './job-metrics';
import { listenForPermits, releasePermit } from './permits';

const DEFAULT_SEGMENT_MS = 30 * 60_000;
const CLEANUP_SEGMENT_MS = 60_000;

export async function bulkJobWorkflow(input: BulkJobWorkflowInput): Promise<BulkJobResult> {
  const metrics = jobMetrics(input.request.operation);
  if (!input.carried) metrics.started();
  metrics.running();
  try {
    return await runJob(input, metrics);
  } catch (err) {
    // A continued run goes on as the same job; anything else thrown fails the workflow: the job stopped loudly.
    if (hasErrorName(err, 'ContinueAsNew')) metrics.continued();
    else metrics.stopped();
    throw err;
  }
}

async function runJob(input: BulkJobWorkflowInput, metrics: JobMetrics): Promise<BulkJobResult> {
  const job = newJobRun(workflowInfo().workflowId, input);
  const scope = new CancellationScope();
  const details = () => renderCurrentDetails(detailsProgressOf(job, MAX_LISTED_PROVIDER_JOBS), job.finalState);

  setHandler(progressQuery, () => progressOf(job));
  void CancellationScope.nonCancellable(() => keepCurrentDetails(details));
  setHandler(itemsQuery, (page) => pageItems(listedItems(job), page));
  listenForPermits();
  // A continued run carries its plan: nothing is awaited then, so the handlers below are set in the same step.
  const planned: PlannedJobRun = job.plan
    ? Object.assign(job, { plan: job.plan })
    : withNewPlan(job, await planBulkJob(input.request));
  setSearchState(planned, planned.paused ? 'paused' : 'running');
  const ctx = batchRunContext(planned);
  handleControlSignals(ctx, scope);

  try {
    await scope.run(() => runAll(ctx));
  } catch (err) {
    if (!isCancellation(err)) {
      // A loud stop (e.g. AmbiguousStartError) must not keep the tenant's permits until the liveness check.
      await CancellationScope.nonCancellable(() => releaseAll(ctx));
      throw err;
    }
    planned.cancelledBy ??= 'workflow cancellation';
    await CancellationScope.nonCancellable(() => abandonAll(ctx));
  }
  await condition(allHandlersFinished);
  if (planned.cancelledBy === undefined && planned.batches.some((b) => b.phase !== 'done')) {
    return continueAsNew<typeof bulkJobWorkflow>({ ...input, carried: carriedState(planned) });
  }
  const result = buildResult(planned);
  metrics.finished(result);
  setSearchState(planned, result.state);
  planned.finalState = result.state;
  setCurrentDetails(details());
  await deliverCompletionCallback(input, result, planned.plan.tenant);
  return result;
}

/** The run with the plan just made: every batch pending. */
function withNewPlan(job: JobRun, plan: JobPlan): PlannedJobRun {
  const batches: BatchState[] = plan.batches.map((b) => ({
    index: b.index,
    phase: 'pending',
    stats: emptyPollStats(),
  }));
  return Object.assign(job, { plan, batches });
}

function batchRunContext(job: PlannedJobRun): BatchRunContext {
  const tuning = job.input.tuning;
  return {
    job,
    segmentMs: tuning?.segmentMs ?? DEFAULT_SEGMENT_MS,
    pollIntervalMs: tuning?.pollIntervalMs ?? job.plan.pollIntervalMs,
    acts: providerActivities(tuning?.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS),
  };
}

/** Pause and resume (passed on to running provider jobs where the provider can) and cancel (of `scope`). */
function handleControlSignals(ctx: BatchRunContext, scope: CancellationScope): void {
  const { job } = ctx;
  const control = async (action: 'pause' | 'resume') => {
    if (!job.plan.capabilities[action]) return;
    for (const batch of job.batches.filter((b) => b.phase === 'awaiting' && b.providerJobId)) {
      await ctx.acts.controlling.controlProviderJob({
        ...targetOf(ctx, batch),
        providerJobId: batch.providerJobId ?? '',
        action,
      });
    }
  };
  setHandler(pauseSignal, async () => {
    job.paused = true;
    setSearchState(job, 'paused');
    await control('pause');
  });
  setHandler(resumeSignal, async () => {
    job.paused = false;
    setSearchState(job, 'running');
    await control('resume');
  });
  setHandler(cancelSignal, ({ requestedBy }) => {
    job.cancelledBy = requestedBy;
    scope.cancel();
  });
}

/** Keeps the Web UI's current details in step with progress. A condition without timeout adds no commands. */
async function keepCurrentDetails(render: () => string): Promise<never> {
  for (;;) {
    const shown = render();
    setCurrentDetails(shown);
    await condition(() => render() !== shown);
  }
}

/** Runs batches on at most `maxConcurrentBatches` lanes; each lane takes the next unfinished batch. */
async function runAll(ctx: BatchRunContext): Promise<void> {
  const { job } = ctx;
  const queue = job.batches.filter((b) => b.phase !== 'done');
  const lane = async (): Promise<void> => {
    for (let batch = queue.shift(); batch && !job.yieldRequested; batch = queue.shift()) {
      await runBatch(ctx, batch);
    }
  };
  const lanes = Math.max(1, Math.min(job.plan.maxConcurrentBatches, queue.length));
  await Promise.all(Array.from({ length: lanes }, lane));
}

/** After cancellation: abandon running provider jobs where the provider allows it, then record where they ended. */
async function abandonAll(ctx: BatchRunContext): Promise<void> {
  for (const batch of ctx.job.batches.filter((b) => b.phase === 'awaiting' && b.providerJobId)) {
    if (ctx.job.plan.capabilities.cancel) {
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
  await releaseAll(ctx);
}

async function releaseAll({ job }: BatchRunContext): Promise<void> {
  for (const batch of job.batches) await releasePermit(job.plan, batch);
}

function setSearchState({ plan, input }: PlannedJobRun, state: string): void {
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.operation, value: plan.operation },
    { key: SEARCH_ATTRIBUTES.provider, value: plan.provider },
    { key: SEARCH_ATTRIBUTES.tenant, value: plan.tenant },
    { key: SEARCH_ATTRIBUTES.requestedBy, value: input.requestedBy },
    { key: SEARCH_ATTRIBUTES.state, value: state },
  ]);
}
