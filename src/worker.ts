/**
 * Worker process: config → logger → Temporal runtime logger → activities → Worker.run(). SIGTERM drains.
 * `BULKFLOW_WORKFLOW_BUNDLE` may name a prebuilt workflow bundle (skips bundling at start). Traces go out over OTLP when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `…_TRACES_ENDPOINT`) is set (src/tracing).
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { LogLevel } from '@temporalio/worker';
import { loadConfig } from './config';
import { withLoggedErrors } from './logged-error';
import { createLogger } from './logger';
import { connectWorker } from './temporal-connection/native';
import { startTracing } from './tracing';
import { createWorker, workflowBundleFromEnv } from './worker-factory';

const LEVELS: Record<string, LogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

/**
 * Routes the SDK's (and so workflows' and activities') logs to pino. Errors in them (the SDK logs every failed
 * activity with its error) keep their kind only, never their message or details (src/logged-error.ts).
 */
export function installRuntimeLogger(level: string, log: ReturnType<typeof createLogger>): void {
  Runtime.install({
    logger: new DefaultLogger(LEVELS[level] ?? 'INFO', (entry) => {
      const { message, meta } = entry;
      const method =
        entry.level === 'TRACE' ? 'trace' : (entry.level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error');
      log[method](withLoggedErrors(meta ?? {}), message);
    }),
  });
}

/**
 * Runs until SIGINT/SIGTERM: the SDK's runtime then stops polling, lets in-flight activities finish (up to the
 * shutdown grace time, after which they are cancelled and their attempts retried elsewhere) and `run()` returns.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  installRuntimeLogger(config.logLevel, log);
  const workflowBundle = workflowBundleFromEnv(process.env);
  const tracing = startTracing(process.env, 'bulkflow-worker');
  const connection = await connectWorker(config.temporal);
  const worker = await createWorker({ config, connection, ...(workflowBundle ? { workflowBundle } : {}) });
  log.info(
    {
      taskQueue: config.temporal.taskQueue,
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
