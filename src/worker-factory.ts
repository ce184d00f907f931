/** Builds a worker from configuration: activities with their dependencies, and the workflow bundle. */
import { existsSync } from 'node:fs';
import { Client } from '@temporalio/client';
import type { DataConverter, MetricMeter } from '@temporalio/common';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { InjectedSinks, NativeConnection, WorkerOptions, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { ConnectionCredentials, createActivities, jobLogFieldsInterceptors } from './activities';
import { FAILURE_CONVERTER_PATH, buildDataConverter } from './data-converter';
import { assertPayloadsProtected } from './codec/plaintext-policy';
import type { ActivityDeps } from './activities';
import type { AppConfig } from './config';
import { ConfigError } from './domain/errors';
import { DEFAULT_DELAY_POLICY } from './http/retry-after';
import { RetryAfterWindows } from './http/retry-after-windows';
import { ScopeCooldowns } from './http/scope-cooldown';
import { getOperation } from './providers/registry';
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

/**
 * A worker with bulkflow's activities, workflows and data converter (encryption, claim check, encoded failures).
 * A prebuilt `workflowBundle` must have been bundled with `FAILURE_CONVERTER_PATH` and `TRACING_WORKFLOW_MODULES`.
 * Thrown when payloads would be stored in plaintext on a Temporal beyond this machine without
 * `BULKFLOW_ALLOW_PLAINTEXT=true`: `ConfigError`.
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
    // Tracing first: the job fields interceptor sets its attributes on the attempt's span.
    interceptors: {
      activity: [tracingActivityInterceptors, jobLogFieldsInterceptors],
      ...(options.workflowBundle ? {} : { workflowModules: [...TRACING_WORKFLOW_MODULES] }),
    },
    // The OpenTelemetry interceptors' span exporter, and the jobs-in-flight gauge of this worker.
    sinks: { ...tracingWorkflowSinks(), ...jobsInFlightSinks(Runtime.instance().metricMeter) },
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('./workflows') }),
    shutdownGraceTime: options.shutdownGraceTime ?? '30s',
    stickyQueueScheduleToStartTimeout: config.stickyQueueTimeoutMs,
  });
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
