/** `POST /v1/jobs` (start), `GET /v1/jobs` (list) and `GET /v1/jobs/{id}` (state and progress). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdempotencyKeySchema, RequestValidationError, validateBulkJobRequest } from '../../client';
import { requireServed } from '../../connections-config';
import type { Connections } from '../../connections-config';
import { providerOf } from '../../domain/job';
import { callbackRefusal } from '../../http/callback-policy';
import type { CallbackPolicy } from '../../http/callback-policy';
import { callerOf, requireTenant, visibleJob } from '../auth';
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

/** Registers the job routes on the `/v1` scope. */
export function registerJobRoutes(
  v1: FastifyInstance,
  jobs: JobsApi,
  callbacks: CallbackPolicy,
  connections: Connections | undefined,
): void {
  v1.post('/jobs', async (request, reply) => {
    const caller = callerOf(request);
    const validated = validateBulkJobRequest(request.body);
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
  });

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
