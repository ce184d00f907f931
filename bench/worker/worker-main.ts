/**
 * A worker as its own OS process, so its CPU and memory can be measured apart from the harness (and profiled with
 * `node --cpu-prof`). `BENCH_WORKER_MODE=bulkflow` is exactly src/worker.ts's worker (createWorker from config);
 * `trivial` runs only the trivial activity of the limit measurement. Prints `BENCH_WORKER_READY`; SIGTERM drains
 * and exits 0 (so the profile is written).
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadConfig } from '../../src/config';
import type { AppConfig } from '../../src/config';
import { activityDeps, createWorker } from '../../src/worker-factory';
import { createBaselineActivities } from '../activities/baselines';

function trivialAttempt(config: AppConfig): (attempts: number) => Promise<number> {
  const activities = createBaselineActivities(activityDeps(config));
  return (attempts) => activities.benchTrivialAttempt(attempts);
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const config = loadConfig();
  const codePath = process.env['BENCH_WORKFLOW_BUNDLE'];
  if (!codePath) throw new Error('BENCH_WORKFLOW_BUNDLE is not set');
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker =
    process.env['BENCH_WORKER_MODE'] === 'trivial'
      ? await Worker.create({
          connection,
          taskQueue: config.temporal.taskQueue,
          workflowBundle: { codePath },
          activities: { benchTrivialAttempt: trivialAttempt(config) },
        })
      : await createWorker({ config, connection, workflowBundle: { codePath }, shutdownGraceTime: '5s' });
  const running = worker.run();
  process.stdout.write('BENCH_WORKER_READY\n');
  await running;
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
