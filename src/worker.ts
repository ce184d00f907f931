/**
 * Worker process: config → logger → Temporal runtime (logger, Prometheus `/metrics` when BULKFLOW_METRICS_PORT is
 * set) → activities → Worker.run(). SIGTERM drains.
 * `BULKFLOW_WORKFLOW_BUNDLE` may name a prebuilt workflow bundle (skips bundling at start). Traces go out over OTLP when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `…_TRACES_ENDPOINT`) is set (src/tracing).
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { LogLevel, MetricsExporterConfig } from '@temporalio/worker';
import { loadConfig } from './config';
import type { MetricsSettings } from './config';
import { errorMessage } from './domain/errors';
import { HISTOGRAM_BUCKETS } from './domain/metrics';
import { withLoggedErrors } from './logged-error';
import { createLogger } from './logger';
import type { Logger } from './logger';
import { metricsUrl } from './metrics/endpoint';
import { freePort } from './metrics/free-port';
import { connectWorker } from './temporal-connection/native';
import { startTracing } from './tracing';
import { createWorker, workflowBundleFromEnv } from './worker-factory';
import { semaphoreTaskQueue } from './workflows/semaphore-definitions';

const LEVELS: Record<string, LogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

/**
 * Routes the SDK's (and so workflows' and activities') logs to pino. Errors in them (the SDK logs every failed
 * activity with its error) keep their kind only, never their message or details (src/logged-error.ts).
 */
function runtimeLogger(level: string, log: Logger): DefaultLogger {
  return new DefaultLogger(LEVELS[level] ?? 'INFO', (entry) => {
    const { message, meta } = entry;
    const method =
      entry.level === 'TRACE' ? 'trace' : (entry.level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error');
    log[method](withLoggedErrors(meta ?? {}), message);
  });
}

/**
 * The SDK runtime's Prometheus exporter on `host:port`: Temporal's metrics and bulkflow's own (src/domain/metrics.ts),
 * counters with `_total`, histograms in seconds with the unit in their name.
 */
export function prometheusExporter(host: string, port: number): MetricsExporterConfig {
  return {
    prometheus: {
      bindAddress: `${host.includes(':') ? `[${host}]` : host}:${port}`,
      countersTotalSuffix: true,
      unitSuffix: true,
      useSecondsForDurations: true,
      histogramBucketOverrides: { ...HISTOGRAM_BUCKETS },
    },
  };
}

export interface InstallRuntimeOptions {
  readonly level: string;
  readonly log: Logger;
  /** Serve Prometheus `/metrics` here (port 0: a free port); absent: no metrics. */
  readonly metrics?: MetricsSettings;
}

/** Tries to bind a free port this many times: another process may take the port between the check and the bind. */
const FREE_PORT_TRIES = 5;

/**
 * Installs the SDK runtime, once per process: its logs go to pino and, with `metrics`, its Prometheus exporter
 * serves `/metrics`. Resolves with that URL. Thrown when the runtime is already installed, or the port is taken.
 */
export async function installRuntime(options: InstallRuntimeOptions): Promise<string | undefined> {
  const logger = runtimeLogger(options.level, options.log);
  const { metrics } = options;
  if (!metrics) {
    Runtime.install({ logger });
    return undefined;
  }
  for (let tries = 1; ; tries++) {
    const port = metrics.port === 0 ? await freePort(metrics.host) : metrics.port;
    try {
      Runtime.install({ logger, telemetryOptions: { metrics: prometheusExporter(metrics.host, port) } });
      return metricsUrl(metrics.host, port);
    } catch (err) {
      const retry = metrics.port === 0 && tries < FREE_PORT_TRIES && /address already in use/i.test(errorMessage(err));
      if (!retry) throw err;
    }
  }
}

/**
 * Runs until SIGINT/SIGTERM: the SDK's runtime then stops polling, lets in-flight activities finish (up to the
 * shutdown grace time, after which they are cancelled and their attempts retried elsewhere) and `run()` returns.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const metricsAt = await installRuntime({
    level: config.logLevel,
    log,
    ...(config.metrics ? { metrics: config.metrics } : {}),
  });
  if (metricsAt) log.info({ metrics: metricsAt }, 'metrics exporter listening');
  const workflowBundle = workflowBundleFromEnv(process.env);
  const tracing = await startTracing(process.env, 'bulkflow-worker');
  const connection = await connectWorker(config.temporal);
  const worker = await createWorker({ config, connection, ...(workflowBundle ? { workflowBundle } : {}) });
  log.info(
    {
      taskQueue: config.temporal.taskQueue,
      semaphoreTaskQueue: semaphoreTaskQueue(config.temporal.taskQueue),
      address: config.temporal.address,
      namespace: config.temporal.namespace,
      tls: Boolean(config.temporal.tls),
      pid: process.pid,
    },
    'worker started',
  );
  await worker.run();
  await connection.close();
  await tracing.flush();
  log.info({}, 'worker stopped');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    createLogger('error').fatal({ err }, 'worker failed');
    process.exit(1);
  });
}
