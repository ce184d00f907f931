/**
 * bulkflow's own metrics: one catalogue for the workflow code, the activities, the exporter's histogram buckets and
 * the docs' alert rules. Recorded through the Temporal SDK's metric meter, exported by the SDK runtime's Prometheus
 * exporter with `_total` on counters and the unit on histograms (`bulkflow_provider_request_duration_seconds`).
 * Labels carry operation ids, provider names, states, answer codes and provider job ids only, never user data.
 * Pure: workflows import it.
 */
import { hasErrorName } from './errors';
import { OPERATION_IDS, providerOf } from './job';
import type { OperationId } from './job';

/** A metric as the SDK's meter creates it; `exported` is its name on `/metrics` (and in PromQL). */
export interface MetricSpec {
  readonly name: string;
  readonly kind: 'counter' | 'histogram' | 'gauge';
  /** `seconds` for durations (the exporter appends it to histogram names). */
  readonly unit: '' | 'seconds';
  readonly description: string;
  readonly exported: string;
}

function counter(name: string, description: string): MetricSpec {
  return { name, kind: 'counter', unit: '', description, exported: `${name}_total` };
}

function seconds(name: string, description: string): MetricSpec {
  return { name, kind: 'histogram', unit: 'seconds', description, exported: `${name}_seconds` };
}

function gauge(name: string, description: string): MetricSpec {
  return { name, kind: 'gauge', unit: '', description, exported: name };
}

export const METRICS = {
  jobsStarted: counter('bulkflow_jobs_started', 'Bulk jobs started (a continued run is not a new job)'),
  jobsFinished: counter('bulkflow_jobs_finished', 'Bulk jobs finished, by final state (stopped: failed loudly)'),
  jobsInFlight: gauge(
    'bulkflow_jobs_in_flight',
    'Unfinished bulk jobs whose workflow this worker has run; the sum over workers is the jobs in flight',
  ),
  items: counter('bulkflow_items', 'Items of finished jobs, by outcome'),
  batchesOverdue: counter('bulkflow_batches_overdue', 'Batches still running past their expected time'),
  permitWait: seconds('bulkflow_tenant_permit_wait', 'Time a batch waited for its tenant permit'),
  providerRequests: counter(
    'bulkflow_provider_requests',
    'Provider requests (start, poll, items, control, reconcile), by answer',
  ),
  providerRequestDuration: seconds('bulkflow_provider_request_duration', 'Latency of provider requests, by answer'),
  retryAfterWait: seconds('bulkflow_retry_after_wait', 'Waits a provider asked for with Retry-After'),
  requestsHeld: counter(
    'bulkflow_provider_requests_held',
    'Provider requests held back, unsent, because a 423/429 with Retry-After closed their rate-limit scope',
  ),
  sinceProgress: gauge(
    'bulkflow_provider_job_seconds_since_progress',
    'Seconds since a running provider job last changed its counts (0 once done)',
  ),
  pollsWithoutProgress: gauge(
    'bulkflow_provider_job_polls_without_progress',
    'Status polls in a row that found a running provider job with unchanged counts (0 once done)',
  ),
} as const satisfies Record<string, MetricSpec>;

/** The labels of a job's metrics. */
export interface JobMetricTags {
  readonly operation: string;
  readonly provider: string;
}

/** The label of an operation id bulkflow does not know (a workflow started around the client may carry anything). */
export const UNKNOWN_LABEL = 'unknown';

/** The operation and provider labels of `operation`: a known operation id, else `unknown` for both. */
export function jobMetricTags(operation: string): JobMetricTags {
  if (!(OPERATION_IDS as readonly string[]).includes(operation)) {
    return { operation: UNKNOWN_LABEL, provider: UNKNOWN_LABEL };
  }
  return { operation, provider: providerOf(operation as OperationId) };
}

/**
 * The workflow sink behind `bulkflow_jobs_in_flight`: a job enters when its workflow runs on a worker (replays
 * included, so a worker that takes a job over after a restart counts it) and leaves when it ends there.
 */
// A type, not an interface: the SDK's `Sinks` wants an index signature, which only type aliases get implicitly.
export type JobsInFlightSinks = {
  jobsInFlight: {
    enter(tags: JobMetricTags): void;
    leave(tags: JobMetricTags): void;
  };
};

/** Histogram buckets in seconds, keyed by metric name (the exporter's `histogramBucketOverrides`). */
export const HISTOGRAM_BUCKETS: Readonly<Record<string, number[]>> = {
  [METRICS.providerRequestDuration.name]: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  [METRICS.retryAfterWait.name]: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
  [METRICS.permitWait.name]: [0.1, 1, 10, 60, 300, 900, 1800, 3600, 7200],
};

/** What a provider answered one request with, as the `answer` label says it. */
export type RequestAnswer =
  | 'running'
  | 'done'
  | 'accepted'
  | 'ok'
  | '423'
  | '429'
  | '5xx'
  | 'network'
  | '4xx'
  | 'busy'
  | 'contract'
  | 'error';

/** The `answer` label of an HTTP answer read as it is (item pages, control calls, lookups): `ok` for any 2xx/3xx. */
export function answerOfStatus(status: number): RequestAnswer {
  if (status === 423) return '423';
  if (status === 429) return '429';
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  return 'ok';
}

/** The `answer` label of a request that failed with `error`. */
export function answerOfError(error: unknown): RequestAnswer {
  if (hasErrorName(error, 'ProviderLockedError')) return '423';
  if (hasErrorName(error, 'ProviderRateLimitError')) return '429';
  if (hasErrorName(error, 'TenantBusyError')) return 'busy';
  if (hasErrorName(error, 'ProviderContractError')) return 'contract';
  const status = statusOf(error);
  if (hasErrorName(error, 'ProviderUnavailableError')) return status !== undefined && status >= 500 ? '5xx' : 'network';
  if (status !== undefined && status >= 400 && status < 500) return '4xx';
  return 'error';
}

function statusOf(error: unknown): number | undefined {
  const details = (error as { details?: { status?: unknown } } | undefined)?.details;
  return typeof details?.status === 'number' ? details.status : undefined;
}

/** True when `error` is an answer held by an open `Retry-After` window: nothing was sent, nothing to count. */
export function heldByRetryAfter(error: unknown): boolean {
  const details = (error as { details?: { heldByRetryAfter?: unknown } } | undefined)?.details;
  return details?.heldByRetryAfter === true;
}
