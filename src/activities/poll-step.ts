/**
 * The pure decision behind one awaiting attempt: given the stats so far and the provider's answer to one poll,
 * either finish (terminal state, or the segment is over) or retry after a delay. Kept free of Temporal so every
 * row of the retry table is unit-tested.
 */
import { hasErrorName, ProviderContractError } from '../domain/errors';
import type { ProviderError } from '../domain/errors';
import type { AnswerKind, ItemCounts, PlannedBatch, PollStats, ProviderJobSnapshot, ProviderName } from '../domain/job';
import { checkSnapshot } from '../domain/settle';
import { clampDelay, retryDelay } from '../http/retry-after';
import type { DelayPolicy } from '../http/retry-after';
import type { PollOutcome } from '../providers/types';

export type PollAnswer =
  | { readonly kind: 'outcome'; readonly outcome: PollOutcome }
  | { readonly kind: 'error'; readonly error: unknown };

/**
 * A poll's outcome held to the engine's rules (`checkSnapshot`): figures that are not counts are an answer outside the
 * provider's contract (ProviderContractError at `counts`, not retryable); figures of more users than the batch holds
 * are held as the provider's words, and the batch goes on to its per-user pages.
 * Thrown when the operation's mapping broke the engine's rules: ResultInvariantError (a bug of ours).
 */
export function heldAnswer(
  provider: ProviderName,
  batch: Pick<PlannedBatch, 'index' | 'itemRefs'>,
  outcome: PollOutcome,
): PollAnswer {
  const checked = checkSnapshot(batch, outcome.snapshot);
  if (checked.kind === 'held') return { kind: 'outcome', outcome: { ...outcome, snapshot: checked.snapshot } };
  const said = `${checked.problem} (provider status ${outcome.snapshot.providerStatus})`;
  return { kind: 'error', error: new ProviderContractError(provider, 'counts', said) };
}

export interface StepEnv {
  readonly now: number;
  readonly pollIntervalMs: number;
  readonly policy: DelayPolicy;
  readonly random: () => number;
  /** Epoch ms at which this segment ends: no retry may be scheduled at or after it. */
  readonly segmentEndsAt: number;
}

export type Step =
  | { readonly kind: 'finish'; readonly stats: PollStats; readonly snapshot?: ProviderJobSnapshot }
  | {
      readonly kind: 'retry';
      readonly stats: PollStats;
      readonly snapshot?: ProviderJobSnapshot;
      readonly delayMs: number;
      /** The error to report (throttling, 5xx); absent when the job is simply still running. */
      readonly error?: ProviderError;
    };

function counted(stats: PollStats, answer: AnswerKind, now: number): PollStats {
  return {
    ...stats,
    polls: stats.polls + 1,
    answers: { ...stats.answers, [answer]: stats.answers[answer] + 1 },
    lastAnswerAt: new Date(now).toISOString(),
  };
}

function answerKindOf(error: ProviderError): AnswerKind {
  if (hasErrorName(error, 'ProviderLockedError')) return 'locked';
  if (hasErrorName(error, 'ProviderRateLimitError')) return 'rateLimited';
  return 'transient';
}

/**
 * Errors a poll may answer with and still be retried: 423, 429, 5xx/reset/timeout, and an expired credential whose
 * rotation is late (counted as transient). Others end the attempt.
 */
export function isRetryablePollError(error: unknown): error is ProviderError {
  return hasErrorName(
    error,
    'ProviderLockedError',
    'ProviderRateLimitError',
    'ProviderUnavailableError',
    'ProviderCredentialExpiredError',
  );
}

/** Decides what one attempt does next. Thrown for a non-retryable error: that error, unchanged. */
export function nextStep(
  stats: PollStats,
  previous: ProviderJobSnapshot | undefined,
  answer: PollAnswer,
  env: StepEnv,
): Step {
  if (answer.kind === 'error') return afterError(stats, previous, answer.error, env);
  const { snapshot, retryAfterMs } = answer.outcome;
  const base = {
    ...counted(stats, snapshot.state === 'running' ? 'running' : 'done', env.now),
    consecutiveTransient: 0,
  };
  const next: PollStats = { ...base, ...progressMark(stats, snapshot.counts, env.now), lastProgress: snapshot.counts };
  if (snapshot.state !== 'running') return { kind: 'finish', stats: withoutNotBefore(next), snapshot };
  const delayMs =
    retryAfterMs === undefined ? clampDelay(env.pollIntervalMs, env.policy) : clampDelay(retryAfterMs, env.policy);
  const waited = retryAfterMs === undefined ? withoutNotBefore(next) : waitedFor(next, retryAfterMs, env.now);
  return schedule(waited, snapshot, delayMs, env);
}

/**
 * When the provider job last changed its counts, and how many answers in a row found them unchanged: what stuck-job
 * alerts and the job's status read. The first answer counts as progress (the job has just started).
 */
export function progressMark(
  stats: PollStats,
  counts: ItemCounts,
  now: number,
): Pick<PollStats, 'progressAt' | 'pollsWithoutProgress'> {
  const previous = stats.lastProgress;
  if (previous && stats.progressAt !== undefined && sameCounts(previous, counts)) {
    return { progressAt: stats.progressAt, pollsWithoutProgress: (stats.pollsWithoutProgress ?? 0) + 1 };
  }
  return { progressAt: new Date(now).toISOString(), pollsWithoutProgress: 0 };
}

function sameCounts(a: ItemCounts, b: ItemCounts): boolean {
  return (
    a.total === b.total &&
    a.succeeded === b.succeeded &&
    a.failed === b.failed &&
    a.skipped === b.skipped &&
    a.pending === b.pending
  );
}

function afterError(stats: PollStats, previous: ProviderJobSnapshot | undefined, error: unknown, env: StepEnv): Step {
  if (!isRetryablePollError(error)) throw error;
  // An answer held by another request's open Retry-After window was never sent: no poll to count.
  const held = error.details.heldByRetryAfter === true;
  const consecutive = held ? stats.consecutiveTransient : stats.consecutiveTransient + 1;
  const next = { ...(held ? stats : counted(stats, answerKindOf(error), env.now)), consecutiveTransient: consecutive };
  const retryAfterMs = error.details.retryAfterMs;
  const { delayMs, fromRetryAfter } = retryDelay(retryAfterMs, consecutive, env.policy, env.random);
  const waited =
    fromRetryAfter && retryAfterMs !== undefined ? waitedFor(next, retryAfterMs, env.now) : withoutNotBefore(next);
  return schedule(waited, previous, delayMs, env, error);
}

function waitedFor(stats: PollStats, retryAfterMs: number, now: number): PollStats {
  return { ...stats, waitedOnRetryAfterMs: stats.waitedOnRetryAfterMs + retryAfterMs, notBeforeMs: now + retryAfterMs };
}

function withoutNotBefore(stats: PollStats): PollStats {
  const { notBeforeMs: _dropped, ...rest } = stats;
  return rest;
}

function schedule(
  stats: PollStats,
  snapshot: ProviderJobSnapshot | undefined,
  delayMs: number,
  env: StepEnv,
  error?: ProviderError,
): Step {
  if (env.now + delayMs >= env.segmentEndsAt) return { kind: 'finish', stats, ...(snapshot ? { snapshot } : {}) };
  return { kind: 'retry', stats, delayMs, ...(snapshot ? { snapshot } : {}), ...(error ? { error } : {}) };
}
