/**
 * The embedded default topology on one machine: the Temporal CLI dev server (file-backed, Web UI), the provider
 * simulators when no real provider is configured, and one worker — for `npm start` and the demo. Payloads are
 * encrypted (keys beside the database, src/dev/dev-keys.ts); with the Web UI on, a codec server on loopback lets the
 * UI show them decrypted.
 */
import { dirname, join } from 'node:path';
import { defaultBlobDirEnv } from '../claim-check/config';
import { codecServerCodecs } from '../data-converter';
import { ensureDir, fileModesOf } from '../fs/shared-files';
import { startCodecServer } from '../codec/server/server';
import type { CodecServer } from '../codec/server/server';
import { loadConfig } from '../config';
import { connectionEnvVar } from '../connections-config';
import type { AppConfig } from '../config';
import { PROVIDER_NAMES } from '../domain/job';
import type { Logger } from '../logger';
import { createAllSimulators } from '../simulator-registry';
import type { AllSimulatorsOptions } from '../simulator-registry';
import { startSimulator } from '../simulator/server';
import type { SimulatorServer } from '../simulator/server';
import { installRuntime } from '../worker';
import { createWorker } from '../worker-factory';
import type { BulkflowWorkers } from '../worker-factory';
import { plainEndpoint } from '../temporal-connection';
import { startTracing } from '../tracing';
import { DEV_CODEC_TOKEN_FILE, devCursorSecretEnv, devEncryptionEnv, keptDevSecret } from './dev-keys';
import { simulatedConnectionsAuth, simulatedConnectionsEnv, type SimulatedCredentials } from './simulated-connections';
import { startDevServer } from './temporal-dev-server';
import type { DevServer, DevServerOptions } from './temporal-dev-server';

export interface EmbeddedStackOptions {
  readonly server: DevServerOptions;
  /** Port of the simulators (0 = any free port). */
  readonly simulatorPort: number;
  readonly simulators?: AllSimulatorsOptions;
  /** Port of the codec server the Web UI decodes through (0 = any free port); unused without the UI. */
  readonly codecPort?: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: Logger;
  /** A prebuilt workflow bundle (`BULKFLOW_WORKFLOW_BUNDLE`); default: bundle `src/workflows` at start. */
  readonly workflowBundle?: { readonly codePath: string };
}

export interface EmbeddedStack {
  readonly config: AppConfig;
  readonly server: DevServer;
  readonly sim?: SimulatorServer;
  /** The codec server of the Web UI (loopback only), when the UI is on. */
  readonly codec?: CodecServer;
  readonly worker: BulkflowWorkers;
  /**
   * The SDK runtime's own Prometheus exporter, on a free loopback port, when the configuration asks for metrics:
   * the stack's one `/metrics` (src/dev/index.ts) serves it together with the API's.
   */
  readonly runtimeMetricsUrl?: string;
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

/**
 * Starts the codec server the dev server's Web UI calls from the browser: on loopback, for the UI's own origins.
 * The dev UI forwards no credentials, so its pages may decode without a token; anything else (`/encode`, the
 * `temporal` CLI) needs the token, `BULKFLOW_CODEC_TOKEN` or else one kept beside the database (`codec-token`).
 */
async function startDevCodecServer(options: EmbeddedStackOptions, config: AppConfig): Promise<CodecServer> {
  const ui = options.server.uiPort;
  const token =
    config.codecServer.token ?? (await keptDevSecret(dirname(options.server.dbFilename), DEV_CODEC_TOKEN_FILE));
  return startCodecServer({
    settings: {
      host: '127.0.0.1',
      port: options.codecPort ?? config.codecServer.port,
      uiOrigins: [`http://127.0.0.1:${ui}`, `http://localhost:${ui}`],
      token,
      uiDecodesWithoutToken: true,
    },
    namespace: config.temporal.namespace,
    codecs: codecServerCodecs(config.temporal),
    log: options.log,
  });
}

/** The stack's configuration: blobs and keys beside the database unless configured, the simulators when up. */
async function stackConfig(options: EmbeddedStackOptions, sim: SimulatorServer | undefined): Promise<AppConfig> {
  const dataDir = dirname(options.server.dbFilename);
  await ensureDir(dataDir, fileModesOf('private'));
  return loadConfig(
    {
      // Large payloads go to a blob store beside the database unless one (a directory or a bucket) is configured
      // (docs/architecture.md#claim-check).
      ...defaultBlobDirEnv(options.env, join(dataDir, 'blobs')),
      ...(await devEncryptionEnv(dataDir, options.env)),
      ...(await devCursorSecretEnv(dataDir, options.env)),
      ...options.env,
      ...(sim ? simulatedConnectionsEnv(sim.url, SIM_CREDENTIALS) : {}),
    },
    // Its own dev server, whatever the developer's `temporal` profile or TEMPORAL_* variables say.
    { endpoint: plainEndpoint(`127.0.0.1:${options.server.port}`) },
  );
}

export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  const { log } = options;
  const sim = noProviderConfigured(options.env)
    ? await startSimulator({
        port: options.simulatorPort,
        simulators: createAllSimulators(options.simulators),
        auth: simulatedConnectionsAuth(SIM_CREDENTIALS),
      })
    : undefined;
  if (sim) log.info({ url: sim.url }, 'provider simulators ready (no real provider configured)');
  let codec: CodecServer | undefined;
  let server: DevServer;
  let config: AppConfig;
  try {
    config = await stackConfig(options, sim);
    // The codec server comes first: the dev server names it to its Web UI.
    codec = options.server.uiPort > 0 ? await startDevCodecServer(options, config) : undefined;
    const extraArgs = [...(codec ? ['--ui-codec-endpoint', codec.url] : []), ...(options.server.extraArgs ?? [])];
    server = await startDevServer({ ...options.server, extraArgs });
  } catch (err) {
    await codec?.close();
    await sim?.close();
    throw err;
  }
  log.info({ address: server.address, ui: server.uiUrl, codec: codec?.url }, 'temporal dev server ready');
  const runtimeMetricsUrl = await installRuntime({
    level: config.logLevel,
    log,
    ...(config.metrics ? { metrics: { host: '127.0.0.1', port: 0 } } : {}),
  });
  // One tracing for the worker and the API of this process.
  const tracing = await startTracing(process.env, 'bulkflow');
  const worker = await createWorker({
    config,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : {}),
  });
  const running = worker.run();
  log.info({ taskQueue: config.temporal.taskQueue }, 'worker running');
  const stop = async (): Promise<void> => {
    worker.shutdown();
    await running;
    await sim?.close();
    await server.stop();
    await codec?.close();
    await tracing.flush();
  };
  return {
    config,
    server,
    worker,
    stop,
    ...(sim ? { sim } : {}),
    ...(codec ? { codec } : {}),
    ...(runtimeMetricsUrl ? { runtimeMetricsUrl } : {}),
  };
}
