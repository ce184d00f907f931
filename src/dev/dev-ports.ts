/**
 * The ports of the embedded stack, each with the service that listens on it and the variable that moves it. They are
 * all checked before anything starts, so a busy port is reported by name and variable (and every busy one at once)
 * instead of as the stack trace of whichever part happened to bind it first.
 */
import { createServer } from 'node:net';
import { ConfigError } from '../domain/errors';

/** A port the stack will listen on. */
export interface DevPort {
  readonly service: string;
  readonly variable: string;
  readonly host: string;
  readonly port: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The port `variable` names, else `fallback`. Thrown when it is not a port number: `ConfigError`. */
function portOf(env: Env, variable: string, fallback: number): number {
  const value = env[variable];
  if (!value) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError(variable, 'must be a port (0-65535)');
  return port;
}

/** The Temporal dev server's port: `TEMPORAL_DEV_PORT`, else 7233. */
export function temporalDevPort(env: Env): number {
  return portOf(env, 'TEMPORAL_DEV_PORT', 7233);
}

/** The Web UI's port: `TEMPORAL_UI_PORT`, else the dev server's port + 1000 (8233). */
export function temporalUiPort(env: Env): number {
  return portOf(env, 'TEMPORAL_UI_PORT', temporalDevPort(env) + 1000);
}

/** The simulators' port: `BULKFLOW_SIMULATOR_PORT`, else 8787. */
export function simulatorPort(env: Env): number {
  return portOf(env, 'BULKFLOW_SIMULATOR_PORT', 8787);
}

export interface DevPortsInput {
  readonly env: Env;
  /** Where the API and the codec server listen, from the configuration. */
  readonly api: { readonly host: string; readonly port: number };
  readonly codecPort: number;
  /** The simulators run (no real provider is configured). */
  readonly simulated: boolean;
}

/** Every port the stack of `npm start` listens on (a port of 0 is any free port, and is left out). */
export function devPorts(input: DevPortsInput): DevPort[] {
  const { env, api, codecPort, simulated } = input;
  const loopback = '127.0.0.1';
  const ports: DevPort[] = [
    { service: 'the Temporal dev server', variable: 'TEMPORAL_DEV_PORT', host: loopback, port: temporalDevPort(env) },
    { service: 'the Temporal Web UI', variable: 'TEMPORAL_UI_PORT', host: loopback, port: temporalUiPort(env) },
    { service: 'the HTTP API', variable: 'BULKFLOW_API_PORT', host: api.host, port: api.port },
    { service: 'the codec server of the Web UI', variable: 'BULKFLOW_CODEC_PORT', host: loopback, port: codecPort },
    ...(simulated
      ? [
          {
            service: 'the provider simulators',
            variable: 'BULKFLOW_SIMULATOR_PORT',
            host: loopback,
            port: simulatorPort(env),
          },
        ]
      : []),
  ];
  return ports.filter((p) => p.port !== 0);
}

/** Thrown when ports the stack needs are taken: each one named with its service and the variable that moves it. */
export class PortsInUseError extends Error {
  override readonly name = 'PortsInUseError';
  constructor(readonly ports: readonly DevPort[]) {
    super(
      ports
        .map(
          (p) =>
            `port ${p.port} (${p.service}) is in use by another process: stop it, or set ${p.variable} to a free ` +
            `port (e.g. ${p.variable}=${p.port + 10} npm start)`,
        )
        .join('\n'),
    );
  }
}

/** True when nothing listens on `host:port` (binding it for an instant succeeds). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Checks every port at once. Thrown when any is taken: `PortsInUseError` naming them all. */
export async function assertPortsFree(ports: readonly DevPort[]): Promise<void> {
  const free = await Promise.all(ports.map((p) => isPortFree(p.host, p.port)));
  const busy = ports.filter((_, i) => !free[i]);
  if (busy.length > 0) throw new PortsInUseError(busy);
}
