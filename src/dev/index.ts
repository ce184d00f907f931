/**
 * `npm start` (and `bulkflow dev`): the embedded stack plus the HTTP API, kept running until SIGINT/SIGTERM.
 * Temporal state persists in .data/temporal.db with real provider connections, and in .data/simulated/temporal.db
 * on the simulators, so the simulators' dev API key never reads a configured run's jobs (`BULKFLOW_DEV_DATA_DIR`
 * moves `.data`). One stack per data folder: a lock file names the process that holds it. Payloads are encrypted
 * under a master key made on the first run beside the database (src/dev/dev-keys.ts). Once up, the stack writes its
 * descriptor (`stack.json`, src/stack-descriptor.ts), which lets the CLI beside it work with nothing set. Ports
 * (src/dev/dev-ports.ts): TEMPORAL_DEV_PORT (7233), TEMPORAL_UI_PORT (8233), BULKFLOW_SIMULATOR_PORT (8787),
 * BULKFLOW_API_PORT (8080), BULKFLOW_CODEC_PORT (8081); with BULKFLOW_METRICS_PORT set (0: a free port), one
 * Prometheus `/metrics` serves the API's metrics and the worker's (the SDK runtime's exporter) together.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApiMetrics } from '../api/metrics';
import { serveMetrics, startApiServer } from '../api/server';
import type { ApiServer } from '../api/server';
import { sha256Hex } from '../api-keys-config';
import { BulkJobClient } from '../client';
import { isLoopbackHost } from '../codec/plaintext-policy';
import { loadConfig } from '../config';
import type { AppConfig } from '../config';
import { errorMessage, hasErrorName } from '../domain/errors';
import { acquirePidLock } from '../fs/pid-lock';
import { createLogger } from '../logger';
import type { Logger } from '../logger';
import type { MetricsEndpoint, MetricsSource } from '../metrics/endpoint';
import { stopOnSignals } from '../shutdown';
import { claimCheckPlace, devDataRoot, writeStackDescriptor } from '../stack-descriptor';
import { DEV_CURSOR_SECRET_FILE } from './dev-keys';
import { assertPortsFree, devPorts, simulatorPort, temporalDevPort, temporalUiPort } from './dev-ports';
import { noProviderConfigured, startEmbeddedStack } from './embedded-stack';
import type { EmbeddedStack } from './embedded-stack';
import { devLogger, renderBanner } from './terminal-output';
import type { BannerInfo } from './terminal-output';
import { workflowBundleFromEnv } from '../worker-factory';

/**
 * API key of the embedded stack when it runs on the simulators, no key is configured and the API listens on a
 * loopback address only: a well-known key guards nothing beyond this machine's own simulated jobs.
 */
export const DEV_API_KEY = 'bulkflow-dev-api-key';

export { isLoopbackHost };

type Env = Readonly<Record<string, string | undefined>>;

/** The config with the dev key added when it is safe (see DEV_API_KEY); the reason when it is not. */
export function withDevKey(config: AppConfig, simulated: boolean): { config: AppConfig; refused?: string } {
  if (!simulated || config.api.keys.length > 0) return { config };
  if (!isLoopbackHost(config.api.host)) {
    return { config, refused: `the API listens on ${config.api.host}, not a loopback address` };
  }
  const keys = [{ caller: 'dev', keySha256: sha256Hex(DEV_API_KEY), tenants: '*' as const }];
  return { config: { ...config, api: { ...config.api, keys } } };
}

/** The data folder of the stack: `simulated/` under the data root on the simulators, the root itself otherwise. */
export function devDataDir(env: Env): string {
  return noProviderConfigured(env) ? join(devDataRoot(env), 'simulated') : devDataRoot(env);
}

/** A running dev stack: what the banner shows, and how to stop it. */
export interface DevStack {
  readonly banner: BannerInfo;
  readonly stop: () => Promise<void>;
}

/** The runtime exporter's text, fetched from its loopback port. Thrown when it does not answer 200. */
function fetchedText(url: string): MetricsSource {
  return async () => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.text();
  };
}

