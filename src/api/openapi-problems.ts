/**
 * The problem answers (`application/problem+json`, RFC 9457) each route of the OpenAPI document lists: every status
 * the server can answer there, and none it cannot. The error handler (errors.ts) gives each status; this names them.
 */
type Json = Record<string, unknown>;

/** A status a route may answer with a problem body. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 431 | 503;

/** What each problem status means wherever no route says more. */
const MEANING: Readonly<Record<ProblemStatus, string>> = {
  400: 'Invalid request; `errors` names each field',
  401: 'No API key, or one that is not configured',
  403: 'This API key has no rights for the tenant',
  404: 'No such job (also the answer for a job of a tenant this key does not cover)',
  409: 'The request conflicts with the state of the job',
  410: "The job's data was erased with its tenant's key (`bulkflow keys erase-tenant`)",
  413: 'The body is larger than this route takes; `detail` names its size and the limit',
  415: 'The body is not `application/json`',
  422: "The job's data cannot be read by this server: sealed under a master key it lacks, or altered",
  431: 'The request line and headers exceed 16 KiB (a long query, say); refused before any route reads it',
  503: "Temporal does not answer, or (items of a running job) no worker polls the job's task queue; try again later",
};

export const PROBLEM_SCHEMA_REF = '#/components/schemas/Problem';

function problemResponse(status: ProblemStatus, description: string): Json {
  return {
    description,
    content: { 'application/problem+json': { schema: { $ref: PROBLEM_SCHEMA_REF } } },
    ...(status === 401 ? { headers: { 'WWW-Authenticate': { schema: { type: 'string', const: 'Bearer' } } } } : {}),
  };
}

/** What any request may be answered, whatever its route: Node refuses an oversized one before routing. */
const ANY_REQUEST: readonly ProblemStatus[] = [431];

/**
 * The responses of `statuses` and of those any request may get, each with its meaning, unless `said` says what it
 * means on this route.
 */
export function problems(statuses: readonly ProblemStatus[], said: Partial<Record<ProblemStatus, string>> = {}): Json {
  return Object.fromEntries(
    [...statuses, ...ANY_REQUEST].map((status) => [
      String(status),
      problemResponse(status, said[status] ?? MEANING[status]),
    ]),
  );
}

/** What every route that reads a job through Temporal may answer besides its own problems. */
export const JOB_READ_PROBLEMS: readonly ProblemStatus[] = [400, 401, 404, 410, 422, 503];

/** The audit's 422: besides data it cannot open, a history that is not a bulk job's. */
export const JOB_UNREADABLE_AUDIT =
  "The job's data cannot be read by this server (sealed under a master key it lacks, or altered), or its history " +
  "cannot be read as a bulk job's";
