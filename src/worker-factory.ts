/** Builds a worker from configuration: activities with their dependencies, and the workflow bundle. */
import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import type { NativeConnection } from '@temporalio/worker';
import type { WorkerOptions } from '@temporalio/worker';
import { ConnectionCredentials, createActivities } from './activities';
import { buildDataConverter } from './data-converter';
import { assertPayloadsProtected } from './codec/plaintext-policy';
import type { ActivityDeps } from './activities';
import type { AppConfig } from './config';
import { DEFAULT_DELAY_POLICY } from './http/retry-after';
import { RetryAfterWindows } from './http/retry-after-windows';
import { getOperation } from './providers/registry';
import { connectClient } from './temporal-connection';
import { connectWorker } from './temporal-connection/native';

/** A client connected on first use and reused after (with `dataConverter`, default: one built for `config`). */
export function lazyClient(config: AppConfig, dataConverter?: DataConverter): () => Promise<Client> {
  let client: Promise<Client> | undefined;
  return () => {
    client ??= connectClient(config.temporal).then(
      (connection) =>
        new Client({
          connection,
          namespace: config.temporal.namespace,
          dataConverter: dataConverter ?? buildDataConverter(config.temporal),
        }),
    );
    return client;
  };
}

/** Activity dependencies for a configuration, with the real clock and randomness. */
export function activityDeps(config: AppConfig, overrides: Partial<ActivityDeps> = {}): ActivityDeps {
  return {
    config,
    temporalClient: lazyClient(config),
    getOperation,
    delayPolicy: { ...DEFAULT_DELAY_POLICY, maxDelayMs: config.maxRetryDelayMs },
    now: () => Date.now(),
    random: Math.random,
    retryAfterWindows: new RetryAfterWindows(),
    credentials: new ConnectionCredentials(),
    ...overrides,
  };
}

export interface CreateWorkerOptions {
  readonly config: AppConfig;
  readonly connection?: NativeConnection;
  readonly deps?: Partial<ActivityDeps>;
  /** A prebuilt bundle (tests bundle once per file); default: bundle `src/workflows` at start. */
  readonly workflowBundle?: WorkerOptions['workflowBundle'];
  readonly shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
}

/**
 * A worker with bulkflow's activities, workflows and data converter (encryption, claim check, encoded failures).
 * A prebuilt `workflowBundle` must have been bundled with `FAILURE_CONVERTER_PATH`. Thrown when payloads would be
 * stored in plaintext on a Temporal beyond this machine without `BULKFLOW_ALLOW_PLAINTEXT=true`: `ConfigError`.
 */
export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const { config } = options;
  assertPayloadsProtected(config.temporal, 'worker');
  const connection = options.connection ?? (await connectWorker(config.temporal));
  // One converter for the worker and its activities' client: one key cache, each tenant's data key unwrapped once.
  const dataConverter = buildDataConverter(config.temporal);
  const deps = { temporalClient: lazyClient(config, dataConverter), ...options.deps };
  return Worker.create({
    dataConverter,
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: createActivities(activityDeps(config, deps)),
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('./workflows') }),
    shutdownGraceTime: options.shutdownGraceTime ?? '30s',
    stickyQueueScheduleToStartTimeout: config.stickyQueueTimeoutMs,
  });
}
