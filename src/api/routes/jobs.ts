/**
 * `POST /v1/jobs` (start: a JSON body, or a CSV body with the envelope in the query), `GET /v1/jobs` (list) and
 * `GET /v1/jobs/{id}` (state and progress).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdempotencyKeySchema, RequestValidationError, validateBulkJobRequest } from '../../client';
import type { ValidatedRequest } from '../../client';
import { requireServed } from '../../connections-config';
import type { Connections } from '../../connections-config';
import { clip } from '../../domain/issue-list';
import { providerOf } from '../../domain/job';
import { callbackRefusal } from '../../http/callback-policy';
import type { CallbackPolicy } from '../../http/callback-policy';
import { callerOf, requireTenant, visibleJob } from '../auth';
import type { CsvGate } from '../csv-gate';
import { CSV_MEDIA_TYPE, hasCsvQuery, readCsvStart } from '../csv-start';
import type { JobsApi } from '../deps';
import { parsePart } from '../parse';
import { JobIdParamsSchema, ListQuerySchema } from '../schemas';

const IdempotencyHeaderSchema = z.object({ 'idempotency-key': IdempotencyKeySchema.optional() });
/** Bounds of the `Retry-After` hint, in seconds. */
const MIN_HINT_S = 1;
const MAX_HINT_S = 60;
/** `Retry-After` hint on a running job's view, in seconds. */
const RUNNING_HINT_S = 5;

export function jobLocation(jobId: string): string {
  return `/v1/jobs/${encodeURIComponent(jobId)}`;
}

function retryAfterSeconds(pollIntervalMs: number): string {
  return String(Math.min(MAX_HINT_S, Math.max(MIN_HINT_S, Math.ceil(pollIntervalMs / 1000))));
}

const isCsv = (request: FastifyRequest): boolean =>
  request.headers['content-type']?.toLowerCase().startsWith(CSV_MEDIA_TYPE) === true;

/**
 * The start request of a JSON body (the whole request), or of a CSV body (rows, with the envelope in the query).
 * Thrown: `RequestValidationError` naming each field (for a JSON body, any query parameter too: they are the CSV
 * body's), `RequestTooLargeError` for a CSV body over its limits.
 */
async function startRequestOf(request: FastifyRequest, deps: JobRouteDeps): Promise<ValidatedRequest> {
  if (isCsv(request)) return readCsvStart(request, deps.csvBodyLimitBytes);
  if (hasCsvQuery(request.query)) {
    const [name = ''] = Object.keys(request.query as Record<string, unknown>);
    const message = 'query parameters go with a text/csv body; a JSON body holds the whole request';
    throw new RequestValidationError([{ field: `query.${clip(name, 100)}`, message }]);
  }
  return validateBulkJobRequest(request.body);
}

/** What the job routes need: the client, where callbacks may go, the connections, and the CSV body's limit. */
export interface JobRouteDeps {
  readonly jobs: JobsApi;
  readonly callbacks: CallbackPolicy;
  readonly connections: Connections | undefined;
  readonly csvBodyLimitBytes: number;
  /** CSV starts read at once (csv-gate.ts). */
  readonly csvStarts: CsvGate;
}

/** Starts the job a request asks for, as its caller, and answers 202 with where to follow it. */
async function startJob(request: FastifyRequest, reply: FastifyReply, deps: JobRouteDeps): Promise<FastifyReply> {
  const { jobs, callbacks, connections } = deps;
  const caller = callerOf(request);
  const validated = await startRequestOf(request, deps);
  requireTenant(caller, validated.tenant);
  const { operation, connection } = validated.request;
  requireServed(connections, providerOf(operation), connection, validated.tenant, caller.tenants);
  const refusal = validated.callbackUrl === undefined ? undefined : callbackRefusal(validated.callbackUrl, callbacks);
  if (refusal) throw new RequestValidationError([{ field: 'callbackUrl', message: refusal }]);
  const key = parsePart(IdempotencyHeaderSchema, request.headers, 'header')['idempotency-key'];
  const started = await jobs.startJob(validated.request, {
    requestedBy: caller.identity,
    tenant: validated.tenant,
    ...(key === undefined ? {} : { idempotencyKey: key }),
    ...(validated.callbackUrl === undefined ? {} : { callbackUrl: validated.callbackUrl }),
  });
  return reply
    .code(202)
    .header('location', jobLocation(started.jobId))
    .header('retry-after', retryAfterSeconds(validated.pollIntervalMs))
    .send(started);
}

/** Registers `POST /jobs`, in a scope of its own that passes a `text/csv` body on as the stream it is. */
function registerStart(v1: FastifyInstance, deps: JobRouteDeps): void {
  void v1.register((scope, _options, done) => {
    scope.addContentTypeParser(CSV_MEDIA_TYPE, (_request, payload, parsed) => parsed(null, payload));
    scope.post('/jobs', async (request, reply) =>
      isCsv(request) ? deps.csvStarts.run(() => startJob(request, reply, deps)) : startJob(request, reply, deps),
    );
    done();
  });
}

/** Registers the job routes on the `/v1` scope. */
export function registerJobRoutes(v1: FastifyInstance, deps: JobRouteDeps): void {
  registerStart(v1, deps);
  const { jobs } = deps;

  v1.get('/jobs', async (request) => {
    const caller = callerOf(request);
    const query = parsePart(ListQuerySchema, request.query, 'query');
    if (query.tenant !== undefined) requireTenant(caller, query.tenant);
    const tenants = caller.tenants === '*' || query.tenant !== undefined ? undefined : [...caller.tenants];
    return jobs.list({ ...query, ...(tenants ? { tenants } : {}) });
  });

  v1.get('/jobs/:id', async (request, reply) => {
    const { id } = parsePart(JobIdParamsSchema, request.params, 'path');
    const view = await visibleJob(callerOf(request), id, () => jobs.get(id));
    if (view.status === 'RUNNING') reply.header('retry-after', String(RUNNING_HINT_S));
    return view;
  });
}
