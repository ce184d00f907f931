/** The simulator HTTP server: mounts every operation simulator, scripted faults, the request log and `/__sim/`. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../domain/errors';
import { CONTROL_PREFIX, controlRoutes } from './control-api';
import { SimCredentials, type SimAuth } from './credentials';
import { dispatchProviderRequest, type DispatchContext } from './dispatch';
import { SimFaults } from './faults';
import { oauthTokenSimulator } from './oauth-token-endpoints';
import { OrgRateLimiter } from './org-rate-limit';
import { readSimRequest, writeSimResponse } from './http-io';
import { RequestLog } from './request-log';
import { compileRoute, matchRoute, type CompiledRoute } from './router';
import type { OperationSimulator, SimLogger } from './types';
import { webexErrorBody } from './webex-error';

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly simulators: readonly OperationSimulator[];
  readonly auth?: SimAuth;
  readonly logger?: SimLogger;
}

/** A running simulator. */
export interface SimulatorServer {
  /** Origin, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly faults: SimFaults;
  readonly log: RequestLog;
  /** The credentials it accepts now: expire and rotate tokens, register OAuth clients. */
  readonly credentials: SimCredentials;
  /** The optional org-wide rate limit and what it counted (also `/__sim/rate-limit`). */
  readonly rateLimiter: OrgRateLimiter;
  readonly simulators: readonly OperationSimulator[];
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
  /** Clears faults, the rate limit and the request log and resets every simulator's state and the credentials. */
  reset(): void;
}

/**
 * Starts the simulator on `host:port`.
 * Thrown when two simulators declare the same endpoint name (ConfigError), or when the port cannot be bound.
 */
export async function startSimulator(options: SimulatorOptions): Promise<SimulatorServer> {
  const faults = new SimFaults();
  const log = new RequestLog();
  const credentials = new SimCredentials(options.auth);
  const rateLimiter = new OrgRateLimiter();
  const { simulators } = options;
  const mounted = [...simulators, oauthTokenSimulator(credentials)];
  const reset = (): void => {
    faults.clear();
    rateLimiter.set(undefined);
    log.clear();
    credentials.reset();
    for (const sim of simulators) sim.reset?.();
  };
  const control = [
    ...controlRoutes({ faults, log, rateLimiter, simulators, reset }),
    ...mounted.flatMap((s) => s.controlRoutes ?? []),
  ];
  const compiledControl = control.map(compileRoute);
  const ctx: DispatchContext = {
    routes: compileProviderRoutes(mounted),
    errorBodies: errorBodies(mounted),
    faults,
    log,
    credentials,
    rateLimiter,
    ...(options.logger ? { logger: options.logger } : {}),
  };
  const server = createServer((req, res) => void handle(ctx, compiledControl, req, res));
  const port = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  options.logger?.info({ url, simulators: simulators.map((s) => s.name) }, 'simulator listening');
  return { url, port, faults, log, credentials, rateLimiter, simulators, reset, close: () => close(server) };
}

async function handle(
  ctx: DispatchContext,
  control: readonly CompiledRoute[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const simReq = await readSimRequest(req, Date.now());
    if (!simReq.path.startsWith(`${CONTROL_PREFIX}/`)) return await dispatchProviderRequest(ctx, req, res, simReq);
    const match = matchRoute(control, simReq.method, simReq.path);
    if (match.kind !== 'matched')
      return writeSimResponse(res, { status: 404, body: webexErrorBody('No such control route') });
    writeSimResponse(res, await match.route.handle(simReq, match.params));
  } catch (err) {
    ctx.logger?.warn({ err }, 'simulator request failed');
    if (!res.headersSent) writeSimResponse(res, { status: 500, body: webexErrorBody('Internal simulator error') });
  }
}

function compileProviderRoutes(simulators: readonly OperationSimulator[]): CompiledRoute[] {
  const seen = new Set<string>();
  for (const route of simulators.flatMap((s) => s.routes)) {
    if (seen.has(route.endpoint)) throw new ConfigError('simulators', `duplicate endpoint name ${route.endpoint}`);
    seen.add(route.endpoint);
  }
  return simulators.flatMap((s) => s.routes.map(compileRoute));
}

function errorBodies(
  simulators: readonly OperationSimulator[],
): Map<string, (status: number, message: string) => unknown> {
  const bodies = new Map<string, (status: number, message: string) => unknown>();
  for (const sim of simulators) {
    const errorBody = sim.errorBody?.bind(sim);
    if (errorBody) for (const route of sim.routes) bodies.set(route.endpoint, errorBody);
  }
  return bodies;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
