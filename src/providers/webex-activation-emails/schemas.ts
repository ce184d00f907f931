/**
 * Webex Bulk Activation Email Resend wire formats (CONTRACTS §2). Parsed tolerantly: status strings are open
 * (`z.string()`), fields the spec does not require stay optional, and unknown fields are ignored.
 */
import { z } from 'zod';

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

// The spec types a step's `exitCode` with the ExecutionStatus enum (a quirk, CONTRACTS §2): any string is accepted.
const StepExecutionStatusSchema = z.object({
  id: z.number().optional(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  lastUpdated: z.string().optional(),
  statusMessage: z.string().optional(),
  exitCode: z.string().optional(),
  name: z.string().optional(),
  timeElapsed: z.string().optional(),
});
export type ActivationEmailsStepExecution = z.infer<typeof StepExecutionStatusSchema>;

/** One execution of the job, with its steps (`resendinviteemailGenerateUserReport`, `…ProcessUsersFromReport`). */
export const ActivationEmailsJobExecutionSchema = StepExecutionStatusSchema.omit({ name: true }).extend({
  createdTime: z.string().optional(),
  stepExecutionStatuses: z.array(StepExecutionStatusSchema).optional(),
});
export type ActivationEmailsJobExecution = z.infer<typeof ActivationEmailsJobExecutionSchema>;

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
  name: z.string().optional(),
  id: z.string().min(1),
  trackingId: z.string().optional(),
  sourceUserId: z.string().optional(),
  sourceCustomerId: z.string().optional(),
  targetCustomerId: z.string().optional(),
  instanceId: z.number().optional(),
  jobExecutionStatus: z.array(ActivationEmailsJobExecutionSchema).default([]),
  latestExecutionStatus: z.string(),
  latestExecutionExitCode: z.string().optional(),
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
