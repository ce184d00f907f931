/** Errors of the client layer (shared by the API and the CLI). Guards test `name`, never `instanceof`. */
import { BulkflowError } from '../domain/errors';
import { ROOT_FIELD } from '../domain/field-path';
import type { FieldIssue } from '../domain/field-path';
import { listIssues, unlistedText } from '../domain/issue-list';

/** One invalid field of a request: `field` is a path such as `input.users[3].phoneNumber` (domain/field-path.ts). */
export type ValidationIssue = FieldIssue;

/** How many problems a validation found: `exact` is false when it stopped early, so `total` is a lower bound. */
export interface IssueCount {
  readonly total: number;
  readonly exact: boolean;
}

/**
 * Thrown when a request is invalid, before anything is started. Lists the first problems (at most 100, each cut
 * short, under 48 KiB as JSON: `domain/issue-list.ts`) and counts all of them, however many items were invalid.
 * Not retryable.
 */
export class RequestValidationError extends BulkflowError {
  override readonly name = 'RequestValidationError';
  /** The first offending field. */
  readonly field: string;
  /** The listed problems, first first. */
  readonly issues: readonly ValidationIssue[];
  /** How many problems were found; `issues` may list fewer. */
  readonly total: number;
  /** False when validation stopped once the list was full: `total` then means "at least". */
  readonly exact: boolean;
  constructor(issues: readonly ValidationIssue[], count?: IssueCount) {
    const list = listIssues(issues, count?.total, count?.exact);
    const first = list.listed[0] ?? { field: ROOT_FIELD, message: 'invalid' };
    const unlisted = unlistedText(list, 1);
    const more = unlisted === undefined ? '' : ` (${unlisted})`;
    super(`invalid request: ${first.field}: ${first.message}${more}`, { retryable: false });
    this.field = first.field;
    this.issues = list.listed;
    this.total = list.total;
    this.exact = list.exact;
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

/**
 * Thrown when what is asked of a running job only its worker can answer (its items so far), and no worker polls its
 * task queue: a query would wait out its deadline and read like an unreachable Temporal. Retryable once a worker runs.
 */
export class NoWorkerError extends BulkflowError {
  override readonly name = 'NoWorkerError';
  constructor(
    readonly jobId: string,
    readonly taskQueue: string,
    why: string,
  ) {
    super(`job ${jobId} is running, and its items so far are read from its worker: ${why}`, { retryable: true });
  }
}
