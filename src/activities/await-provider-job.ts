/**
 * `awaitProviderJob`: one status poll per attempt; the activity's retry policy is the polling loop
 * (docs/architecture.md#polling-by-activity-retry). Attempt memory (polls, answers by kind, time waited on
 * `Retry-After`, last snapshot) lives in heartbeat details, which the server hands to the next attempt (proven in
 * test/integration/sdk-behaviour.test.ts). The attempt returns on a terminal state or when the segment is over.
 */
import { Context } from '@temporalio/activity';
import type { PollStats, ProviderJobSnapshot } from '../domain/job';
import { clampDelay } from '../http/retry-after';
import { bind } from './context';
import type { ActivityDeps } from './context';
import { stillRunning, toFailure } from './failures';
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
  const answer = await pollOnce(deps, input);
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
  if (step.kind === 'finish') return result(checkpoint);
  context.heartbeat(checkpoint);
  throw step.error
    ? toFailure(step.error, step.delayMs)
    : stillRunning(step.delayMs, 'provider job still running', step.stats);
}

/** One poll, its answer held to the engine's rules (`heldAnswer`). */
async function pollOnce(deps: ActivityDeps, input: AwaitProviderJobInput): Promise<PollAnswer> {
  const { operation, ctx } = bind(deps, input.operation, input.connection);
  try {
    return heldAnswer(operation.provider, input.batch, await operation.poll(ctx, input.providerJobId, input.batch));
  } catch (error) {
    return { kind: 'error', error };
  }
}
