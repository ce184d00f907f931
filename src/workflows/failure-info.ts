/** Reads the error type, message and provider code out of an activity failure. */
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { isError } from '../domain/errors';

export interface FailureInfo {
  readonly type: string;
  readonly message: string;
  readonly code?: string;
}

export function failureInfo(err: unknown): FailureInfo {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) {
    const details = cause.details?.[0] as { code?: unknown } | undefined;
    const code = typeof details?.code === 'string' ? details.code : undefined;
    return { type: cause.type ?? 'ApplicationFailure', message: cause.message, ...(code ? { code } : {}) };
  }
  if (isError(cause)) return { type: cause.name, message: cause.message };
  return { type: 'Error', message: String(cause) };
}
