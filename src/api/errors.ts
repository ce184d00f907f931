/**
 * The API's one error handler: every known error becomes an RFC 9457 `application/problem+json` body with a
 * stable `type` and `code`; anything else is a bare 500 that leaks nothing (it is logged instead).
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ValidationIssue } from '../client/errors';
import { isTemporalUnreachable } from '../client/unreachable';
import { BulkflowError, isError } from '../domain/errors';
import { declaredLength, jsonBodyTooLarge } from './body-limits';

/** An RFC 9457 problem; `errors` lists the offending fields of a validation problem. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  /** The error's stable name, e.g. `IdempotencyConflictError`. */
  readonly code?: string;
  readonly errors?: readonly ValidationIssue[];
  /** How many problems a validation found; `errors` lists at most the first 100. */
  readonly errorCount?: number;
  /** False when validation stopped early: `errorCount` is then a lower bound. */
  readonly errorCountExact?: boolean;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'urn:bulkflow:problem:';

/** Thrown when a request carries no API key, or one that is not configured. */
export class UnauthenticatedError extends BulkflowError {
  override readonly name = 'UnauthenticatedError';
  constructor(reason: string) {
    super(reason, { retryable: false });
  }
}

/** Thrown when the caller's key has no rights for the tenant a request acts on. */
export class ForbiddenError extends BulkflowError {
  override readonly name = 'ForbiddenError';
  constructor(readonly tenant: string) {
    super(`this API key has no rights for tenant ${tenant}`, { retryable: false });
  }
}

const KNOWN: Readonly<Record<string, { status: number; slug: string; title: string }>> = {
  RequestValidationError: { status: 400, slug: 'invalid-request', title: 'Invalid request' },
  InvalidRequestError: { status: 400, slug: 'invalid-request', title: 'Invalid request' },
  UnauthenticatedError: { status: 401, slug: 'unauthenticated', title: 'Unauthenticated' },
  ForbiddenError: { status: 403, slug: 'forbidden', title: 'Forbidden' },
  TenantMismatchError: { status: 403, slug: 'tenant-mismatch', title: 'Forbidden' },
  ConnectionNotServedError: { status: 403, slug: 'connection-forbidden', title: 'Forbidden' },
  JobNotFoundError: { status: 404, slug: 'job-not-found', title: 'Job not found' },
  IdempotencyConflictError: { status: 409, slug: 'idempotency-conflict', title: 'Idempotency key reused' },
  // A body over its media type's limit, a CSV with more rows than its operation takes, or (an API without a blob
  // store) a job's input over Temporal's payload limit: the detail names the size, the limit and the way around it.
  RequestTooLargeError: { status: 413, slug: 'request-too-large', title: 'Payload Too Large' },
  // As many CSV starts are being read as one API process takes at once (csv-gate.ts); `Retry-After` says when.
  CsvStartsBusyError: { status: 503, slug: 'busy', title: 'Service Unavailable' },
  JobClosedError: { status: 409, slug: 'job-closed', title: 'Job already finished' },
  // A running job's items are read from its worker, and none polls its task queue.
  NoWorkerError: { status: 503, slug: 'no-worker', title: 'No worker' },
  UnreadableHistoryError: { status: 422, slug: 'unreadable-history', title: 'History cannot be read' },
  // The job's payloads do not open here: a master key this server lacks, or altered bytes (codec/errors.ts). The job
  // exists; what is missing is on the server's side, and no retry of the request changes it.
  UnknownMasterKeyError: { status: 422, slug: 'job-data-unreadable', title: 'Job data cannot be read' },
  DecryptionError: { status: 422, slug: 'job-data-unreadable', title: 'Job data cannot be read' },
  MalformedKeyIdError: { status: 422, slug: 'job-data-unreadable', title: 'Job data cannot be read' },
  // The job's tenant key was erased (`bulkflow keys erase-tenant`): its data is gone for good.
  DataKeyNotFoundError: { status: 410, slug: 'job-data-erased', title: 'Job data erased' },
};

type IssueFields = Pick<Problem, 'errors' | 'errorCount' | 'errorCountExact'>;

function issuesOf(err: Error): IssueFields {
  const { issues, total, exact, field, problem } = err as Partial<{
    issues: ValidationIssue[];
    total: number;
    exact: boolean;
    field: string;
    problem: string;
  }>;
  if (issues) {
    const count = total === undefined ? {} : { errorCount: total, errorCountExact: exact !== false };
    return { errors: issues, ...count };
  }
  return field && problem ? { errors: [{ field, message: problem }] } : {};
}

export const TEMPORAL_UNAVAILABLE: Problem = {
  type: 'about:blank',
  title: 'Service Unavailable',
  status: 503,
  detail: 'Temporal does not answer; try again later',
};

/** The problem of a known error; `undefined` for anything else. */
export function problemOf(err: unknown): Problem | undefined {
  if (!isError(err)) return undefined;
  if (isTemporalUnreachable(err)) return TEMPORAL_UNAVAILABLE;
  const known = KNOWN[err.name];
  if (known) {
    return {
      type: TYPE_BASE + known.slug,
      title: known.title,
      status: known.status,
      detail: err.message,
      code: err.name,
      ...issuesOf(err),
    };
  }
  // Fastify's own client errors (malformed JSON, wrong media type, body too large…) say nothing internal.
  const { statusCode, code } = err as Partial<FastifyError>;
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500 && code?.startsWith('FST_')) {
    const title = STATUS_CODES[statusCode] ?? 'Client Error';
    return { type: 'about:blank', title, status: statusCode, detail: err.message, code };
  }
  return undefined;
}

export const INTERNAL_ERROR: Problem = { type: 'about:blank', title: 'Internal Server Error', status: 500 };

/** Sends `problem` as `application/problem+json`. */
export function sendProblem(reply: FastifyReply, problem: Problem, retryAfterSeconds?: number): FastifyReply {
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/**
 * `err` as the handler answers it: Fastify's "body too large" (a JSON body over its limit) is told with the body's
 * size, the limit and the way around it, like every other request over a limit (`RequestTooLargeError`).
 */
function withSizes(err: unknown, request: FastifyRequest): unknown {
  if ((err as Partial<FastifyError>).code !== 'FST_ERR_CTP_BODY_TOO_LARGE') return err;
  return jsonBodyTooLarge(declaredLength(request.headers['content-length']));
}

/** Installs the error and not-found handlers. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const problem = problemOf(withSizes(err, request));
    if (problem) {
      request.log.info({ code: problem.code, status: problem.status }, 'request rejected');
      const { retryAfterSeconds } = err as { retryAfterSeconds?: unknown };
      return sendProblem(reply, problem, typeof retryAfterSeconds === 'number' ? retryAfterSeconds : undefined);
    }
    request.log.error({ err }, 'request failed');
    return sendProblem(reply, INTERNAL_ERROR);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: `no route ${request.method} ${request.url.split('?')[0] ?? ''}`,
    }),
  );
}
