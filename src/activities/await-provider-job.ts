/**
 * `awaitProviderJob`: one status poll per attempt; the activity's retry policy is the polling loop
 * (docs/architecture.md#polling-by-activity-retry). Attempt memory (polls, answers by kind, time waited on
 * `Retry-After`, last snapshot) lives in heartbeat details, which the server hands to the next attempt (proven in
 * test/integration/sdk-behaviour.test.ts). The attempt returns on a terminal state or when the segment is over.
 */
import { Context } from '@temporalio/activity';
import type { PollStats, ProviderJobSnapshot } from '../domain/job';
import { answerOfError, heldByRetryAfter, jobMetricTags } from '../domain/metrics';
import { clampDelay } from '../http/retry-after';
import { bind } from './context';
import type { ActivityDeps } from './context';
import { stillRunning, toFailure } from './failures';
import { measuredRequest, recordProgress, recordRetryAfterWait } from './metrics';
import type { MetricTarget } from './metrics';
import { heldAnswer, nextStep } from './poll-step';
import type { PollAnswer } from './poll-step';
import type { AwaitProviderJobInput, AwaitProviderJobResult } from './types';

/** What one attempt leaves for the next. */
export interface AwaitCheckpoint {
  /** The batch being awaited, so progress readers can attribute the checkpoint. */
  readonly batch: number;
  readonly stats: PollStats;
  readonly snapshot?: ProviderJobSnapshot;
}

function result(checkpoint: AwaitCheckpoint): AwaitProviderJobResult {
  return checkpoint.snapshot ? { stats: checkpoint.stats, snapshot: checkpoint.snapshot } : { stats: checkpoint.stats };
}

export async function awaitProviderJob(
  deps: ActivityDeps,
  input: AwaitProviderJobInput,
): Promise<AwaitProviderJobResult> {
  const context = Context.current();
  const previous = (context.info.heartbeatDetails as AwaitCheckpoint | undefined) ?? {
    batch: input.batch.index,
    stats: input.carried,
  };
  const segmentEndsAt = context.info.scheduledTimestampMs + input.segmentMs;
  const now = deps.now();
  const notBefore = previous.stats.notBeforeMs ?? 0;
  if (notBefore > now) {
    // A Retry-After longer than the delay cap: wait out the rest without sending anything, at most the cap at a time.
    if (notBefore >= segmentEndsAt) return result(previous);
    context.heartbeat(previous);
    throw stillRunning(clampDelay(notBefore - now, deps.delayPolicy), 'Retry-After window still open', previous.stats);
  }
  const target = jobMetricTags(input.operation);
  const answer = await pollOnce(deps, target, input);
  const env = {
    now: deps.now(),
    pollIntervalMs: input.pollIntervalMs,
    policy: deps.delayPolicy,
    random: deps.random,
    segmentEndsAt,
  };
  let step;
  try {
    step = nextStep(previous.stats, previous.snapshot, answer, env);
  } catch (error) {
    throw toFailure(error);
  }
  const checkpoint: AwaitCheckpoint = {
    batch: input.batch.index,
    stats: step.stats,
    ...(step.snapshot ? { snapshot: step.snapshot } : {}),
  };
  recordStep(target, input.providerJobId, previous.stats, checkpoint, env.now);
  if (step.kind === 'finish') return result(checkpoint);
  context.heartbeat(checkpoint);
  throw step.error
    ? toFailure(step.error, step.delayMs)
    : stillRunning(step.delayMs, 'provider job still running', step.stats);
}

/** The Retry-After wait this step adds, and the provider job's progress gauges. */
function recordStep(target: MetricTarget, jobId: string, before: PollStats, after: AwaitCheckpoint, now: number): void {
  recordRetryAfterWait(target, 'poll', after.stats.waitedOnRetryAfterMs - before.waitedOnRetryAfterMs);
  const done = after.snapshot !== undefined && after.snapshot.state !== 'running';
  recordProgress(target, jobId, after.stats, { now, done });
}

/** One poll, measured (an answer held by an open Retry-After window was never sent: not counted). */
async function pollOnce(deps: ActivityDeps, target: MetricTarget, input: AwaitProviderJobInput): Promise<PollAnswer> {
  try {
    const { operation, ctx } = bind(deps, input.operation, input.connection);
    const poll = () => operation.poll(ctx, input.providerJobId, input.batch);
    const outcome = await measuredRequest(target, 'poll', poll, (answer) => {
      if ('ok' in answer) return answer.ok.snapshot.state === 'running' ? 'running' : 'done';
      return heldByRetryAfter(answer.error) ? undefined : answerOfError(answer.error);
    });
    return heldAnswer(operation.provider, input.batch, outcome);
  } catch (error) {
    return { kind: 'error', error };
  }
}
