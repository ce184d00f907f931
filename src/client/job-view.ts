/** What the client reports about a job: a listing entry (`JobInfo`) and the full view (`JobView`). Plain JSON. */
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, TemporalFailure } from '@temporalio/common';
import { isError } from '../domain/errors';
import { emptyCounts } from '../domain/job';
import type { BatchTally, BulkJobResult, ItemCounts, JobState, JobWarning, ProviderJobRecord } from '../domain/job';
import { SEARCH_ATTRIBUTES } from '../workflows/definitions';
import type { JobWait, LiveProgress, PollCheckpoint } from './live-progress';
import type { NoWorker } from './worker-presence';

/**
 * A job's state as callers see it: the workflow's own, plus `paused` and `completing` while it runs, and `terminated`
 * or `timedOut` when Temporal ended it without a result (the names the audit uses).
 */
export type JobViewState = JobState | 'paused' | 'completing' | 'terminated' | 'timedOut';

/** One job as listings show it, from search attributes only (cheap: no query, no result fetch). */
export interface JobInfo {
  readonly jobId: string;
  readonly runId: string;
  /** Temporal's execution status: RUNNING, COMPLETED, FAILED, CANCELLED, TERMINATED, TIMED_OUT… */
  readonly status: string;
  readonly state: JobViewState;
  readonly operation?: string;
  readonly provider?: string;
  readonly tenant?: string;
  readonly requestedBy?: string;
  readonly startTime: string;
  readonly closeTime?: string;
  /**
   * Set when the job's tenant key was erased (`bulkflow keys erase-tenant`): the job is listed from what Temporal
   * stores in the clear (the fields above), and nothing else of it can be read again.
   */
  readonly dataErased?: true;
}

/** One job in full: its info plus counts, provider jobs and, while running, the polls in flight. */
export interface JobView extends JobInfo {
  readonly counts: ItemCounts;
  readonly providerJobs: readonly ProviderJobRecord[];
  /** Batches done, running and waiting (running jobs whose worker reports it). */
  readonly batches?: BatchTally;
  /** Checkpoints of the polls in flight (running jobs only). */
  readonly polling: readonly PollCheckpoint[];
  /** Starts waiting for their tenant to be free of a job that is not ours (running jobs only; absent when none). */
  readonly waiting?: readonly JobWait[];
  readonly dryRun?: boolean;
  readonly cancelledBy?: string;
  /** Why the workflow failed, when it did not produce a result (e.g. an input the planner rejected). */
  readonly error?: { readonly type: string; readonly message: string };
  /** What the providers said that contradicts itself (finished jobs; absent when nothing did). */
  readonly warnings?: readonly JobWarning[];
  /** Set while the job runs and no worker polls its task queue: why it does not move. */
  readonly noWorker?: NoWorker;
}

const TERMINAL: readonly string[] = ['succeeded', 'partial', 'failed', 'cancelled'];
const RUNNING: readonly string[] = ['planning', 'running', 'paused', 'completing'];

/** The state implied by the execution status and the `BulkState` search attribute. */
export function effectiveState(status: string, bulkState: string | undefined): JobViewState {
  switch (status) {
    case 'RUNNING':
      return bulkState && RUNNING.includes(bulkState) ? (bulkState as JobViewState) : 'planning';
    case 'COMPLETED':
      return bulkState && TERMINAL.includes(bulkState) ? (bulkState as JobViewState) : 'succeeded';
    case 'CANCELLED':
      return 'cancelled';
    case 'TERMINATED':
      return 'terminated';
    case 'TIMED_OUT':
      return 'timedOut';
    default:
      return 'failed';
  }
}

/** The parts of a described or listed execution that a listing entry needs. */
export type ExecutionLike = Pick<
  WorkflowExecutionInfo,
  'workflowId' | 'runId' | 'status' | 'startTime' | 'closeTime' | 'typedSearchAttributes'
>;

/** A listing entry from a described or listed execution. */
export function jobInfoOf(execution: ExecutionLike): JobInfo {
  const attr = (key: (typeof SEARCH_ATTRIBUTES)[keyof typeof SEARCH_ATTRIBUTES]): string | undefined =>
    execution.typedSearchAttributes.get(key);
  const optional = {
    operation: attr(SEARCH_ATTRIBUTES.operation),
    provider: attr(SEARCH_ATTRIBUTES.provider),
    tenant: attr(SEARCH_ATTRIBUTES.tenant),
    requestedBy: attr(SEARCH_ATTRIBUTES.requestedBy),
    closeTime: execution.closeTime?.toISOString(),
  };
  return {
    jobId: execution.workflowId,
    runId: execution.runId,
    status: execution.status.name,
    state: effectiveState(execution.status.name, attr(SEARCH_ATTRIBUTES.state)),
    startTime: execution.startTime.toISOString(),
    ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<JobInfo>),
  };
}

export function viewFromProgress(info: JobInfo, live: LiveProgress): JobView {
  const { state, counts, providerJobs, polling, waiting, batchTally } = live;
  return {
    ...info,
    state,
    counts,
    providerJobs,
    polling,
    ...(batchTally ? { batches: batchTally } : {}),
    ...(waiting.length > 0 ? { waiting } : {}),
  };
}

export function viewFromResult(info: JobInfo, result: BulkJobResult): JobView {
  return {
    ...info,
    state: result.state,
    counts: result.counts,
    providerJobs: result.providerJobs,
    polling: [],
    dryRun: result.dryRun,
    ...(result.cancelledBy === undefined ? {} : { cancelledBy: result.cancelledBy }),
    ...(result.error === undefined ? {} : { error: result.error }),
    ...(result.warnings?.length ? { warnings: result.warnings } : {}),
  };
}

/** The failure behind a workflow that ended without a result, as `{ type, message }`. */
export function failureOf(err: unknown): { type: string; message: string } {
  let cause: unknown = err instanceof WorkflowFailedError ? err.cause : err;
  // An activity failure wraps the application failure that says what went wrong.
  while (cause instanceof TemporalFailure && !(cause instanceof ApplicationFailure) && cause.cause) cause = cause.cause;
  if (cause instanceof ApplicationFailure) return { type: cause.type ?? 'ApplicationFailure', message: cause.message };
  if (isError(cause)) return { type: cause.name, message: cause.message };
  return { type: 'Error', message: String(cause) };
}

export function viewFromFailure(info: JobInfo, err: unknown): JobView {
  return { ...info, counts: emptyCounts(), providerJobs: [], polling: [], error: failureOf(err) };
}

/** A view from search attributes alone, for a job whose workflow has not answered a query yet. */
export function viewFromInfo(info: JobInfo): JobView {
  return { ...info, counts: emptyCounts(), providerJobs: [], polling: [] };
}
