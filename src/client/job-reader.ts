/** Reading jobs: one job's info and full view, its items page by page, and listings by search attributes. */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Client, WorkflowExecutionDescription, WorkflowHandle } from '@temporalio/client';
import { decodeOptionalSinglePayload } from '@temporalio/common/lib/internal-non-workflow';
import { z } from 'zod';
import { pageItems, pendingItems } from '../domain/items-page';
import type { ItemsPageSlice, ListedItem } from '../domain/items-page';
import type { BulkJobResult } from '../domain/job';
import { WORKFLOW_TYPE, itemsQuery, progressQuery } from '../workflows/definitions';
import { bareJobInfo } from './bare-execution';
import { JobNotFoundError, NoWorkerError, RequestValidationError } from './errors';
import { issueFields } from '../domain/field-path';
import { jobInfoOf, viewFromFailure, viewFromInfo, viewFromProgress, viewFromResult } from './job-view';
import type { JobInfo, JobView, JobViewState } from './job-view';
import { asJobWait, asPollCheckpoint, mergeLiveProgress } from './live-progress';
import type { LiveProgress } from './live-progress';
import { noWorkerFor } from './worker-presence';
import {
  buildListQuery,
  decodeCursor,
  decodeOffset,
  encodeCursor,
  encodeOffset,
  invalidCursor,
  parseJobListFilter,
} from './list-query';
import type { CursorKey, JobListFilter } from './list-query';

/** Histories this short have not run a workflow task yet, so nothing can answer a query. */
const UNSTARTED_HISTORY_LENGTH = 2;

export const ItemsPageOptionsSchema = z.strictObject({
  cursor: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  outcome: z.enum(['succeeded', 'failed', 'skipped', 'pending']).optional(),
});
export type ItemsPageOptions = z.input<typeof ItemsPageOptionsSchema>;

export interface ItemsPage {
  readonly jobId: string;
  readonly state: JobViewState;
  /** Outcomes, and the items without one (`pending`: never started, or not reported by their provider job). */
  readonly items: readonly ListedItem[];
  /** Items matching the filter; final once `complete`. */
  readonly total: number;
  /** True when the job has finished, so the listing will not change. */
  readonly complete: boolean;
  readonly nextCursor?: string;
}

export interface JobList {
  readonly jobs: readonly JobInfo[];
  readonly nextCursor?: string;
}

/** Describes a bulk job. Thrown when there is none with this id: `JobNotFoundError`. */
export async function describeJob(client: Client, jobId: string): Promise<WorkflowExecutionDescription> {
  try {
    const description = await client.workflow.getHandle(jobId).describe();
    if (description.type !== WORKFLOW_TYPE) throw new JobNotFoundError(jobId);
    return description;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new JobNotFoundError(jobId);
    throw err;
  }
}

/**
 * The workflow's progress query merged with the checkpoints of polls in flight. Heartbeat details come raw from
 * the server, as the codecs left them (encrypted): they are decoded with the client's data converter.
 */
export async function readProgress(client: Client, handle: WorkflowHandle, description?: WorkflowExecutionDescription) {
  const [progress, described] = await Promise.all([handle.query(progressQuery), description ?? handle.describe()]);
  const converter = client.options.loadedDataConverter;
  const details = await Promise.all(
    (described.raw.pendingActivities ?? []).map((activity) =>
      decodeOptionalSinglePayload<unknown>(converter, activity.heartbeatDetails?.payloads?.[0]),
    ),
  );
  const polling = details.flatMap((detail) => {
    const checkpoint = detail === null || detail === undefined ? undefined : asPollCheckpoint(detail);
    return checkpoint ? [checkpoint] : [];
  });
  const waiting = details.flatMap((detail) => asJobWait(detail) ?? []);
  return mergeLiveProgress(progress, described.status.name, polling, waiting) satisfies LiveProgress;
}