/** The HTTP API over `stack`, with the dev key when it is safe; closes what it opened when it cannot listen. */
async function serveApi(
  stack: EmbeddedStack,
  log: Logger,
): Promise<{ api: ApiServer; devKey: boolean; metrics?: MetricsEndpoint; close: () => Promise<void> }> {
  const jobs = await BulkJobClient.connectTo(stack.config.temporal);
  let metrics: MetricsEndpoint | undefined;
  try {
    const dev = withDevKey(stack.config, stack.sim !== undefined);
    if (dev.refused) log.warn({ reason: dev.refused }, 'the dev API key is off: configure api keys (BULKFLOW_API_KEY)');
    const apiMetrics = stack.config.metrics ? createApiMetrics() : undefined;
    const api = await startApiServer({ config: dev.config, jobs, log, ...(apiMetrics ? { metrics: apiMetrics } : {}) });
    // One /metrics for the process: the API's registry and the SDK runtime's exporter (Temporal's and bulkflow's).
    const runtime = stack.runtimeMetricsUrl;
    if (stack.config.metrics && apiMetrics && runtime) {
      metrics = await serveMetrics(stack.config.metrics, [apiMetrics.text, fetchedText(runtime)], log);
    }
    const devKey = dev.refused === undefined && stack.sim !== undefined;
    const close = () =>
      api
        .close()
        .then(() => metrics?.close())
        .then(() => jobs.close());
    return { api, devKey, close, ...(metrics ? { metrics } : {}) };
  } catch (err) {
    await metrics?.close();
    await jobs.close();
    throw err;
  }
}

/** Checks the ports, then starts the embedded stack and the API, and writes the descriptor. */
async function startUnderLock(env: Env, log: Logger, place: DevPlace): Promise<DevStack> {
  // Ports only: the stack's Temporal is its own dev server, never the one of a `temporal` profile.
  const base = loadConfig(env, { isolated: true });
  const simulated = noProviderConfigured(env);
  await assertPortsFree(devPorts({ env, api: base.api, codecPort: base.codecServer.port, simulated }));
  const workflowBundle = workflowBundleFromEnv(env);
  const stack = await startEmbeddedStack({
    server: { dbFilename: join(place.dataDir, 'temporal.db'), port: temporalDevPort(env), uiPort: temporalUiPort(env) },
    simulatorPort: simulatorPort(env),
    env,
    log,
    ...(workflowBundle ? { workflowBundle } : {}),
  });
  let served: Awaited<ReturnType<typeof serveApi>> | undefined;
  try {
    served = await serveApi(stack, log);
    const { api, devKey } = served;
    const banner = {
      ...bannerOf(stack, api.url, devKey),
      ...(served.metrics ? { metrics: served.metrics.url } : {}),
      ...(place.logFile ? { logFile: place.logFile } : {}),
    };
    const descriptorFile = await writeDescriptor(place.dataDir, stack, banner, env);
    log.info({ ...banner, descriptorFile }, 'bulkflow is up');
    const { close } = served;
    return { banner: { ...banner, descriptorFile }, stop: () => close().then(() => stack.stop()) };
  } catch (err) {
    await served?.close();
    await stack.stop();
    throw err;
  }
}

function bannerOf(stack: EmbeddedStack, api: string, devKey: boolean): Omit<BannerInfo, 'descriptorFile'> {
  const { address, namespace, taskQueue } = stack.config.temporal;
  return {
    api,
    temporal: { address, namespace, taskQueue },
    ...(stack.server.uiUrl ? { ui: stack.server.uiUrl } : {}),
    ...(stack.codec ? { codec: stack.codec.url } : {}),
    ...(stack.sim ? { simulator: stack.sim.url } : {}),
    ...(devKey ? { devApiKey: DEV_API_KEY } : {}),
  };
}

