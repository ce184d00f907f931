/**
 * The `/__sim/…` control API, so a test driving a worker in another OS process can script faults, read the
 * request log and reset state over HTTP. Control requests need no auth, consume no faults and are not logged.
 */
import { z } from 'zod';
import { FaultStorm, StormPlanSchema } from './fault-storm';
import { AddFaultRequestSchema, type SimFaults } from './faults';
import { OrgRateLimitSchema, type OrgRateLimiter } from './org-rate-limit';
import type { RequestLog } from './request-log';
import type { OperationSimulator, SimResponse, SimRoute } from './types';

/** Prefix of every control route. */
export const CONTROL_PREFIX = '/__sim';

export interface ControlTarget {
  readonly faults: SimFaults;
  readonly log: RequestLog;
  readonly rateLimiter: OrgRateLimiter;
  readonly simulators: readonly OperationSimulator[];
  reset(): void;
}

/** The built-in control routes (per-simulator control routes are added by the server). */
export function controlRoutes(target: ControlTarget): SimRoute[] {
  const route = (method: string, path: string, endpoint: string, handle: SimRoute['handle']): SimRoute => ({
    method,
    pattern: `${CONTROL_PREFIX}${path}`,
    endpoint: `sim.${endpoint}`,
    handle,
  });
  return [
    route('GET', '/health', 'health', () => ({ status: 200, body: describe(target.simulators) })),
    route('POST', '/faults', 'faults.add', (req) => addFault(target.faults, req.body)),
    route('GET', '/faults', 'faults.list', () => ({ status: 200, body: { pending: target.faults.pending() } })),
    route('DELETE', '/faults', 'faults.clear', () => noContent(() => target.faults.clear())),
    ...stormRoutes(target.faults, route),
    ...rateLimitRoutes(target.rateLimiter, route),
    route('GET', '/requests', 'requests.list', (req) => ({
      status: 200,
      body: { items: target.log.entries(filterOf(req.query)) },
    })),
    route('DELETE', '/requests', 'requests.clear', () => noContent(() => target.log.clear())),
    route('POST', '/reset', 'reset', () => noContent(() => target.reset())),
  ];
}

/** A 400 answer for a control request whose body failed `error`'s schema. */
export function controlBadRequest(error: z.ZodError): SimResponse {
  return { status: 400, body: { message: z.prettifyError(error) } };
}

function addFault(faults: SimFaults, body: unknown): SimResponse {
  const parsed = AddFaultRequestSchema.safeParse(body);
  if (!parsed.success) return controlBadRequest(parsed.error);
  const { endpoint, fault, times, skip } = parsed.data;
  faults.add(endpoint, fault, times, skip);
  return { status: 201, body: { endpoint, pending: faults.pending()[endpoint]?.length ?? 0 } };
}

/** `POST /__sim/storm` starts a seeded fault storm (body: a `StormPlan`), `GET` counts its faults, `DELETE` ends it. */
function stormRoutes(
  faults: SimFaults,
  route: (method: string, path: string, endpoint: string, handle: SimRoute['handle']) => SimRoute,
): SimRoute[] {
  let current: FaultStorm | undefined;
  return [
    route('POST', '/storm', 'storm.start', (req) => {
      const parsed = StormPlanSchema.safeParse(req.body);
      if (!parsed.success) return controlBadRequest(parsed.error);
      current = new FaultStorm(parsed.data);
      faults.storm(current);
      return { status: 201, body: { seed: parsed.data.seed } };
    }),
    route('GET', '/storm', 'storm.get', () => ({
      status: 200,
      body: { injected: current?.injected() ?? {}, remaining: current?.remaining() ?? 0 },
    })),
    route('DELETE', '/storm', 'storm.stop', () => noContent(() => faults.storm(undefined))),
  ];
}

/**
 * `POST /__sim/rate-limit` sets an org-wide rate limit (body: an `OrgRateLimit`), `GET` reads it with its counts
 * (requests inside an announced window among them), `DELETE` removes it.
 */
function rateLimitRoutes(
  limiter: OrgRateLimiter,
  route: (method: string, path: string, endpoint: string, handle: SimRoute['handle']) => SimRoute,
): SimRoute[] {
  return [
    route('POST', '/rate-limit', 'rateLimit.set', (req) => {
      const parsed = OrgRateLimitSchema.safeParse(req.body);
      if (!parsed.success) return controlBadRequest(parsed.error);
      limiter.set(parsed.data);
      return { status: 201, body: limiter.current() };
    }),
    route('GET', '/rate-limit', 'rateLimit.get', () => ({ status: 200, body: limiter.current() })),
    route('DELETE', '/rate-limit', 'rateLimit.clear', () => noContent(() => limiter.set(undefined))),
  ];
}

function noContent(action: () => void): SimResponse {
  action();
  return { status: 204 };
}

function filterOf(query: URLSearchParams): { endpoint?: string; method?: string } {
  const endpoint = query.get('endpoint');
  const method = query.get('method');
  return { ...(endpoint ? { endpoint } : {}), ...(method ? { method } : {}) };
}

function describe(simulators: readonly OperationSimulator[]): unknown {
  return {
    ok: true,
    simulators: simulators.map((sim) => ({
      name: sim.name,
      endpoints: sim.routes.map((r) => ({ endpoint: r.endpoint, method: r.method, pattern: r.pattern })),
    })),
  };
}