/** A job's full view: live progress while running, the result once completed, the failure otherwise. */
export async function readJob(client: Client, jobId: string): Promise<JobView> {
  const description = await describeJob(client, jobId);
  const info = jobInfoOf(description);
  const handle = client.workflow.getHandle(jobId);
  const status = description.status.name;
  if (status === 'RUNNING') {
    // Without a worker the progress query would hang until its deadline: the search attributes tell what they can.
    const noWorker = await noWorkerFor(client, description);
    if (noWorker) return { ...viewFromInfo(info), noWorker };
    if (description.historyLength <= UNSTARTED_HISTORY_LENGTH) return viewFromInfo(info);
    return viewFromProgress(info, await readProgress(client, handle, description));
  }
  if (status === 'COMPLETED') return viewFromResult(info, (await handle.result()) as BulkJobResult);
  // Failed, terminated, cancelled or timed out: no result, but the failure says why.
  return handle.result().then(
    (result) => viewFromResult(info, result as BulkJobResult),
    (err: unknown) => viewFromFailure(info, err),
  );
}

/** One page of a job's per-item outcomes: from the result once completed, else the items collected so far. */
export async function readItems(client: Client, jobId: string, options: ItemsPageOptions = {}): Promise<ItemsPage> {
  const parsed = ItemsPageOptionsSchema.safeParse(options);
  if (!parsed.success) throw new RequestValidationError(issueFields('', parsed.error.issues));
  const { cursor, limit, outcome } = parsed.data;
  const request = { offset: decodeOffset(cursor), limit, ...(outcome ? { outcome } : {}) };
  const description = await describeJob(client, jobId);
  const info = jobInfoOf(description);
  const handle = client.workflow.getHandle(jobId);
  let slice: ItemsPageSlice;
  if (description.status.name === 'COMPLETED') {
    slice = pageItems(resultItems((await handle.result()) as BulkJobResult), request);
  } else if (description.historyLength <= UNSTARTED_HISTORY_LENGTH) {
    slice = { items: [], total: 0 };
  } else {
    // Only the worker answers for a running job: without one the query would hang until its deadline.
    const noWorker = await noWorkerFor(client, description);
    if (noWorker) throw new NoWorkerError(jobId, noWorker.taskQueue, noWorker.message);
    slice = await handle.query(itemsQuery, request);
  }
  return {
    jobId,
    state: info.state,
    items: slice.items,
    total: slice.total,
    complete: description.status.name !== 'RUNNING',
    ...(slice.nextOffset === undefined ? {} : { nextCursor: encodeOffset(slice.nextOffset) }),
  };
}

/** Every item of a finished job: its outcomes, then the items it left pending. */
function resultItems(result: BulkJobResult): ListedItem[] {
  return [...result.items, ...pendingItems(result.pendingRefs ?? [])];
}

/**
 * One page of bulk jobs matching `filter`, newest first; cursors are checked with `cursorKey` before Temporal is
 * asked. Thrown on an invalid filter or cursor: `RequestValidationError`.
 */
export async function listJobs(client: Client, cursorKey: CursorKey, filter: JobListFilter = {}): Promise<JobList> {
  const parsed = parseJobListFilter(filter);
  const query = buildListQuery(parsed);
  const pageToken = parsed.cursor === undefined ? undefined : decodeCursor(parsed.cursor, query, cursorKey);
  const response = await client.workflowService
    .listWorkflowExecutions({
      namespace: client.options.namespace,
      query,
      pageSize: parsed.limit,
      ...(pageToken ? { nextPageToken: pageToken } : {}),
    })
    .catch((err: unknown) => {
      // The query is ours and valid, so UNKNOWN (2) or INVALID_ARGUMENT (3) means a page token Temporal no longer reads.
      if (pageToken && [2, 3].includes((err as { code?: unknown }).code as number)) throw invalidCursor(cursorKey);
      throw err;
    });
  // Entries are read without their payloads: one job whose tenant key was erased must not fail the page.
  const jobs = await Promise.all(response.executions.map((raw) => bareJobInfo(client, raw)));
  const token = response.nextPageToken;
  return { jobs, ...(token && token.length > 0 ? { nextCursor: encodeCursor(token, query, cursorKey) } : {}) };
}
