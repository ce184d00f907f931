/**
 * Paths of the Bulk Activation Email Resend job (docs/contracts.md#webexresendactivationemails-endpoints): `orgId` is a
 * path parameter here, not a query.
 */

/** Path of the job collection of `orgId`. Includes `/v1`: the Webex connection's base URL is the origin. */
export function jobsPath(orgId: string): string {
  return `/v1/identity/organizations/${encodeURIComponent(orgId)}/jobs/sendActivationEmails`;
}

/** Path of one job, followed by `suffix` (`/status`, `/errors`). */
export function jobPath(orgId: string, jobId: string, suffix: '/status' | '/errors'): string {
  return `${jobsPath(orgId)}/${encodeURIComponent(jobId)}${suffix}`;
}
