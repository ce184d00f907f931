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

/** Thrown when no bulk job has this id (`detail` says what else was looked for). Not retryable. */
export class JobNotFoundError extends BulkflowError {
  override readonly name = 'JobNotFoundError';
  constructor(
    readonly jobId: string,
    detail?: string,
  ) {
    super(`no bulk job ${jobId}${detail ? `: ${detail}` : ''}`, { retryable: false });
  }
}

/** One job an idempotency key could name, as an ambiguity lists it. */
export interface KeyCandidate {
  readonly jobId: string;
  readonly tenant?: string;
  readonly requestedBy?: string;
}

/** Thrown when an idempotency key given for a job id names several jobs; lists them. Not retryable. */
export class AmbiguousJobKeyError extends BulkflowError {
  override readonly name = 'AmbiguousJobKeyError';
  constructor(
    readonly key: string,
    readonly candidates: readonly KeyCandidate[],
  ) {
    const lines = candidates.map(
      (c) => `  ${c.jobId} (tenant ${c.tenant ?? '?'}, requested by ${c.requestedBy ?? '?'})`,
    );
    super(`${candidates.length} jobs have the idempotency key ${key}; give the full job id:\n${lines.join('\n')}`, {
      retryable: false,
    });
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
