/**
 * `GET /v1/jobs/{id}/items` (paged outcomes), `GET /v1/jobs/{id}/audit` (the timeline from history) and
 * `POST /v1/jobs/{id}/cancel|pause|resume`.
 */
import type { FastifyInstance } from 'fastify';
import { callerOf, visibleJob } from '../auth';
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
    await visibleJob(callerOf(request), id, () => jobs.info(id));
    return jobs.items(id, query);
  });

  v1.get('/jobs/:id/audit', async (request, reply) => {
    const { id } = parsePart(JobIdParamsSchema, request.params, 'path');
    const { format } = parsePart(AuditQuerySchema, request.query, 'query');
    await visibleJob(callerOf(request), id, () => jobs.info(id));
    const timeline = await jobs.audit(id);
    return reply.type(AUDIT_CONTENT_TYPES[format]).send(formatTimeline(timeline, format));
  });

  for (const action of CONTROL_ACTIONS) {
    v1.post(`/jobs/:id/${action}`, async (request, reply) => {
      const { id } = parsePart(JobIdParamsSchema, request.params, 'path');
      const caller = callerOf(request);
      await visibleJob(caller, id, () => jobs.info(id));
      await jobs[action](id, caller.identity);
      return reply.code(202).send({ jobId: id, action });
    });
  }
}
