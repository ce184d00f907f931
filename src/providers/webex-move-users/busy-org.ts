/**
 * What a 409 to a Move Users start means (docs/contracts.md#webexmoveusers-unconfirmed-points). Webex documents 409 only
 * as a conflict "with some established rule of the system", and no code or message for a second Move Users job in one
 * org. What it does document is the org's job list, newest first, with each job's execution status: so a 409 means
 * "the org is busy" when that list shows a job still running (paused included), or one that ended after our request
 * was sent, and so was running when Webex answered. Such a job is not ours: the engine runs one Move Users batch per
 * org at a time (`tenantPermits: 1`), and sends a start only when no earlier request of it can have been accepted.
 * Any other 409 is refused as before.
 */
import { isProviderError, TenantBusyError } from '../../domain/errors';
import { parseBody } from '../../http/body';
import { extractErrorDetails } from '../../http/classify';
import type { HttpResponse } from '../../http/types';
import type { OperationContext } from '../types';
import { MoveUsersJobListSchema, type MoveUsersJob } from './schemas';
import { terminalStateOf } from './status-mapping';
import { ensureMoveUsersSuccess, MOVE_USERS_PATH, orgQuery } from './wire';

/** Where and when a refused start was sent, and how many jobs of the list to read. */
export interface RefusedStart {
  readonly orgId: string | undefined;
  /** Epoch ms at which the start was sent. */
  readonly sentAtMs: number;
  readonly pageSize: number;
}

/**
 * Returns when `res` is not a 409 that the org's job list explains. Thrown: TenantBusyError (retryable) naming the job
 * in the way; the typed ProviderErrors of the list call when they are retryable (the refusal is then retried as a
 * whole). A list that is refused for good explains nothing: the 409 is then left to the caller, as before.
 */
export async function refuseIfOrgBusy(ctx: OperationContext, res: HttpResponse, start: RefusedStart): Promise<void> {
  if (res.status !== 409) return;
  const running = await runningJob(ctx, start).catch((err: unknown) => {
    if (isProviderError(err) && err.retryable) throw err;
    return undefined;
  });
  if (running === undefined) return;
  ctx.log.info({ runningJobId: running.id }, 'webex move users start refused: another job is running in the org');
  throw new TenantBusyError('webex', extractErrorDetails(res), running.id);
}

/** The newest job of the org's first list page that ran when the start was answered, if any. */
async function runningJob(ctx: OperationContext, start: RefusedStart): Promise<MoveUsersJob | undefined> {
  const query = { ...orgQuery(start.orgId), start: 0, max: start.pageSize };
  const res = await ctx.http.send({ method: 'GET', path: MOVE_USERS_PATH, query });
  const { items } = parseBody('webex', MoveUsersJobListSchema, ensureMoveUsersSuccess(res));
  // No clock skew is allowed for here, unlike reconciliation: our own job of the org that ended just before this
  // start would then count as another caller's, and a 409 with another meaning would be waited on.
  return items.find((job) => ranAt(job, start.sentAtMs));
}

/** True when the job is still running, or its last execution ended at or after `sinceMs`. */
export function ranAt(job: MoveUsersJob, sinceMs: number): boolean {
  const exit = job.latestExecutionExitCode ?? 'UNKNOWN';
  if (terminalStateOf(job.latestExecutionStatus, exit, job.counts) === undefined) return true;
  const ends = job.jobExecutionStatus.map((e) => (e.endTime === undefined ? Number.NaN : Date.parse(e.endTime)));
  return ends.some((end) => end >= sinceMs);
}
