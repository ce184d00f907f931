/** Errors of the client layer (shared by the API and the CLI). Guards test `name`, never `instanceof`. */
import { BulkflowError } from '../domain/errors';
import type { FieldIssue } from '../domain/field-path';

/** One invalid field of a request: `field` is a path such as `input.users[3].phoneNumber` (domain/field-path.ts). */
export type ValidationIssue = FieldIssue;

/** Thrown when a request is invalid, before anything is started; lists every offending field. Not retryable. */
export class RequestValidationError extends BulkflowError {
  override readonly name = 'RequestValidationError';
  /** The first offending field. */
  readonly field: string;
  constructor(readonly issues: readonly ValidationIssue[]) {
    const first = issues[0] ?? { field: '(request)', message: 'invalid' };
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`invalid request: ${first.field}: ${first.message}${more}`, { retryable: false });
    this.field = first.field;
  }
}

/** Thrown when an idempotency key is reused with a different request. Not retryable. */
export class IdempotencyConflictError extends BulkflowError {
  override readonly name = 'IdempotencyConflictError';
  constructor(readonly jobId: string) {
    super(`idempotency key ${jobId} was already used for a different request`, { retryable: false });
  }
}

/** Thrown when no bulk job has this id. Not retryable. */
export class JobNotFoundError extends BulkflowError {
  override readonly name = 'JobNotFoundError';
  constructor(readonly jobId: string) {
    super(`no bulk job ${jobId}`, { retryable: false });
  }
}

/** Thrown when a job is asked to cancel, pause or resume after it finished. Not retryable. */
export class JobClosedError extends BulkflowError {
  override readonly name = 'JobClosedError';
  constructor(
    readonly jobId: string,
    readonly status: string,
  ) {
    super(`bulk job ${jobId} has already finished (${status})`, { retryable: false });
  }
}
