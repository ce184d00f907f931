/**
 * `GET /v1/jobs/{id}/items` (paged outcomes), `GET /v1/jobs/{id}/audit` (the timeline from history) and
 * `POST /v1/jobs/{id}/cancel|pause|resume`.
 */
import type { FastifyInstance } from 'fastify';
import { callerOf, requireTenant } from '../auth';
import type { JobsApi } from '../deps';
import { parsePart } from '../parse';
import { formatTimeline } from '../../audit';
import type { AuditFormat } from '../../audit';
import { AuditQuerySchema, CONTROL_ACTIONS, ItemsQuerySchema, JobIdParamsSchema } from '../schemas';

const AUDIT_CONTENT_TYPES: Readonly<Record<AuditFormat, string>> = {
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

/** Registers the per-job action routes on the `/v1` scope. */
export function registerJobActionRoutes(v1: FastifyInstance, jobs: JobsApi): void {
  v1.get('/jobs/:id/items', async (request) => {
    const { id } = parsePart(JobIdParamsSchema, request.params, 'path');
    const query = parsePart(ItemsQuerySchema, request.query, 'query');
    requireTenant(callerOf(request), (await jobs.info(id)).tenant);
    return jobs.items(id, query);
  });

  v1.get('/jobs/:id/audit', async (request, reply) => {
    const { id } = parsePart(JobIdParamsSchema, request.params, 'path');
    const { format } = parsePart(AuditQuerySchema, request.query, 'query');
    requireTenant(callerOf(request), (await jobs.info(id)).tenant);
    const timeline = await jobs.audit(id);
    return reply.type(AUDIT_CONTENT_TYPES[format]).send(formatTimeline(timeline, format));
  });

  for (const action of CONTROL_ACTIONS) {
    v1.post(`/jobs/:id/${action}`, async (request, reply) => {
      const { id } = parsePart(JobIdParamsSchema, request.params, 'path');
      const caller = callerOf(request);
      requireTenant(caller, (await jobs.info(id)).tenant);
      await jobs[action](id, caller.identity);
      return reply.code(202).send({ jobId: id, action });
    });
  }
}
