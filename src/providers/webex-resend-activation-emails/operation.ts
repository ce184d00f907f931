/**
 * `webex.resendActivationEmails`: re-sends the activation e-mail to every eligible user of a Webex org with the Bulk
 * Activation Email Resend job (docs/contracts.md#webexresendactivationemails).
 */
import type { PlannedBatch } from '../../domain/job';
import { parseBody } from '../../http/body';
import { ensureSuccess } from '../../http/classify';
import type { OperationContext, PollOutcome, ProviderOperation, StartOutcome } from '../types';
import { fetchActivationEmailErrors, itemsFromErrors } from './collect-items';
import { WebexResendActivationEmailsInputSchema, type WebexResendActivationEmailsInput } from './input';
import { ERRORS_PAGE_SIZE, WEBEX_RESEND_ACTIVATION_EMAILS_LIMITS } from './limits';
import { payloadOf, planResendActivationEmails } from './plan';
import { ActivationEmailsJobSchema } from './schemas';
import { mapActivationEmailsStatus } from './status-mapping';
import { jobPath, jobsPath } from './wire';
import { webexConnectionAuth } from '../webex-jobs/oauth-grant';

export interface WebexResendActivationEmailsOptions {
  /** `max` of the first errors page (documented default 50); later pages follow the `Link` header. */
  readonly errorsPageSize?: number;
}

/**
 * Builds the operation; `webexResendActivationEmails` is the instance with default options.
 *
 * Starting is not idempotent and Webex documents no list of these jobs, so there is no `reconcileStart`: a start
 * whose answer was lost fails with AmbiguousStartError rather than risk e-mailing the whole org twice. No dry run,
 * pause, resume or cancel exists for this job.
 */
export function createWebexResendActivationEmailsOperation(
  options: WebexResendActivationEmailsOptions = {},
): ProviderOperation<WebexResendActivationEmailsInput> {
  const errorsPageSize = options.errorsPageSize ?? ERRORS_PAGE_SIZE;
  return {
    id: 'webex.resendActivationEmails',
    provider: 'webex',
    auth: webexConnectionAuth,
    inputSchema: WebexResendActivationEmailsInputSchema,
    limits: WEBEX_RESEND_ACTIVATION_EMAILS_LIMITS,
    capabilities: { dryRun: false, pause: false, resume: false, cancel: false },
    idempotentStart: false,
    tenantOf: (input) => input.orgId,
    plan: planResendActivationEmails,
    start: (ctx, batch) => startJob(ctx, batch),
    poll: pollJob,
    // Whether the listed errors match the job's counts is the engine's check (a countsDisagree warning).
    collectItems: async (ctx, jobId, batch) => {
      const errors = await fetchActivationEmailErrors(ctx, payloadOf(batch).orgId, jobId, errorsPageSize);
      return { items: itemsFromErrors(errors) };
    },
  };
}

/** The Webex Bulk Activation Email Resend operation. */
export const webexResendActivationEmails: ProviderOperation<WebexResendActivationEmailsInput> =
  createWebexResendActivationEmailsOperation();

/**
 * POST with no body; 202 with the job. A job already running for the org is refused (409 in our simulator; the live
 * code is UNCONFIRMED, docs/contracts.md#webexresendactivationemails-unconfirmed-points): any 4xx is a permanent, typed
 * refusal.
 */
async function startJob(ctx: OperationContext, batch: PlannedBatch): Promise<StartOutcome> {
  const { orgId } = payloadOf(batch);
  const res = await ctx.http.send({ method: 'POST', path: jobsPath(orgId) });
  const job = parseBody('webex', ActivationEmailsJobSchema, ensureSuccess('webex', res));
  ctx.log.info({ providerJobId: job.id, status: res.status }, 'webex activation email resend job created');
  return { kind: 'started', providerJobId: job.id };
}

async function pollJob(ctx: OperationContext, jobId: string, batch: PlannedBatch): Promise<PollOutcome> {
  const res = await ctx.http.send({ method: 'GET', path: jobPath(payloadOf(batch).orgId, jobId, '/status') });
  const job = parseBody('webex', ActivationEmailsJobSchema, ensureSuccess('webex', res));
  return { snapshot: mapActivationEmailsStatus(job) };
}
