/** Webex Bulk Activation Email Resend limits (docs/contracts.md#webexresendactivationemails-limits). */
import type { OperationLimits } from '../types';

/** Documented default of the errors endpoint's `max`; we ask for it explicitly. */
export const ERRORS_PAGE_SIZE = 50;

/** Safety bound on errors pages, so a provider whose `Link` never ends cannot loop us forever. */
export const MAX_ERROR_PAGES = 10_000;

/**
 * Limits of `webex.resendActivationEmails`. One request covers the whole org and carries no items (`maxItemsPerBatch:
 * 0`). "Only a single instance of the job can be running for an organization"
 * (docs/contracts.md#webexresendactivationemails-limits): `tenantPermits: 1` makes the engine hold one permit per org
 * across all bulk jobs.
 */
export const WEBEX_RESEND_ACTIVATION_EMAILS_LIMITS: OperationLimits = {
  maxItemsPerBatch: 0,
  maxConcurrentBatches: 1,
  pollIntervalMs: 5_000,
  tenantPermits: 1,
};
