/**
 * The HTTP API's metrics, in a prom-client registry of its own: requests by method, route template and status, their
 * latency, and Node's process metrics. Routes are templates (`/v1/jobs/:jobId`), never a request's path: no job id
 * or query reaches a label.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { routeOf } from './route-label';

export interface ApiMetrics {
  readonly registry: Registry;
  /** The exposition text of the registry, for a `/metrics` endpoint (src/metrics/endpoint.ts). */
  readonly text: () => Promise<string>;
  /** Feeds the request metrics from `app`'s answers. */
  hooks(app: FastifyInstance): void;
}

export { UNMATCHED_ROUTE } from './route-label';

export const API_METRIC_NAMES = {
  requests: 'bulkflow_api_requests_total',
  duration: 'bulkflow_api_request_duration_seconds',
} as const;

/** A registry with the API's metrics and the process's; `hooks` feeds them from an app. */
export function createApiMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: API_METRIC_NAMES.requests,
    help: 'HTTP API requests answered, by method, route template and status',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: API_METRIC_NAMES.duration,
    help: 'Time the HTTP API took to answer, by method, route template and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    text: () => registry.metrics(),
    hooks: (app) => {
      app.addHook('onResponse', (request, reply, done) => {
        const labels = {
          method: request.method,
          route: routeOf(request),
          status: String(reply.statusCode),
        };
        requests.inc(labels);
        duration.observe(labels, reply.elapsedTime / 1000);
        done();
      });
    },
  };
}
