/**
 * The HTTP API process: config → logger → BulkJobClient → `buildApp` → listen on BULKFLOW_API_HOST:BULKFLOW_API_PORT
 * (127.0.0.1:8080), and Prometheus `/metrics` on BULKFLOW_METRICS_HOST:BULKFLOW_METRICS_PORT when the port is set. SIGINT/SIGTERM close the server (in-flight requests finish) and the Temporal connection.
 */
import type { AppConfig, MetricsSettings } from '../config';
import { loadConfig } from '../config';
import { BulkJobClient } from '../client';
import { assertPayloadsProtected } from '../codec/plaintext-policy';
import { createLogger } from '../logger';
import type { Logger } from '../logger';
import { startMetricsEndpoint } from '../metrics/endpoint';
import type { MetricsEndpoint, MetricsSource } from '../metrics/endpoint';
import { stopOnSignals } from '../shutdown';
import { startTracing } from '../tracing';
import { buildApp } from './app';
import type { JobsApi } from './deps';
import { createApiMetrics } from './metrics';
import type { ApiMetrics } from './metrics';

export interface ApiServer {
  /** Where it listens, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  close(): Promise<void>;
}

export interface StartApiOptions {
  readonly config: AppConfig;
  readonly jobs: JobsApi;
  readonly log: Logger;
  /** Where the app's request metrics go (`createApiMetrics`); absent: none are kept. */
  readonly metrics?: ApiMetrics;
}

/**
 * Builds the app and listens. Thrown when the port cannot be bound, or when job data would be stored in plaintext on
 * a Temporal beyond this machine without `BULKFLOW_ALLOW_PLAINTEXT=true` (`ConfigError`).
 */
export async function startApiServer(options: StartApiOptions): Promise<ApiServer> {
  const { config, log } = options;
  assertPayloadsProtected(config.temporal, 'API');
  if (config.api.keys.length === 0) {
    log.warn(
      {},
      'no API keys configured (api.keys in BULKFLOW_CONFIG, or BULKFLOW_API_KEY): every /v1 request gets 401',
    );
  }
  if (config.temporal.cursorSecret === undefined) {
    log.warn({}, 'no BULKFLOW_CURSOR_SECRET: listing cursors last only as long as this process, and only on it');
  }
  const app = buildApp({
    jobs: options.jobs,
    keys: config.api.keys,
    connections: config.connections,
    callbacks: config.callbacks,
    logger: log,
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const url = await app.listen({ port: config.api.port, host: config.api.host });
  log.info({ url, keys: config.api.keys.length }, 'HTTP API listening');
  return { url, close: () => app.close() };
}

/** The API's `/metrics` on `settings` (BULKFLOW_METRICS_HOST/PORT), over `sources`; logs where it listens. */
export async function serveMetrics(
  settings: MetricsSettings,
  sources: readonly MetricsSource[],
  log: Logger,
): Promise<MetricsEndpoint> {
  const endpoint = await startMetricsEndpoint({ ...settings, sources });
  log.info({ metrics: endpoint.url }, 'metrics endpoint listening');
  return endpoint;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const tracing = await startTracing(process.env, 'bulkflow-api');
  // Lazy: the API starts (and /readyz answers 503) while Temporal is still coming up.
  const jobs = await BulkJobClient.connectTo(config.temporal, { lazy: true });
  const metrics = config.metrics ? createApiMetrics() : undefined;
  const server = await startApiServer({ config, jobs, log, ...(metrics ? { metrics } : {}) });
  const endpoint = config.metrics && metrics ? await serveMetrics(config.metrics, [metrics.text], log) : undefined;
  const stop = async () => {
    await server.close();
    await endpoint?.close();
    await jobs.close();
    await tracing.flush();
  };
  stopOnSignals({ name: 'HTTP API', log, stop });
}

if (require.main === module) {
  main().catch((err: unknown) => {
    createLogger('error').fatal({ err }, 'HTTP API failed to start');
    process.exit(1);
  });
}