/** The descriptor of the running stack: where it is, and the paths (never the contents) of its keys and blobs. */
function writeDescriptor(dataDir: string, stack: EmbeddedStack, banner: Omit<BannerInfo, 'descriptorFile'>, env: Env) {
  const { encryption, claimCheck } = stack.config.temporal;
  // The stack keeps a cursor secret of its own unless the environment gave one (dev-keys.ts): name its file.
  const keptCursorSecret = env['BULKFLOW_CURSOR_SECRET'] ? undefined : join(dataDir, DEV_CURSOR_SECRET_FILE);
  return writeStackDescriptor(dataDir, {
    kind: 'bulkflow-embedded-stack',
    pid: process.pid,
    startedAt: new Date().toISOString(),
    temporal: banner.temporal,
    urls: {
      api: banner.api,
      ...(banner.ui ? { ui: banner.ui } : {}),
      ...(banner.codec ? { codec: banner.codec } : {}),
      ...(banner.simulator ? { simulator: banner.simulator } : {}),
      ...(banner.metrics ? { metrics: banner.metrics } : {}),
    },
    ...(encryption?.keyFile ? { keyFile: resolve(encryption.keyFile) } : {}),
    ...(encryption ? { tenantKeyDir: resolve(encryption.tenantKeyDir) } : {}),
    ...claimCheckPlace(claimCheck),
    ...(keptCursorSecret ? { cursorSecretFile: resolve(keptCursorSecret) } : {}),
    ...(banner.logFile ? { logFile: banner.logFile } : {}),
  });
}

/** Where a dev stack keeps its data (see `devDataDir`), and the log file it writes on a terminal. */
export interface DevPlace {
  readonly dataDir: string;
  readonly logFile?: string;
}

/**
 * Starts the stack of `npm start`, logging to `log`. Thrown: `LockHeldError` when another process runs a stack on
 * the same data folder, `PortsInUseError` naming every busy port, `ConfigError`.
 */
export async function startDevStack(env: Env, log: Logger, place: DevPlace): Promise<DevStack> {
  const { dataDir } = place;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = await acquirePidLock(join(dataDir, 'stack.lock'), `the data folder ${dataDir}`);
  try {
    const dev = await startUnderLock(env, log, place);
    return { banner: dev.banner, stop: () => dev.stop().finally(() => lock.release()) };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

/** The streams `npm start` writes to. */
export interface DevIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Starts everything and stops it on SIGINT/SIGTERM. On a terminal it prints the banner and keeps the log in
 * `<data folder>/bulkflow.log`; elsewhere it logs JSON on stdout. Thrown when a part cannot start.
 */
export async function runDevStack(env: Env = process.env, io: DevIo = process): Promise<void> {
  const dataDir = devDataDir(env);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const terminal = io.stdout.isTTY === true;
  const level = env['BULKFLOW_LOG_LEVEL'] || 'info';
  const { log, logFile } = devLogger(level, terminal, join(dataDir, 'bulkflow.log'), io.stderr);
  const dev = await startDevStack(env, log, { dataDir, ...(logFile ? { logFile } : {}) });
  if (terminal) io.stdout.write(renderBanner(dev.banner));
  stopOnSignals({ name: 'bulkflow', log, stop: () => dev.stop() });
}

/** The refusals an operator acts on by reading them: said in one plain line each, never as a stack trace. */
const PLAIN_FAILURES = ['PortsInUseError', 'LockHeldError', 'ConfigError'];

/** Reports a failed start: a known refusal in plain words on stderr, anything else as a fatal log entry. */
export function reportStartFailure(err: unknown, io: DevIo): void {
  if (hasErrorName(err, ...PLAIN_FAILURES)) {
    io.stderr.write(`bulkflow cannot start:\n${errorMessage(err)}\n`);
    return;
  }
  if (io.stderr.isTTY) {
    const stack = (err as { stack?: unknown } | undefined)?.stack;
    io.stderr.write(`bulkflow failed to start: ${typeof stack === 'string' ? stack : errorMessage(err)}\n`);
    return;
  }
  createLogger('error').fatal({ err }, 'bulkflow failed to start');
}

if (require.main === module) {
  runDevStack().catch((err: unknown) => {
    reportStartFailure(err, process);
    process.exit(1);
  });
}
