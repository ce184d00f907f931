/** Builds a worker from configuration: activities with their dependencies, and the workflow bundle. */
import { existsSync } from 'node:fs';
import { Client } from '@temporalio/client';
import type { DataConverter, MetricMeter } from '@temporalio/common';
import type { OpenTelemetryWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import type {
  InjectedSinks,
  NativeConnection,
  State,
  WorkerOptions,
  WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { ConnectionCredentials, createActivities, jobLogFieldsInterceptors } from './activities';
import { FAILURE_CONVERTER_PATH, buildDataConverter } from './data-converter';
import { assertPayloadsProtected } from './codec/plaintext-policy';
import type { Activities, ActivityDeps } from './activities';
import type { AppConfig } from './config';
import { ConfigError } from './domain/errors';
import { DEFAULT_DELAY_POLICY } from './http/retry-after';
import { RetryAfterWindows } from './http/retry-after-windows';
import { ScopeCooldowns } from './http/scope-cooldown';
import { getOperation } from './providers/registry';
import { isSemaphoreTaskQueue, semaphoreTaskQueue } from './workflows/semaphore-definitions';
import { METRICS } from './domain/metrics';
import type { JobMetricTags, JobsInFlightSinks } from './domain/metrics';
import { connectClient } from './temporal-connection';
import { connectWorker } from './temporal-connection/native';
import {
  TRACING_WORKFLOW_MODULES,
  tracingActivityInterceptors,
  tracingClientInterceptors,
  tracingWorkflowSinks,
} from './tracing';

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
          interceptors: tracingClientInterceptors(),
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
    scopeCooldowns: new ScopeCooldowns(),
    credentials: new ConnectionCredentials(),
    ...overrides,
  };
}

/** The worker options a configuration sets (both workers of a process take them). */
export function workerSettings(
  config: AppConfig,
): Pick<WorkerOptions, 'stickyQueueScheduleToStartTimeout' | 'maxCachedWorkflows'> {
  return {
    stickyQueueScheduleToStartTimeout: config.stickyQueueTimeoutMs,
    maxCachedWorkflows: config.workerCachedWorkflows,
  };
}

/**
 * Every sink the workflow bundle calls: the OpenTelemetry interceptors' span exporter and the jobs-in-flight gauge
 * on `meter`. A worker or replayer without them logs an error at each call ("unregistered external sink").
 */
export function workflowSinks(
  meter: MetricMeter,
): InjectedSinks<{ exporter: OpenTelemetryWorkflowExporter } & JobsInFlightSinks> {
  return { ...tracingWorkflowSinks(), ...jobsInFlightSinks(meter) };
}

/**
 * The worker side of `bulkflow_jobs_in_flight` (src/domain/metrics.ts): per operation, the unfinished jobs whose
 * workflow ran on this worker, by workflow id (a continued run re-enters under the same id).
 */
