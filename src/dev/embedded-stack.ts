/**
 * The embedded default topology on one machine: the Temporal CLI dev server (file-backed, Web UI), the provider
 * simulators when no real provider is configured, and one worker — for `npm start` and the demo.
 */
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

/** Token the embedded simulator accepts; it guards nothing real. */
const SIMULATOR_TOKEN = 'embedded-simulator-token';

export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  const { log } = options;
  const server = await startDevServer(options.server);
  log.info({ address: server.address, ui: server.uiUrl }, 'temporal dev server ready');
  const useSimulator = !options.env['BULKFLOW_WEBEX_BASE_URL'] && !options.env['BULKFLOW_CONFIG'];
  const sim = useSimulator
    ? await startSimulator({
        port: options.simulatorPort,
        simulators: createAllSimulators(options.simulators),
        auth: { bearerTokens: [SIMULATOR_TOKEN] },
      })
    : undefined;
  if (sim) log.info({ url: sim.url }, 'provider simulators ready (no real provider configured)');
  const config = loadConfig({
    ...options.env,
    TEMPORAL_ADDRESS: server.address,
    ...(sim ? { BULKFLOW_WEBEX_BASE_URL: sim.url, BULKFLOW_WEBEX_TOKEN: SIMULATOR_TOKEN } : {}),
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
