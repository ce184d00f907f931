/**
 * What a log line may say about an error: its kind, never its words. Error messages and details can carry user data
 * (a provider that names a user in its refusal, a value echoed in a validation error), and logs are kept in plain
 * text, so the worker logs a failed activity's type, provider, HTTP status and provider code only. The whole error
 * is in the job's history, encrypted, and the audit shows it.
 */
import { isError } from './domain/errors';

/** The loggable part of an error, its causes followed a few levels. */
export interface LoggedError {
  readonly name: string;
  readonly type?: string;
  readonly provider?: string;
  readonly status?: number;
  readonly code?: string;
  readonly retryable?: boolean;
  readonly nonRetryable?: boolean;
  readonly cause?: LoggedError;
}

const MAX_DEPTH = 4;

function field<T>(value: unknown, key: string, type: 'string' | 'number' | 'boolean'): T | undefined {
  const found = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof found === type ? (found as T) : undefined;
}

/** `err` reduced to what a log may keep. */
export function loggedError(err: Error, depth = 0): LoggedError {
  const details = (err as { details?: unknown }).details;
  const entries = {
    type: field<string>(err, 'type', 'string'),
    provider: field<string>(err, 'provider', 'string'),
    status: field<number>(details, 'status', 'number'),
    code: field<string>(details, 'code', 'string'),
    retryable: field<boolean>(err, 'retryable', 'boolean'),
    nonRetryable: field<boolean>(err, 'nonRetryable', 'boolean'),
    cause: isError(err.cause) && depth < MAX_DEPTH ? loggedError(err.cause, depth + 1) : undefined,
  };
  const present = Object.entries(entries).filter(([, value]) => value !== undefined);
  return { name: err.name, ...Object.fromEntries(present) };
}

/** `meta` with every error in it (at the top level) reduced by `loggedError`. */
export function withLoggedErrors(meta: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(meta).map(([key, value]) => [key, isError(value) ? loggedError(value) : value]),
  );
}
