/** The life of one batch: start its provider job, await it segment by segment, collect per-item outcomes. */
import { condition, isCancellation, workflowInfo } from '@temporalio/workflow';
import type { ProviderJobTarget } from '../activities/types';
import type { ProviderActivities } from './activity-proxies';
import type { BatchState } from './definitions';
import { JOB_STOPPING_ERROR_TYPES } from '../domain/error-names';
import { failureInfo } from './failure-info';
import { failedItems } from './job-state';
import type { PlannedJobRun } from './job-state';
import { jobMetrics } from './job-metrics';
import { acquirePermit, releasePermit } from './permits';

export interface BatchRunContext {
  /** The run's state: batches are run from it, and it is told of every segment (and whether to yield). */
  readonly job: PlannedJobRun;
  readonly segmentMs: number;
  readonly pollIntervalMs: number;
  readonly acts: ProviderActivities;
}

export function targetOf({ job }: BatchRunContext, batch: BatchState): ProviderJobTarget {
  const planned = job.plan.batches[batch.index];
  if (!planned) throw new Error(`batch ${batch.index} is not in the plan`);
  return { operation: job.plan.operation, connection: job.input.request.connection, batch: planned };
}

async function start(ctx: BatchRunContext, batch: BatchState): Promise<void> {
  const target = targetOf(ctx, batch);
  try {
    const started = await ctx.acts.starting.startProviderJob({
      ...target,
      idempotencyKey: `${ctx.job.jobId}/batch-${batch.index}`,
      dryRun: ctx.job.input.request.dryRun,
      scheduledAt: new Date().toISOString(),
      pollIntervalMs: ctx.pollIntervalMs,
    });
    batch.startedAt = started.startedAt;
    if (started.kind === 'validated') {
      batch.items = [...started.items];
      if (started.warnings?.length) batch.warnings = [...started.warnings];
      finish(batch);
      return;
    }
    batch.providerJobId = started.providerJobId;
    batch.phase = 'awaiting';
  } catch (err) {
    if (stopsTheJob(err)) throw err;
    const info = failureInfo(err);
    batch.error = { type: info.type, message: info.message };
    batch.items = failedItems(target.batch.itemRefs, info);
    finish(batch);
  }
}

/** Cancellation, and the failures that stop the whole job loudly (`JOB_STOPPING_ERROR_TYPES`), end every batch. */
function stopsTheJob(err: unknown): boolean {
  return isCancellation(err) || JOB_STOPPING_ERROR_TYPES.includes(failureInfo(err).type);
}

function finish(batch: BatchState): void {
  batch.phase = 'done';
  batch.finishedAt = new Date().toISOString();
}

/** Awaits one segment; returns true when the provider job reached a terminal state. */
export async function awaitSegment(ctx: BatchRunContext, batch: BatchState, segmentMs: number): Promise<boolean> {
  const providerJobId = batch.providerJobId;
  if (!providerJobId) throw new Error(`batch ${batch.index} has no provider job`);
  const result = await ctx.acts.awaiting(segmentMs).awaitProviderJob({
    ...targetOf(ctx, batch),
    providerJobId,
    segmentMs,
    pollIntervalMs: ctx.pollIntervalMs,
    carried: batch.stats,
  });
  batch.stats = result.stats;
  if (result.snapshot) batch.snapshot = result.snapshot;
  return result.snapshot !== undefined && result.snapshot.state !== 'running';
}

/** Reads per-item outcomes of a finished provider job and marks the batch done. */
export async function collect(ctx: BatchRunContext, batch: BatchState): Promise<void> {
  const { providerJobId, snapshot } = batch;
  if (providerJobId && snapshot) {
    try {
      const collected = await ctx.acts.collecting.collectItemResults({
        ...targetOf(ctx, batch),
        providerJobId,
        snapshot,
      });
      batch.items = collected.items;
      if (collected.warnings?.length) batch.warnings = [...collected.warnings];
      if (collected.attachments?.length) batch.attachments = collected.attachments;
    } catch (err) {
      if (stopsTheJob(err)) throw err;
      const info = failureInfo(err);
      batch.error = { type: info.type, message: info.message };
    }
  }
  finish(batch);
}

/** Runs a batch until it is done or the run should yield for continue-as-new. */
export async function runBatch(ctx: BatchRunContext, batch: BatchState): Promise<void> {
  if (batch.phase === 'pending') {
    await condition(() => !ctx.job.paused);
    const waitedMs = await acquirePermit(ctx.job.plan, batch);
    if (waitedMs !== undefined) jobMetrics(ctx.job.plan.operation).permitWaited(waitedMs);
    await start(ctx, batch);
  }
  await awaitUntilDone(ctx, batch);
  if (batch.phase === 'done') await releasePermit(ctx.job.plan, batch);
}

/** Counts a finished segment; the run yields once the server suggests continue-as-new or the tuning's limit is met. */
function segmentDone(job: PlannedJobRun): void {
  job.segmentsThisRun += 1;
  const limit = job.input.tuning?.maxSegmentsPerRun;
  if (workflowInfo().continueAsNewSuggested || (limit !== undefined && job.segmentsThisRun >= limit)) {
    job.yieldRequested = true;
  }
}

async function awaitUntilDone(ctx: BatchRunContext, batch: BatchState): Promise<void> {
  while (batch.phase === 'awaiting') {
    if (ctx.job.yieldRequested) return;
    let terminal: boolean;
    try {
      terminal = await awaitSegment(ctx, batch, ctx.segmentMs);
    } catch (err) {
      if (stopsTheJob(err)) throw err;
      const info = failureInfo(err);
      batch.error = { type: info.type, message: info.message };
      finish(batch);
      return;
    }
    segmentDone(ctx.job);
    if (terminal) await collect(ctx, batch);
    // Still running after a whole segment: the provider job outlives the time a batch is expected to take.
    else jobMetrics(ctx.job.plan.operation).batchOverdue();
  }
}
