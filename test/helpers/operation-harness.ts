/**
 * One operation's simulator on a free port and an `OperationContext` that reaches it over real HTTP, authenticated
 * the way the operation declares: the harness of an operation's unit tests. The simulator accepts exactly the
 * credentials of the connection the harness uses.
 */
import { simulatedConnectionsAuth } from '../../src/dev/simulated-connections';
import type { OperationId } from '../../src/domain/job';
import { createHttpClient } from '../../src/http/client';
import { operations } from '../../src/providers/registry';
import type { OperationContext, OperationLogger } from '../../src/providers/types';
import { startSimulator, type RequestLogEntry, type SimulatorServer } from '../../src/simulator';
import { createSimulator, type SimConfigOf, type SimulatorOf } from '../../src/simulator-registry';

/** Credentials of the harness's connection (each operation's auth takes the fields it declares). */
export const HARNESS_CREDENTIALS = { token: 'test-token', apiKey: 'test-api-key', username: 'sim', password: 'pw' };

export interface OperationHarness<Id extends OperationId> {
  readonly server: SimulatorServer;
  readonly sim: SimulatorOf<Id>;
  readonly ctx: OperationContext;
  /** Messages the operation logged at warn level, in order. */
  readonly warnings: string[];
  /** The simulator's log of one endpoint, named without the operation id (`start`, `status`…). */
  requests(endpoint: string): RequestLogEntry[];
  close(): Promise<void>;
}

/** Starts the simulator of `id` with `config`. Thrown when the configuration is invalid or no port is free. */
export async function startOperationHarness<Id extends OperationId>(
  id: Id,
  config?: SimConfigOf<Id>,
): Promise<OperationHarness<Id>> {
  const { provider, auth } = operations[id];
  const sim = createSimulator(id, config);
  const server = await startSimulator({ simulators: [sim], auth: simulatedConnectionsAuth(HARNESS_CREDENTIALS) });
  const http = createHttpClient({
    provider,
    baseUrl: server.url,
    auth: () => auth.authorization(provider, HARNESS_CREDENTIALS),
    timeoutMs: 2_000,
  });
  const warnings: string[] = [];
  const log: OperationLogger = { info: () => undefined, warn: (_obj, msg) => warnings.push(msg) };
  return {
    server,
    sim,
    ctx: { http, log, authScheme: auth.scheme(HARNESS_CREDENTIALS) },
    warnings,
    requests: (endpoint) => server.log.entries({ endpoint: `${id}.${endpoint}` }),
    close: () => server.close(),
  };
}
