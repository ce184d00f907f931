/** How a request's route is named in metrics and spans: its template (`/v1/jobs/:jobId`), never its path. */
import type { FastifyRequest } from 'fastify';

/** The label of a request no route matched. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The route template of `request`, or {@link UNMATCHED_ROUTE}: no job id or query reaches a label or a span name. */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? UNMATCHED_ROUTE;
}
