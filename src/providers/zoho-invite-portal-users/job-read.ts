/** Reading portal invite jobs: one job by `job_id`, or the listing of every job scheduled so far. */
import { ProviderContractError } from '../../domain/errors';
import { parseBody } from '../../http/body';
import type { OperationContext } from '../types';
import { losslessIds } from './lossless-json';
import type { PortalInviteBatchPayload } from './plan';
import { PortalInviteStatusResponseSchema, type PortalInviteJob } from './schemas';
import { ensureJobKnown, ensureZohoSuccess, portalInvitePath } from './wire';

type Target = Pick<PortalInviteBatchPayload, 'apiVersion' | 'module'>;

/**
 * The job `jobId`, read with `GET …/portal_invite?job_id=`.
 * Thrown: ProviderNotFoundError (code `JobNotFound`) on 204; ProviderContractError when the body does not match or
 * holds no entry for `jobId`; the typed ProviderErrors of any other failure.
 */
export async function fetchPortalInviteJob(
  ctx: OperationContext,
  target: Target,
  jobId: string,
): Promise<PortalInviteJob> {
  const path = portalInvitePath(target.apiVersion, target.module);
  const res = await ctx.http.send({ method: 'GET', path, query: { job_id: jobId } });
  const { portal_invite: jobs } = parseBody(
    'zoho',
    PortalInviteStatusResponseSchema,
    losslessIds(ensureJobKnown(res, jobId)),
  );
  // An entry without job_id is accepted only when it is the sole answer to a question about one job.
  const [only] = jobs;
  const job =
    jobs.find((j) => j.job_id === jobId) ?? (jobs.length === 1 && only?.job_id === undefined ? only : undefined);
  if (job) return job;
  const seen = jobs.map((j) => j.job_id ?? '?').join(', ') || 'none';
  throw new ProviderContractError('zoho', 'portal_invite', `no entry for job ${jobId} (jobs answered: ${seen})`, {
    status: res.status,
  });
}

/**
 * Every job of the module, read with `GET …/portal_invite` (no `job_id`). The listing has no documented paging or
 * timestamps; an empty answer (204, Zoho's usual "nothing to list") is an empty list.
 * Thrown: ProviderContractError when the body does not match; the typed ProviderErrors of any other failure.
 */
export async function listPortalInviteJobs(ctx: OperationContext, target: Target): Promise<PortalInviteJob[]> {
  const res = await ctx.http.send({ method: 'GET', path: portalInvitePath(target.apiVersion, target.module) });
  if (res.status === 204) return [];
  return parseBody('zoho', PortalInviteStatusResponseSchema, losslessIds(ensureZohoSuccess(res))).portal_invite;
}
