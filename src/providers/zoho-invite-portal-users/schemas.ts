/**
 * Zoho CRM portal bulk invite wire formats (docs/contracts.md#zohoinviteportalusers-payloads). Parsed tolerantly:
 * status strings are open, optional fields stay optional, unknown keys are kept. Ids are strings: bodies are read
 * through `lossless-json.ts`, which quotes numeric id literals before `JSON.parse` can round them.
 */
import { z } from 'zod';

/** Job `status` values documented for the status endpoint. */
export const PORTAL_INVITE_JOB_STATUSES = ['in_progress', 'completed'] as const;
/** Per-record `code` values documented for a completed job. */
export const PORTAL_INVITE_RECORD_CODES = ['SUCCESS', 'CANNOT_PROCESS'] as const;
/** Per-record `status` values documented for a completed job. */
export const PORTAL_INVITE_RECORD_STATUSES = ['success', 'error'] as const;
/** Error codes documented for the bulk start (docs/contracts.md#zohoinviteportalusers-payloads), plus 429's. */
export const PORTAL_INVITE_ERROR_CODES = [
  'MANDATORY_NOT_FOUND',
  'INVALID_DATA',
  'INVALID_REQUEST_METHOD',
  'NO_PERMISSION',
  'TOO_MANY_REQUESTS',
] as const;

/** A Zoho id: a string of digits on the wire (a number only before `lossless-json.ts` quoted it). */
const IdSchema = z.string().min(1);

/** One record of the bulk POST body. `language` defaults to `en_US` at Zoho. */
export const PortalInviteRecordSchema = z.object({
  id: IdSchema,
  user_type_id: IdSchema,
  type: z.string(),
  language: z.string().optional(),
});
export type PortalInviteRecord = z.infer<typeof PortalInviteRecordSchema>;

/** The bulk POST body: `{ portal_invite: [ { data: [record…] } ] }`. */
export const PortalInviteRequestSchema = z.object({
  portal_invite: z.array(z.object({ data: z.array(PortalInviteRecordSchema).min(1) })).min(1),
});
export type PortalInviteRequest = z.infer<typeof PortalInviteRequestSchema>;

/** Zoho's error shape `{ code, details, message, status: 'error' }`, top level or inside `portal_invite[]`. */
export const ZohoErrorSchema = z.looseObject({
  code: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  message: z.string().optional(),
  status: z.literal('error'),
});
export type ZohoError = z.infer<typeof ZohoErrorSchema>;

/**
 * One entry of the start answer: `SCHEDULED` + `details.job_id` (OAS), or the single-invite copy the v7 page shows
 * (`SUCCESS` + `details.record_id`), or an error entry. Which one carries a job is decided by the operation.
 */
export const PortalInviteStartEntrySchema = z.looseObject({
  code: z.string(),
  details: z
    .looseObject({ job_id: IdSchema.optional(), record_id: IdSchema.optional() })
    .optional()
    .transform((d) => d ?? {}),
  message: z.string().optional(),
  status: z.string(),
});
export type PortalInviteStartEntry = z.infer<typeof PortalInviteStartEntrySchema>;

/** 200 answer of the bulk POST. */
export const PortalInviteStartResponseSchema = z.object({
  portal_invite: z.array(PortalInviteStartEntrySchema).min(1),
});
export type PortalInviteStartResponse = z.infer<typeof PortalInviteStartResponseSchema>;

/** One record's outcome in a completed job; `details` is `{}` when Zoho could not resolve the record. */
export const PortalInviteRecordResultSchema = z.looseObject({
  details: z
    .looseObject({ id: IdSchema.optional() })
    .nullable()
    .optional()
    .transform((d) => d ?? {}),
  code: z.string(),
  message: z.string().optional(),
  status: z.string().optional(),
});
export type PortalInviteRecordResult = z.infer<typeof PortalInviteRecordResultSchema>;

/** One job of the status answer; `data` is `null` while the job is `in_progress`. */
export const PortalInviteJobSchema = z.looseObject({
  data: z.array(PortalInviteRecordResultSchema).nullable().optional(),
  job_id: IdSchema.optional(),
  status: z.string(),
});
export type PortalInviteJob = z.infer<typeof PortalInviteJobSchema>;

/** GET status, with `job_id` (one job) or without it (every job scheduled so far). */
export const PortalInviteStatusResponseSchema = z.object({ portal_invite: z.array(PortalInviteJobSchema) });
export type PortalInviteStatusResponse = z.infer<typeof PortalInviteStatusResponseSchema>;
