/**
 * The embedded default topology on one machine: the Temporal CLI dev server (file-backed, Web UI), the provider
 * simulators when no real provider is configured, and one worker — for `npm start` and the demo.
 */
import { dirname, join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { connectionEnvVar, loadConfig } from '../config';
import type { AppConfig } from '../config';
import { PROVIDER_NAMES } from '../domain/job';
import type { Logger } from '../logger';
import { createAllSimulators } from '../simulator/registry';
import type { AllSimulatorsOptions } from '../simulator/registry';
import { startSimulator } from '../simulator/server';
import type { SimulatorServer } from '../simulator/server';
import { installRuntimeLogger } from '../worker';
import { createWorker } from '../worker-factory';
import { simulatedConnectionsAuth, simulatedConnectionsEnv, type SimulatedCredentials } from './simulated-connections';
import { startDevServer } from './temporal-dev-server';
import type { DevServer, DevServerOptions } from './temporal-dev-server';

export interface EmbeddedStackOptions {
  readonly server: DevServerOptions;
  /** Port of the simulators (0 = any free port). */
  readonly simulatorPort: number;
  readonly simulators?: AllSimulatorsOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: Logger;
}

export interface EmbeddedStack {
  readonly config: AppConfig;
  readonly server: DevServer;
  readonly sim?: SimulatorServer;
  readonly worker: Worker;
  stop(): Promise<void>;
}

/** Credentials of the connections to the embedded simulators; they guard nothing real. */
const SIM_CREDENTIALS: SimulatedCredentials = {
  token: 'embedded-simulator-token',
  apiKey: 'embedded-simulator-key',
  username: 'sim-admin',
  password: 'sim-password',
};

/** True when no provider connection is configured, so the simulators stand in for all of them. */
export function noProviderConfigured(env: Readonly<Record<string, string | undefined>>): boolean {
  return !env['BULKFLOW_CONFIG'] && PROVIDER_NAMES.every((p) => !env[connectionEnvVar(p, 'baseUrl')]);
}

export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  const { log } = options;
  const server = await startDevServer(options.server);
  log.info({ address: server.address, ui: server.uiUrl }, 'temporal dev server ready');
  const sim = noProviderConfigured(options.env)
    ? await startSimulator({
        port: options.simulatorPort,
        simulators: createAllSimulators(options.simulators),
        auth: simulatedConnectionsAuth(SIM_CREDENTIALS),
      })
    : undefined;
  if (sim) log.info({ url: sim.url }, 'provider simulators ready (no real provider configured)');
  const config = loadConfig({
    // Large payloads go to a blob store beside the database unless one is configured
    // (docs/architecture.md#claim-check).
    BULKFLOW_CLAIM_CHECK_DIR: join(dirname(options.server.dbFilename), 'blobs'),
    ...options.env,
    TEMPORAL_ADDRESS: server.address,
    ...(sim ? simulatedConnectionsEnv(sim.url, SIM_CREDENTIALS) : {}),
  });
  installRuntimeLogger(config.logLevel, log);
  const worker = await createWorker({ config });
  const running = worker.run();
  log.info({ taskQueue: config.temporal.taskQueue }, 'worker running');
  const stop = async (): Promise<void> => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await sim?.close();
    await server.stop();
  };
  return { config, server, worker, stop, ...(sim ? { sim } : {}) };
}
