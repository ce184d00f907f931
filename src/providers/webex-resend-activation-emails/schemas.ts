/**
 * Webex Bulk Activation Email Resend wire formats (docs/contracts.md#webexresendactivationemails-payloads). Parsed
 * tolerantly: status strings are open (`z.string()`), fields the spec does not require stay optional, and unknown
 * fields are ignored.
 */
import { z } from 'zod';
import { WebexJobBaseShape, WebexJobExecutionSchema } from '../webex-jobs/schemas';
import type { WebexJobExecution, WebexStepExecution } from '../webex-jobs/schemas';

/** `ExecutionStatus` values documented for this job (`latestExecutionStatus`, step `statusMessage`). */
export const ACTIVATION_EMAILS_EXECUTION_STATUSES = [
  'COMPLETED',
  'STARTING',
  'STARTED',
  'STOPPING',
  'FAILED',
  'ABANDONED',
  'UNKNOWN',
] as const;
/** `latestExecutionExitCode` values documented for this job. */
export const ACTIVATION_EMAILS_EXIT_CODES = [
  'UNKNOWN',
  'COMPLETED',
  'FAILED',
  'STOPPED',
  'COMPLETED_WITH_ERRORS',
] as const;

/** The error code Webex uses for a user skipped because it was invited in the last 24 hours (the errors example). */
export const ALREADY_INVITED_CODE = 'ATLAS-600199';

const CodeSchema = z.union([z.string(), z.number()]);

export type ActivationEmailsStepExecution = WebexStepExecution;

/** One execution of the job, with its steps (`resendinviteemailGenerateUserReport`, `…ProcessUsersFromReport`). */
export const ActivationEmailsJobExecutionSchema = WebexJobExecutionSchema;
export type ActivationEmailsJobExecution = WebexJobExecution;

/** `counts`: required by the spec, so the object is required; a missing number reads as 0. */
export const ActivationEmailsCountsSchema = z.object({
  userResendInviteSent: z.number().default(0),
  userResendInviteFailed: z.number().default(0),
  userResendInviteSkipped: z.number().default(0),
  totalUsers: z.number().default(0),
});
export type ActivationEmailsCounts = z.infer<typeof ActivationEmailsCountsSchema>;

/** `BulkActivationEmailResendJobDetails`: the start (202) and status (200) body. */
export const ActivationEmailsJobSchema = z.object({
  ...WebexJobBaseShape,
  counts: ActivationEmailsCountsSchema,
  allowAdminInviteEmails: z.boolean().optional(),
});
export type ActivationEmailsJob = z.infer<typeof ActivationEmailsJobSchema>;

/** One entry of an error item's `message[]`; `locationId` is documented "Not used" and is `null` in the example. */
export const ActivationEmailsErrorMessageSchema = z.object({
  description: z.string().nullish(),
  code: CodeSchema.nullish(),
  locationId: z.string().nullish(),
});

/**
 * One user the job did not e-mail. The spec names no user field; `item` (the user, as on the Move Users errors
 * endpoint) is accepted when present.
 */
export const ActivationEmailsErrorItemSchema = z.object({
  itemNumber: z.number().optional(),
  item: z.string().nullish(),
  trackingId: z.string().optional(),
  error: z.object({
    key: z.string().optional(),
    message: z.array(ActivationEmailsErrorMessageSchema).default([]),
  }),
});
export type ActivationEmailsErrorItem = z.infer<typeof ActivationEmailsErrorItemSchema>;

/** GET errors: `{ items }`, one page; the next page is named by the `Link` header (RFC 5988). */
export const ActivationEmailsErrorsResponseSchema = z.object({ items: z.array(ActivationEmailsErrorItemSchema) });
export type ActivationEmailsErrorsResponse = z.infer<typeof ActivationEmailsErrorsResponseSchema>;
