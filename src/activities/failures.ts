/**
 * The only place `ApplicationFailure`s are built. `type` is the error's `name`, `nonRetryable` is
 * `!retryable`, and a delay we computed (from `Retry-After` or backoff) becomes `nextRetryDelay`.
 */
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { isBulkflowError, isError } from '../domain/errors';
import type { BulkflowError, ProviderError } from '../domain/errors';
import type { PollStats } from '../domain/job';

function detailsOf(err: BulkflowError): unknown[] {
  const provider = err as Partial<ProviderError>;
  const details: Record<string, unknown> = { ...(provider.details ?? {}) };
  if (provider.provider) details['provider'] = provider.provider;
  for (const key of ['field', 'problem', 'path', 'whatToCheck', 'source', 'invariant'] as const) {
    const value = (err as unknown as Record<string, unknown>)[key];
    if (value !== undefined) details[key] = value;
  }
  return [details];
}

/** Converts any thrown value into an `ApplicationFailure`; `delayMs` (if given) becomes `nextRetryDelay`. */
export function toFailure(err: unknown, delayMs?: number): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  if (isBulkflowError(err)) {
    return ApplicationFailure.create({
      type: err.name,
      message: err.message,
      nonRetryable: !err.retryable,
      details: detailsOf(err),
      cause: err,
      ...(err.retryable && delayMs !== undefined ? { nextRetryDelay: Math.max(1, Math.round(delayMs)) } : {}),
    });
  }
  const error = isError(err) ? err : new Error(String(err));
  return ApplicationFailure.create({ type: error.name, message: error.message, nonRetryable: false, cause: error });
}

/** Rethrows any error as an `ApplicationFailure` (for `.catch(rethrowAsFailure)`). */
export function rethrowAsFailure(err: unknown): never {
  throw toFailure(err);
}

/**
 * The provider job is still running (or a `Retry-After` window is still open): a BENIGN retryable failure whose
 * `nextRetryDelay` is the next poll. BENIGN keeps these expected attempts out of error logs and metrics.
 */
export function stillRunning(delayMs: number, reason: string, stats?: PollStats): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'JobStillRunning',
    message: `${reason}; next attempt in ${Math.round(delayMs)} ms`,
    nonRetryable: false,
    nextRetryDelay: Math.max(1, Math.round(delayMs)),
    category: ApplicationFailureCategory.BENIGN,
    details: stats ? [{ polls: stats.polls, answers: stats.answers }] : [],
  });
}
