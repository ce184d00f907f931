/**
 * One benchmark stack: its own dev server, the provider simulators over HTTP, a Temporal client, a BulkJobClient,
 * and optionally a worker in this process (bulkflow's activities plus the baselines').
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { Runtime, Worker } from '@temporalio/worker';
import type { WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import type { ActivityDeps } from '../../src/activities';
import { buildDataConverter } from '../../src/data-converter';
import { BulkJobClient } from '../../src/client';
import { loadConfig } from '../../src/config';
import { plainEndpoint } from '../../src/temporal-connection';
import { connectWorker } from '../../src/temporal-connection/native';
import type { AppConfig } from '../../src/config';
import { simulatedConnectionsAuth, simulatedConnectionsEnv } from '../../src/dev/simulated-connections';
import { DEFAULT_DELAY_POLICY } from '../../src/http/retry-after';
import type { DelayPolicy } from '../../src/http/retry-after';
import type { WebexMoveUsersSimulator } from '../../src/providers/webex-move-users/simulator';
import { createAllSimulators } from '../../src/simulator-registry';
import type { AllSimulatorsOptions } from '../../src/simulator-registry';
import { startSimulator } from '../../src/simulator/server';
import type { SimulatorServer } from '../../src/simulator/server';
import {
  BulkflowWorkers,
  activityDeps,
  semaphoreActivities,
  workerSettings,
  workflowSinks,
} from '../../src/worker-factory';
import { semaphoreTaskQueue } from '../../src/workflows/semaphore-definitions';
import { createBaselineActivities } from '../activities/baselines';
import { benchBundlePath } from './bundle';
import { onCleanup } from './cleanup';
import { connectStack } from './client-connection';
import { startBenchServer } from './dev-server';
import type { BenchServer } from './dev-server';
import { scratchDir } from './scratch';
import { startOtlpCollector } from './otlp-collector';
import type { OtlpCollector } from './otlp-collector';
import { keep, stopStack } from './stack-parts';
import type { StackParts } from './stack-parts';

export const SIM_TOKEN = 'bench-simulator-token';
export const SIM_FULLSTORY_KEY = 'bench-fullstory-key';
const ORACLE_USER = 'sim-admin';
const LARGE_RECEIVE_BYTES = 256 * 1024 * 1024;
const ORACLE_PASSWORD = 'sim-password';

export interface BenchStack {
  readonly server: BenchServer;
  readonly sim: SimulatorServer;
  readonly webex: WebexMoveUsersSimulator;
  readonly config: AppConfig;
  /** The claim check's blob directory (every stack runs bulkflow as deployed: claim check on). */
  readonly blobDir: string;
  /** Whether payloads are encrypted (as deployed, unless the scenario compares without). */
  readonly encrypted: boolean;
  /** Where the stack's processes export their spans, when tracing is on. */
  readonly collector?: OtlpCollector;
  /** Environment of worker processes (Temporal address, task queue, provider connections). */
  readonly env: Readonly<Record<string, string>>;
  readonly client: Client;
  readonly jobs: BulkJobClient;
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  readonly name: string;
  readonly simulators?: AllSimulatorsOptions;
  /** Run a worker in this process; `minDelayMs` lowers the floor of retry delays (default policy: 100 ms). */
  readonly inProcessWorker?: {
    readonly minDelayMs?: number;
    readonly maxActivities?: number;
    /**
     * `false`: no cooldown per rate-limit scope, only identical requests share a `Retry-After` window (the behaviour
     * before it, kept for the scope-cooldown scenario's baseline). Default: on, as deployed.
     */
    readonly sharedCooldown?: boolean;
  };
  /** Encrypt payloads (default, as deployed); `false` to measure what encryption costs. */
  readonly encryption?: boolean;
  /**
   * Export spans over OTLP to a collector of the stack's own (the `OTEL_EXPORTER_OTLP_ENDPOINT` of every process
   * given `env`), as production traces; off by default, so the earlier scenarios' figures stay comparable.
   */
  readonly tracing?: boolean;
}

/** Credentials of the connections to the simulators. */
const SIM_CREDENTIALS = {
  token: SIM_TOKEN,
  apiKey: SIM_FULLSTORY_KEY,
  username: ORACLE_USER,
  password: ORACLE_PASSWORD,
};

/**
 * Starts a stack of its own: nothing in it is shared with another stack, and everything it starts is stopped by
 * `stop()`, or by the harness's cleanup as one entry. Thrown when a part does not start; what had started is stopped.
 */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const parts: StackParts = {};
  const stop = onCleanup(`stack ${options.name}`, () => stopStack(parts));
  try {
    return await startParts(options, parts, stop);
  } catch (err) {
    await stop();
    await stopStack(parts);
    throw err;
  }
}