export function jobsInFlightSinks(meter: MetricMeter): InjectedSinks<JobsInFlightSinks> {
  const jobs = new Map<string, string>();
  const { name, description } = METRICS.jobsInFlight;
  const gauge = meter.createGauge(name, 'int', '', description);
  const keyOf = (tags: JobMetricTags) => `${tags.operation} ${tags.provider}`;
  const show = (tags: JobMetricTags) => {
    const key = keyOf(tags);
    gauge.set([...jobs.values()].filter((k) => k === key).length, { ...tags });
  };
  return {
    jobsInFlight: {
      enter: {
        fn: ({ workflowId }, tags) => {
          jobs.set(workflowId, keyOf(tags));
          show(tags);
        },
        callDuringReplay: true,
      },
      leave: {
        fn: ({ workflowId }, tags) => {
          jobs.delete(workflowId);
          show(tags);
        },
        callDuringReplay: true,
      },
    },
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

/** What `BulkflowWorkers` uses of a `Worker`. */
export type RunnableWorker = Pick<Worker, 'run' | 'shutdown' | 'getState'>;

/**
 * A worker process's two workers, run and stopped together: `jobs` on the deployment's task queue (jobs, their
 * activities, semaphores started before they had a queue of their own), and `semaphores` on the tenant semaphores'
 * own queue (`semaphoreTaskQueue`), with workflow task slots and a workflow thread of its own, so a semaphore's
 * answer to a permit request never waits behind the jobs' workflow tasks.
 */
export class BulkflowWorkers {
  constructor(
    readonly jobs: RunnableWorker,
    readonly semaphores: RunnableWorker,
  ) {}

  /** Runs both until shut down; when one fails, the other is shut down too and the first failure is thrown. */
  async run(): Promise<void> {
    const runs = [this.jobs, this.semaphores].map((worker) =>
      worker.run().catch((err: unknown) => {
        this.shutdown();
        throw err;
      }),
    );
    const failed = (await Promise.allSettled(runs)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Starts both workers' shutdown (each drains as `Worker.shutdown` does); a worker no longer running is skipped. */
  shutdown(): void {
    for (const worker of [this.jobs, this.semaphores]) if (worker.getState() === 'RUNNING') worker.shutdown();
  }

  /** The jobs worker's state (`RUNNING` until shutdown begins). */
  getState(): State {
    return this.jobs.getState();
  }
}

/**
 * The workers of a bulkflow worker process (`BulkflowWorkers`), with bulkflow's activities, workflows and data
 * converter (encryption, claim check, encoded failures). A prebuilt `workflowBundle` must have been bundled with
 * `FAILURE_CONVERTER_PATH` and `TRACING_WORKFLOW_MODULES` (`bundleWorkflows`); without one, the workflows are bundled
 * once at start for both. Thrown when payloads would be stored in plaintext on a Temporal beyond this machine without
 * `BULKFLOW_ALLOW_PLAINTEXT=true`, or when the task queue is named as a semaphores' queue is: `ConfigError`.
 */
export async function createWorker(options: CreateWorkerOptions): Promise<BulkflowWorkers> {
  const { config } = options;
  assertPayloadsProtected(config.temporal, 'worker');
  assertJobTaskQueue(config.temporal.taskQueue);
  const connection = options.connection ?? (await connectWorker(config.temporal));
  // One converter for the workers and their activities' client: one key cache, each tenant's data key unwrapped once.
  const dataConverter = buildDataConverter(config.temporal);
  const deps = { temporalClient: lazyClient(config, dataConverter), ...options.deps };
  const activities = createActivities(activityDeps(config, deps));
  const workflowBundle = options.workflowBundle ?? (await bundleWorkflows());
  const shared = {
    dataConverter,
    connection,
    namespace: config.temporal.namespace,
    workflowBundle,
    // Tracing first: the job fields interceptor sets its attributes on the attempt's span.
    interceptors: { activity: [tracingActivityInterceptors, jobLogFieldsInterceptors] },
    // The OpenTelemetry interceptors' span exporter, and the jobs-in-flight gauge of this worker.
    sinks: workflowSinks(Runtime.instance().metricMeter),
    shutdownGraceTime: options.shutdownGraceTime ?? '30s',
    ...workerSettings(config),
  } satisfies Partial<WorkerOptions>;
  const jobs = await Worker.create({ ...shared, taskQueue: config.temporal.taskQueue, activities });
  const semaphores = await Worker.create({
    ...shared,
    taskQueue: semaphoreTaskQueue(config.temporal.taskQueue),
    activities: semaphoreActivities(activities),
  });
  return new BulkflowWorkers(jobs, semaphores);
}

/**
 * Thrown when the jobs' task queue is named as a semaphores' queue is (`semaphoreTaskQueue`): the semaphores would
 * share it, and the semaphore worker would be handed job activities it does not have. `ConfigError` naming the variable.
 */
function assertJobTaskQueue(queue: string): void {
  if (isSemaphoreTaskQueue(queue)) {
    throw new ConfigError(
      'BULKFLOW_TASK_QUEUE',
      `${queue} ends as the tenant semaphores' own task queue does (${semaphoreTaskQueue('<queue>')}): choose another name`,
    );
  }
}

/** The activities a tenant semaphore schedules (on its own task queue): the liveness check on its holders. */
export function semaphoreActivities(activities: Activities): Pick<Activities, 'findClosedWorkflows'> {
  return { findClosedWorkflows: activities.findClosedWorkflows };
}

/** The variable naming a prebuilt workflow bundle (docs/deployment.md#the-workflow-bundle). */
export const WORKFLOW_BUNDLE_VARIABLE = 'BULKFLOW_WORKFLOW_BUNDLE';

/**
 * Workflows bundled as every bulkflow worker loads them: with bulkflow's failure converter (failures encoded) and the
 * OpenTelemetry workflow interceptors. `workflowsPath` defaults to bulkflow's own workflows; the tests and the
 * benchmark bundle theirs the same way.
 */
export function bundleWorkflows(workflowsPath = require.resolve('./workflows')): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    workflowInterceptorModules: [...TRACING_WORKFLOW_MODULES],
    logger: new DefaultLogger('WARN'),
  });
}

/**
 * The prebuilt bundle `BULKFLOW_WORKFLOW_BUNDLE` names, or none (empty counts as unset): the worker then bundles at
 * start. Thrown when the variable names no file: `ConfigError` naming the variable, before any connection is made.
 */
export function workflowBundleFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): { readonly codePath: string } | undefined {
  const codePath = env[WORKFLOW_BUNDLE_VARIABLE];
  if (codePath === undefined || codePath === '') return undefined;
  if (!existsSync(codePath)) {
    throw new ConfigError(WORKFLOW_BUNDLE_VARIABLE, `no workflow bundle at ${codePath} (build it: docs/deployment.md)`);
  }
  return { codePath };
}
