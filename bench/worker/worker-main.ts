/**
 * A worker as its own OS process, so its CPU and memory can be measured apart from the harness (and profiled with
 * `node --cpu-prof`). `BENCH_WORKER_MODE=bulkflow` is exactly src/worker.ts's worker (createWorker from config);
 * `trivial` runs only the trivial activity of the limit measurement. Prints `BENCH_WORKER_READY`; SIGTERM drains
 * and exits 0 (so the profile is written). It never outlives its harness: it drains and exits when the harness is
 * gone, and a drain that takes longer than DRAIN_LIMIT_MS ends the process anyway. With the stack's
 * `OTEL_EXPORTER_OTLP_ENDPOINT` it traces as src/worker.ts does, and flushes its spans before it exits.
 */
import { Worker } from '@temporalio/worker';
import { loadConfig } from '../../src/config';
import type { AppConfig } from '../../src/config';
import { plainEndpoint } from '../../src/temporal-connection';
import { connectWorker } from '../../src/temporal-connection/native';
import { activityDeps, createWorker } from '../../src/worker-factory';
import { createBaselineActivities } from '../activities/baselines';
import { createLogger } from '../../src/logger';
import { installRuntime } from '../../src/worker';
import { startTracing } from '../../src/tracing';

/**
 * Longest a drain may take. Ctrl-C reaches the dev server too, which may go first: the worker's shutdown then waits
 * for a server that is not coming back (seen: a worker left running after its harness had exited).
 */
const DRAIN_LIMIT_MS = 15_000;

function exitAfterDrainLimit(): void {
  setTimeout(() => {
    console.error(`worker did not drain within ${DRAIN_LIMIT_MS} ms; exiting`);
    process.exit(1);
  }, DRAIN_LIMIT_MS).unref();
}

/** Drains and exits when the harness that spawned this process is gone (it was killed before it could stop us). */
function followParent(worker: Pick<Worker, 'getState' | 'shutdown'>): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid === parent) return;
    if (worker.getState() === 'RUNNING') worker.shutdown();
    exitAfterDrainLimit();
  }, 1_000).unref();
}

function trivialAttempt(config: AppConfig): (attempts: number) => Promise<number> {
  const activities = createBaselineActivities(activityDeps(config));
  return (attempts) => activities.benchTrivialAttempt(attempts);
}

async function main(): Promise<void> {
  // The harness's dev server in plain text, whatever a developer's `temporal` profile says (lib/own-env.ts).
  const address = process.env['TEMPORAL_ADDRESS'];
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set');
  const config = loadConfig(process.env, { endpoint: plainEndpoint(address) });
  // A bench worker serves /metrics too when BULKFLOW_METRICS_PORT is set, as a production worker does.
  await installRuntime({
    level: 'error',
    log: createLogger('error'),
    ...(config.metrics ? { metrics: config.metrics } : {}),
  });
  const codePath = process.env['BENCH_WORKFLOW_BUNDLE'];
  if (!codePath) throw new Error('BENCH_WORKFLOW_BUNDLE is not set');
  const tracing = await startTracing(process.env, 'bulkflow-worker');
  const connection = await connectWorker(config.temporal);
  const worker =
    process.env['BENCH_WORKER_MODE'] === 'trivial'
      ? await Worker.create({
          connection,
          taskQueue: config.temporal.taskQueue,
          workflowBundle: { codePath },
          activities: { benchTrivialAttempt: trivialAttempt(config) },
        })
      : await createWorker({
          config,
          connection,
          workflowBundle: { codePath },
          shutdownGraceTime: '5s',
          // The harness's choice (worker-process.ts): no cooldown per rate-limit scope.
          ...(process.env['BENCH_SHARED_COOLDOWN'] === 'off' ? { deps: { scopeCooldowns: undefined } } : {}),
        });
  // The SDK's runtime drains the worker on these signals; this bounds how long that may take.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, exitAfterDrainLimit);
  followParent(worker);
  const running = worker.run();
  process.stdout.write('BENCH_WORKER_READY\n');
  await running;
  await connection.close();
  await tracing.flush();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
