/**
 * `zoho.invitePortalUsers`: invites CRM records to a portal with Zoho's bulk portal invite job
 * (docs/contracts.md#zohoinviteportalusers).
 */
import { InvalidRequestError, ProviderContractError } from '../../domain/errors';
import type { PlannedBatch } from '../../domain/job';
import { parseBody } from '../../http/body';
import type { OperationContext, PollOutcome, ProviderOperation, StartOutcome } from '../types';
import { ZohoInvitePortalUsersInputSchema, type ZohoInvitePortalUsersInput } from './input';
import { fetchPortalInviteJob } from './job-read';
import { ZOHO_INVITE_PORTAL_USERS_LIMITS } from './limits';
import { losslessIds } from './lossless-json';
import { type PortalInviteBatchPayload, payloadOf, planPortalInvites } from './plan';
import { reconcilePortalInviteStart } from './reconcile';
import { itemsFromRecords } from './record-matching';
import { PortalInviteStartResponseSchema, type PortalInviteStartResponse } from './schemas';
import { mapPortalInviteJob } from './status-mapping';
import { ensureZohoSuccess, portalInvitePath } from './wire';
import { tokenAuth } from '../auth';
import { zohoRefreshGrant } from './oauth-grant';

/** The Zoho portal bulk invite operation. Zoho has no dry run and no cancel for it. */
export const zohoInvitePortalUsers: ProviderOperation<ZohoInvitePortalUsersInput> = {
  id: 'zoho.invitePortalUsers',
  provider: 'zoho',
  auth: tokenAuth('Zoho-oauthtoken', zohoRefreshGrant),
  inputSchema: ZohoInvitePortalUsersInputSchema,
  limits: ZOHO_INVITE_PORTAL_USERS_LIMITS,
  capabilities: { dryRun: false, pause: false, resume: false, cancel: false },
  // Zoho takes no idempotency key: an interrupted start is settled through the all-jobs listing.
  idempotentStart: false,
  // The input names no org: the tenant is the connection (one Zoho org per OAuth client).
  tenantOf: () => undefined,
  plan: (input) => planPortalInvites(input),
  start: async (ctx, batch, { dryRun }) => {
    if (dryRun) throw new InvalidRequestError('dryRun', 'zoho.invitePortalUsers has no dry-run mode at the provider');
    return startJob(ctx, payloadOf(batch));
  },
  poll: pollJob,
  collectItems: async (ctx, jobId, batch) => {
    const job = await fetchPortalInviteJob(ctx, payloadOf(batch), jobId);
    if (job.status !== 'completed') {
      throw new ProviderContractError('zoho', 'portal_invite[0].status', `${job.status} after the job was completed`);
    }
    return { items: itemsFromRecords(job.data ?? [], batch.itemRefs) };
  },
  reconcileStart: reconcilePortalInviteStart,
};

async function startJob(ctx: OperationContext, payload: PortalInviteBatchPayload): Promise<StartOutcome> {
  const res = await ctx.http.send({
    method: 'POST',
    path: portalInvitePath(payload.apiVersion, payload.module),
    json: payload.body,
  });
  const body = parseBody('zoho', PortalInviteStartResponseSchema, losslessIds(ensureZohoSuccess(res)));
  const providerJobId = jobIdOf(body, res.status);
  ctx.log.info({ providerJobId, records: payload.body.portal_invite[0]?.data.length }, 'zoho portal invite scheduled');
  return { kind: 'started', providerJobId };
}

/**
 * `details.job_id` of the `SCHEDULED` entry, as a string digit for digit.
 * Thrown when no entry carries one: ProviderContractError at `portal_invite[0].details.job_id`; the v7 page's
 * single-invite answer (`SUCCESS` + `details.record_id`) is named as such, since its records may have been invited.
 */
export function jobIdOf(body: PortalInviteStartResponse, status?: number): string {
  const scheduled = body.portal_invite.find((entry) => entry.details.job_id !== undefined);
  if (scheduled?.details.job_id !== undefined) return scheduled.details.job_id;
  const first = body.portal_invite[0];
  const problem =
    first?.details.record_id === undefined
      ? `${first?.code ?? 'no entry'} without a job id`
      : `${first.code} with details.record_id and no job id (the single-invite answer): check the records at Zoho`;
  throw new ProviderContractError('zoho', 'portal_invite[0].details.job_id', problem, {
    ...(status === undefined ? {} : { status }),
  });
}

async function pollJob(ctx: OperationContext, jobId: string, batch: PlannedBatch): Promise<PollOutcome> {
  const job = await fetchPortalInviteJob(ctx, payloadOf(batch), jobId);
  return { snapshot: mapPortalInviteJob(job, batch.itemRefs) };
}
