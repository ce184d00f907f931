/**
 * The embedded default topology on one machine: the Temporal CLI dev server (file-backed, Web UI), the provider
 * simulators when no real provider is configured, and one worker — for `npm start` and the demo.
 */
import { dirname, join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { loadConfig } from '../config';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { createAllSimulators } from '../simulator/registry';
import type { AllSimulatorsOptions } from '../simulator/registry';
import { startSimulator } from '../simulator/server';
import type { SimulatorServer } from '../simulator/server';
import { installRuntimeLogger } from '../worker';
import { createWorker } from '../worker-factory';
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

/** Credentials the embedded simulators accept; they guard nothing real. */
const SIM = {
  token: 'embedded-simulator-token',
  apiKey: 'embedded-simulator-key',
  user: 'sim-admin',
  password: 'sim-password',
};
const PROVIDER_PREFIXES = ['WEBEX', 'ORACLE', 'FULLSTORY', 'ZOHO'];

/** Every provider's `default` connection pointed at the simulators. */
function simulatorEnv(url: string): Record<string, string> {
  return {
    BULKFLOW_WEBEX_BASE_URL: url,
    BULKFLOW_WEBEX_TOKEN: SIM.token,
    BULKFLOW_ORACLE_BASE_URL: url,
    BULKFLOW_ORACLE_USERNAME: SIM.user,
    BULKFLOW_ORACLE_PASSWORD: SIM.password,
    BULKFLOW_FULLSTORY_BASE_URL: url,
    BULKFLOW_FULLSTORY_API_KEY: SIM.apiKey,
    BULKFLOW_ZOHO_BASE_URL: url,
    BULKFLOW_ZOHO_TOKEN: SIM.token,
  };
}

/** True when no provider connection is configured, so the simulators stand in for all of them. */
export function noProviderConfigured(env: Readonly<Record<string, string | undefined>>): boolean {
  return !env['BULKFLOW_CONFIG'] && PROVIDER_PREFIXES.every((p) => !env[`BULKFLOW_${p}_BASE_URL`]);
}

export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  const { log } = options;
  const server = await startDevServer(options.server);
  log.info({ address: server.address, ui: server.uiUrl }, 'temporal dev server ready');
  const oracleBasic = Buffer.from(`${SIM.user}:${SIM.password}`).toString('base64');
  const sim = noProviderConfigured(options.env)
    ? await startSimulator({
        port: options.simulatorPort,
        simulators: createAllSimulators(options.simulators),
        auth: { bearerTokens: [SIM.token, SIM.apiKey, oracleBasic] },
      })
    : undefined;
  if (sim) log.info({ url: sim.url }, 'provider simulators ready (no real provider configured)');
  const config = loadConfig({
    // Large payloads go to a blob store beside the database unless one is configured (ARCHITECTURE.md §4.9).
    BULKFLOW_CLAIM_CHECK_DIR: join(dirname(options.server.dbFilename), 'blobs'),
    ...options.env,
    TEMPORAL_ADDRESS: server.address,
    ...(sim ? simulatorEnv(sim.url) : {}),
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
