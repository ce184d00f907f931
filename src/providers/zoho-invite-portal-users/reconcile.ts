/**
 * After an interrupted start, looks for the job the POST may have created, in the listing of every job
 * (docs/contracts.md#zohoinviteportalusers-endpoints). The listing carries no timestamps, so `sinceIso` cannot narrow
 * it: a job is ours when it reports exactly the records of our batch (same number, every named record one of ours). An
 * `in_progress` job reports `data: null`, so while one exists nothing can be settled: that is a retryable answer (the
 * job will complete and show its records), never a guess and never a blind re-send.
 */
import { InvalidRequestError } from '../../domain/errors';
import type { PlannedBatch } from '../../domain/job';
import type { OperationContext, ReconcileOutcome } from '../types';
import { listPortalInviteJobs } from './job-read';
import { payloadOf } from './plan';
import type { PortalInviteJob } from './schemas';

/**
 * Finds the job an interrupted start of `batch` created.
 * `pending` while jobs in progress hide their records (the engine looks again after a poll interval).
 * Thrown when `sinceIso` is not a date (InvalidRequestError), and the typed ProviderErrors of the listing call.
 */
export async function reconcilePortalInviteStart(
  ctx: OperationContext,
  batch: PlannedBatch,
  sinceIso: string,
): Promise<ReconcileOutcome> {
  if (Number.isNaN(Date.parse(sinceIso))) throw new InvalidRequestError('sinceIso', `not an ISO date: ${sinceIso}`);
  const jobs = await listPortalInviteJobs(ctx, payloadOf(batch));
  const outcome = matchStartedJob(jobs, batch.itemRefs);
  ctx.log.info({ sinceIso, jobs: jobs.length, outcome: outcome.kind }, 'zoho portal invite start reconciled');
  return outcome;
}

/** The pure decision of {@link reconcilePortalInviteStart}. */
export function matchStartedJob(jobs: readonly PortalInviteJob[], refs: readonly string[]): ReconcileOutcome {
  const running = jobs.filter((job) => job.status !== 'completed');
  if (running.length > 0) {
    const ids = running.map((job) => job.job_id ?? '?').join(', ');
    return { kind: 'pending', reason: `jobs ${ids} are still in progress and hide their records` };
  }
  const candidates = jobs.filter((job) => reportsExactly(job, refs)).map((job) => job.job_id ?? '');
  const [only] = candidates;
  if (candidates.length === 0) return { kind: 'none' };
  return candidates.length === 1 && only ? { kind: 'found', providerJobId: only } : { kind: 'ambiguous', candidates };
}

/** True when the job reports as many records as `refs` and every record it names is one of them (at least one). */
function reportsExactly(job: PortalInviteJob, refs: readonly string[]): boolean {
  const data = job.data ?? [];
  if (data.length !== refs.length) return false;
  const wanted = new Set(refs);
  const named = data.flatMap((result) => (result.details.id === undefined ? [] : [result.details.id]));
  return named.length > 0 && named.every((id) => wanted.has(id)) && new Set(named).size === named.length;
}
