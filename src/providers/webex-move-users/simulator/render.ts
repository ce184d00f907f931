/**
 * Renders simulated jobs in the exact wire shapes of docs/contracts.md#webexmoveusers-payloads (the fixtures' field set
 * and formats).
 */
import { randomUUID } from 'node:crypto';
import { renderJobEnvelope } from '../../webex-jobs/simulator/render';
import type { MoveUsersErrorItem, MoveUsersErrorsResponse, MoveUsersJob, MoveUsersJobExecution } from '../schemas';
import { isoDuration, SIM_ADMIN_ID, uuidOfWebexId } from './ids';
import type { SimJobView, SimMoveJob } from './state';

const STEP_NAME = 'moveusersvalidateAndMove';
const CSV_TTL_MS = 14 * 24 * 3_600_000;

export interface RenderOptions {
  /** `name: "moveusers"` (start and status answers; the list omits it). */
  readonly name?: boolean;
  /** Status endpoint only: origin for the absolute `csvFileDownloadUrl`. */
  readonly origin?: string;
  /** Start response: counts also carry `inProgress` / `notStarted`, as the documented example does. */
  readonly startCounts?: boolean;
}

/** The job object of the start, status and list answers. */
export function renderJob(job: SimMoveJob, view: SimJobView, now: number, options: RenderOptions = {}): MoveUsersJob {
  const counts = { totalMoves: job.users.length, moved: view.moved, failed: view.failed, pending: 0, skipped: 0 };
  const startCounts = options.startCounts ? { inProgress: 0, notStarted: job.users.length - view.processed } : {};
  const endedAt = view.terminal ? (job.executions.at(-1)?.endedAt ?? now) : undefined;
  return {
    ...renderJobEnvelope(job, {
      name: options.name ? 'moveusers' : undefined,
      adminId: SIM_ADMIN_ID,
      executions: job.executions.map((_, i) => renderExecution(job, view, i, now)),
      status: view.status,
      exitCode: view.exitCode,
    }),
    counts: { ...counts, ...startCounts },
    ...(endedAt === undefined ? {} : csvFields(job, endedAt, options.origin)),
  };
}

function csvFields(job: SimMoveJob, endedAt: number, origin: string | undefined): Partial<MoveUsersJob> {
  return {
    csvFile: job.csvFile,
    csvFileExpiryTime: new Date(endedAt + CSV_TTL_MS).toISOString(),
    fileFormat: 'text/csv',
    ...(origin === undefined ? {} : { csvFileDownloadUrl: `${origin}${csvPath(job.id)}` }),
  };
}

/** Route pattern of the errors CSV download; `:file` is `<jobId>.csv`. */
export const CSV_ROUTE_PATTERN = '/files/webex/move-users/:file';

/** Where the simulator serves a job's errors CSV. */
export function csvPath(jobId: string): string {
  return CSV_ROUTE_PATTERN.replace(':file', `${encodeURIComponent(jobId)}.csv`);
}

function renderExecution(job: SimMoveJob, view: SimJobView, index: number, now: number): MoveUsersJobExecution {
  const execution = job.executions[index];
  if (execution === undefined) throw new RangeError(`no execution ${index}`);
  const latest = index === job.executions.length - 1;
  const statusMessage = latest ? view.status : 'STOPPED';
  const exitCode = latest ? view.exitCode : 'STOPPED';
  const end = latest && !view.terminal ? undefined : (execution.endedAt ?? now);
  const startTime = iso(execution.createdAt + 12);
  const elapsed = isoDuration((end ?? now) - execution.createdAt);
  const endTime = end === undefined ? {} : { endTime: iso(end) };
  const step = { id: execution.id * 5, startTime, ...endTime, lastUpdated: iso(end ?? now), statusMessage, exitCode };
  const steps =
    statusMessage === 'STARTING' ? {} : { stepExecutionStatuses: [{ ...step, name: STEP_NAME, timeElapsed: elapsed }] };
  return {
    id: execution.id,
    startTime,
    ...endTime,
    lastUpdated: iso(end ?? now),
    statusMessage,
    exitCode,
    createdTime: iso(execution.createdAt),
    ...steps,
    timeElapsed: elapsed,
  };
}

/** One page of `/errors`: failed users among those processed, with a `paging` object like the example. */
export function renderErrorsPage(
  job: SimMoveJob,
  view: SimJobView,
  start: number,
  max: number,
  pageUrl: (start: number) => string,
): MoveUsersErrorsResponse {
  const all = job.users
    .slice(0, view.processed)
    .map((user, i) => ({ user, itemNumber: i + 1 }))
    .filter(({ user }) => user.fails);
  const items: MoveUsersErrorItem[] = all.slice(start, start + max).map(({ user, itemNumber }) => ({
    itemNumber,
    // The documented example names the user by the bare UUID inside its id.
    item: uuidOfWebexId(user.userId) ?? user.userId,
    error: {
      key: '400',
      message: [{ description: MOVE_ERROR_DESCRIPTION, code: '19605', location: user.locationId }],
    },
    trackingId: `NA_${randomUUID()}`,
  }));
  const hasNext = start + max < all.length;
  const paging = {
    next: hasNext ? [pageUrl(start + max)] : [],
    prev: start > 0 ? [pageUrl(Math.max(0, start - max))] : null,
    limit: max,
    offset: start,
    pages: null,
    count: all.length,
  };
  return { items, paging };
}

/** The failure the simulator reports for a failing user, as in the documented example. */
export const MOVE_ERROR_DESCRIPTION =
  '[Error 19605] User is assigned services not authorized to the new group: [Basic Call Logs].';

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