async function startParts(
  options: BenchStackOptions,
  parts: StackParts,
  stop: () => Promise<void>,
): Promise<BenchStack> {
  const server = await startBenchServer(options.name);
  await keep(parts, 'server', server);
  const simulators = createAllSimulators(options.simulators);
  const sim = await startSimulator({ simulators, auth: simulatedConnectionsAuth(SIM_CREDENTIALS) });
  await keep(parts, 'sim', sim);
  const webex = simulators.find((s) => s.name === 'webex.moveUsers') as WebexMoveUsersSimulator;
  // As deployed (docker-compose, the embedded stack): payloads over the threshold go to a shared blob directory.
  const blobDir = mkdtempSync(join(scratchDir(), `${options.name}-blobs-`));
  await keep(parts, 'blobDir', blobDir);
  const encrypted = options.encryption ?? true;
  const collector = options.tracing ? await startOtlpCollector() : undefined;
  if (collector) await keep(parts, 'collector', collector);
  const env = {
    TEMPORAL_ADDRESS: server.address,
    BULKFLOW_CLAIM_CHECK_DIR: blobDir,
    // As deployed: payloads encrypted under a master key of this stack, data keys beside the blobs.
    ...(encrypted
      ? {
          BULKFLOW_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
          BULKFLOW_TENANT_KEY_DIR: join(blobDir, 'tenant-keys'),
        }
      : {}),
    ...(collector ? { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url } : {}),
    BULKFLOW_TASK_QUEUE: `bench-${options.name}`,
    BULKFLOW_LOG_LEVEL: 'warn',
    ...simulatedConnectionsEnv(sim.url, SIM_CREDENTIALS),
  };
  const config = loadConfig(env, { endpoint: plainEndpoint(server.address) });
  // Histories of large jobs come in pages over the default 4 MiB gRPC receive limit (scenario 6); the harness
  // must still read them. Whether a default client can is measured separately.
  const connection = await connectStack({
    address: server.address,
    channelArgs: { 'grpc.max_receive_message_length': LARGE_RECEIVE_BYTES },
  });
  await keep(parts, 'client', connection);
  const client = new Client({ connection: connection.connection, dataConverter: buildDataConverter(config.temporal) });
  if (options.inProcessWorker)
    await keep(parts, 'stopWorker', await runWorker(config, client, options.inProcessWorker));
  return {
    server,
    sim,
    webex,
    config,
    blobDir,
    encrypted,
    ...(collector ? { collector } : {}),
    env,
    client,
    jobs: new BulkJobClient(client, config.temporal.taskQueue),
    stop,
  };
}

/**
 * Runs a worker of `stack` in this process (for a scenario that compares workers on one stack, one after the other);
 * resolves with its stop.
 */
export function runStackWorker(
  stack: Pick<BenchStack, 'config' | 'client'>,
  options: NonNullable<BenchStackOptions['inProcessWorker']>,
): Promise<() => Promise<void>> {
  return runWorker(stack.config, stack.client, options);
}

async function runWorker(
  config: AppConfig,
  client: Client,
  options: NonNullable<BenchStackOptions['inProcessWorker']>,
): Promise<() => Promise<void>> {
  const delayPolicy: DelayPolicy = { ...DEFAULT_DELAY_POLICY, minDelayMs: options.minDelayMs ?? 100 };
  const deps: ActivityDeps = activityDeps(config, {
    temporalClient: () => Promise.resolve(client),
    delayPolicy,
    ...(options.sharedCooldown === false ? { scopeCooldowns: undefined } : {}),
  });
  const connection = await connectWorker(config.temporal);
  const activities = createActivities(deps);
  const shared = {
    dataConverter: buildDataConverter(config.temporal),
    connection,
    workflowBundle: { codePath: await benchBundlePath() },
    sinks: workflowSinks(Runtime.instance().metricMeter),
    ...workerSettings(config),
    shutdownGraceTime: '2s',
  } satisfies Partial<WorkerOptions>;
  const jobs = await Worker.create({
    ...shared,
    taskQueue: config.temporal.taskQueue,
    activities: { ...activities, ...createBaselineActivities(deps) },
    ...(options.maxActivities ? { maxConcurrentActivityTaskExecutions: options.maxActivities } : {}),
  });
  // As a bulkflow worker process runs them: the tenant semaphores on their own task queue (src/worker-factory.ts).
  const semaphores = await Worker.create({
    ...shared,
    taskQueue: semaphoreTaskQueue(config.temporal.taskQueue),
    activities: semaphoreActivities(activities),
  });
  const workers = new BulkflowWorkers(jobs, semaphores);
  const running = workers.run();
  return async () => {
    workers.shutdown();
    await running;
    await connection.close();
  };
}
