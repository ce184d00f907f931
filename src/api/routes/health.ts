/** Unauthenticated routes: `/healthz` (the process is up), `/readyz` (Temporal answers) and `/openapi.json`. */
import type { FastifyInstance } from 'fastify';
import type { JobsApi } from '../deps';
import { TEMPORAL_UNAVAILABLE, sendProblem } from '../errors';

export function registerHealthRoutes(app: FastifyInstance, jobs: JobsApi, openApi: unknown): void {
  app.get('/healthz', () => ({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    try {
      await jobs.ping();
      return { status: 'ready' };
    } catch (err) {
      request.log.warn({ err }, 'not ready: Temporal does not answer');
      return sendProblem(reply, TEMPORAL_UNAVAILABLE);
    }
  });

  app.get('/openapi.json', () => openApi);
}
