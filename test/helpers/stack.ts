/**
 * One integration "stack" per test file: the provider simulators on a free port, a worker on its own task queue
 * (real activities over real HTTP, workflows bundled once), and a BulkJobClient — all against the dev server
 * that global-setup started.
 */
import type { Worker } from '@temporalio/worker';
import { BulkJobClient } from '../../src/client';
import { loadConfig } from '../../src/config';
import type { AppConfig } from '../../src/config';
import { createWebexMoveUsersSimulator } from '../../src/providers/webex-move-users';
import type { WebexMoveUsersSimulator } from '../../src/providers/webex-move-users/simulator';
import { startSimulator } from '../../src/simulator/server';
import type { SimulatorServer } from '../../src/simulator/server';
import { DEFAULT_DELAY_POLICY } from '../../src/http/retry-after';
import { createWorker } from '../../src/worker-factory';
import { bundle, connectTemporal, uniqueTaskQueue } from './temporal';
import type { TestTemporal } from './temporal';

export const TEST_TOKEN = 'test-token-for-simulator';

export interface Stack {
  readonly temporal: TestTemporal;
  readonly sim: SimulatorServer;
  readonly webexMove: WebexMoveUsersSimulator;
  readonly config: AppConfig;
  readonly jobs: BulkJobClient;
  readonly worker: Worker;
  close(): Promise<void>;
}

export interface StackOptions {
  readonly name: string;
  /** Extra env for loadConfig (e.g. a second connection). */
  readonly env?: Readonly<Record<string, string>>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const temporal = await connectTemporal();
  const webexMove = createWebexMoveUsersSimulator({ pollsToComplete: 3 });
  const sim = await startSimulator({
    simulators: [webexMove],
    auth: { bearerTokens: [TEST_TOKEN], forbiddenTokens: ['forbidden-token'] },
  });
  const config = loadConfig({
    TEMPORAL_ADDRESS: temporal.address,
    BULKFLOW_TASK_QUEUE: uniqueTaskQueue(options.name),
    BULKFLOW_LOG_LEVEL: 'warn',
    BULKFLOW_WEBEX_BASE_URL: sim.url,
    BULKFLOW_WEBEX_TOKEN: TEST_TOKEN,
    ...options.env,
  });
  const worker = await createWorker({
    config,
    connection: temporal.nativeConnection,
    workflowBundle: await bundle(require.resolve('../../src/workflows')),
    shutdownGraceTime: '1s',
    // Backoff for 5xx starts at 100 ms here (1 s in production) to keep the suite fast.
    deps: { delayPolicy: { ...DEFAULT_DELAY_POLICY, initialBackoffMs: 100, maxBackoffMs: 2_000 } },
  });
  const running = worker.run();
  const jobs = new BulkJobClient(temporal.client, config.temporal.taskQueue);
  return {
    temporal,
    sim,
    webexMove,
    config,
    jobs,
    worker,
    async close() {
      worker.shutdown();
      await running;
      await sim.close();
      await temporal.close();
    },
  };
}
