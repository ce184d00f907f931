/**
 * After an interrupted start, looks for the job the POST may have created: the list endpoint is newest first, and
 * a job belongs to us when its first execution was created at or after our start (minus clock skew). The list
 * carries no users or location, so two such jobs cannot be told apart: that is `ambiguous`, never a guess.
 */
import { InvalidRequestError } from '../../domain/errors';
import { parseBody } from '../../http/body';
import type { OperationContext, ReconcileOutcome } from '../types';
import { RECONCILE_SKEW_MS } from './limits';
import { MoveUsersJobListSchema, type MoveUsersJob } from './schemas';
import { ensureMoveUsersSuccess, MOVE_USERS_PATH, orgQuery } from './wire';

const MAX_PAGES = 20;

/**
 * Finds jobs created since `sinceIso`.
 * Thrown when `sinceIso` is not a date (InvalidRequestError), and the typed ProviderErrors of the list call.
 */
export async function reconcileMoveUsersStart(
  ctx: OperationContext,
  orgId: string | undefined,
  sinceIso: string,
  pageSize: number,
): Promise<ReconcileOutcome> {
  const since = Date.parse(sinceIso);
  if (Number.isNaN(since)) throw new InvalidRequestError('sinceIso', `not an ISO date: ${sinceIso}`);
  const cutoff = since - RECONCILE_SKEW_MS;
  const candidates: string[] = [];
  for (let page = 0, start = 0; page < MAX_PAGES; page += 1) {
    const query = { ...orgQuery(orgId), start, max: pageSize };
    const res = await ctx.http.send({ method: 'GET', path: MOVE_USERS_PATH, query });
    const { items } = parseBody('webex', MoveUsersJobListSchema, ensureMoveUsersSuccess(res));
    const recent = items.filter((job) => isCreatedSince(job, cutoff));
    candidates.push(...recent.map((job) => job.id));
    // Newest first: once an older job shows up, or the list ends, nothing later can be ours.
    if (recent.length < items.length || items.length < pageSize) break;
    start += items.length;
  }
  ctx.log.info({ sinceIso, candidates }, 'webex move users start reconciled');
  if (candidates.length === 0) return { kind: 'none' };
  const [only] = candidates;
  return candidates.length === 1 && only !== undefined
    ? { kind: 'found', providerJobId: only }
    : { kind: 'ambiguous', candidates };
}

/** True when the job's earliest execution was created at or after `cutoffMs`; a job without times counts (unsure). */
export function isCreatedSince(job: MoveUsersJob, cutoffMs: number): boolean {
  const times = job.jobExecutionStatus
    .map((execution) => (execution.createdTime === undefined ? Number.NaN : Date.parse(execution.createdTime)))
    .filter((t) => !Number.isNaN(t));
  if (times.length === 0) return true;
  return Math.min(...times) >= cutoffMs;
}
