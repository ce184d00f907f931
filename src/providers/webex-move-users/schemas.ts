/**
 * Webex Calling Move Users wire formats (docs/contracts.md#webexmoveusers-payloads). Parsed tolerantly: status strings
 * are open (`z.string()`), optional fields stay optional, and the start response accepts every documented variant.
 */
import { z } from 'zod';
import { WebexJobBaseShape, WebexJobExecutionSchema } from '../webex-jobs/schemas';
import type { WebexJobExecution } from '../webex-jobs/schemas';

/** `latestExecutionStatus` / `statusMessage` values documented for Move Users. */
export const MOVE_USERS_EXECUTION_STATUSES = [
  'STARTING',
  'STARTED',
  'COMPLETED',
  'FAILED',
  'UNKNOWN',
  'ABANDONED',
] as const;
/** `latestExecutionExitCode` / `exitCode` values documented for Move Users. */
export const MOVE_USERS_EXIT_CODES = [
  'UNKNOWN',
  'COMPLETED',
  'FAILED',
  'STOPPED',
  'COMPLETED_WITH_ERRORS',
  'COMPLETED_WITH_PENDING_ORDERS',
] as const;
/** Statuses assumed to mean "paused" (not documented for Move Users; Spring-Batch-like inference, UNCONFIRMED). */
export const MOVE_USERS_PAUSE_STATUSES = ['STOPPING', 'STOPPED'] as const;

const CodeSchema = z.union([z.number(), z.string()]);

/** One user to move. `""` removes the extension / number; omitted keeps the existing one. */
export const MoveUserSchema = z.object({
  userId: z.string(),
  extension: z.string().optional(),
  phoneNumber: z.string().optional(),
});
export type MoveUser = z.infer<typeof MoveUserSchema>;

/** `MoveUsersStartJobObject`: the POST body. */
export const MoveUsersRequestSchema = z.object({
  usersList: z.array(
    z.object({
      locationId: z.string(),
      validate: z.boolean(),
      users: z.array(MoveUserSchema),
    }),
  ),
});
export type MoveUsersRequest = z.infer<typeof MoveUsersRequestSchema>;

/** `{ code, message }` as used by impacts, validation errors and the 400 body. */
export const MoveUsersMessageSchema = z.object({ code: CodeSchema, message: z.string() });
export type MoveUsersMessage = z.infer<typeof MoveUsersMessageSchema>;

/** One user's validation result (`validate: true`). */
export const MoveUsersValidationResultSchema = z.object({
  userId: z.string().optional(),
  impacts: z.array(MoveUsersMessageSchema).default([]),
  errors: z.array(MoveUsersMessageSchema).default([]),
});
export type MoveUsersValidationResult = z.infer<typeof MoveUsersValidationResultSchema>;

/** 400 `MoveUsersErrorResponse`: note the singular key `error`. */
export const MoveUsersErrorResponseSchema = z.object({ error: z.array(MoveUsersMessageSchema).min(1) });
export type MoveUsersErrorResponse = z.infer<typeof MoveUsersErrorResponseSchema>;

/** One execution of a job (a resumed job may have several). */
export const MoveUsersJobExecutionSchema = WebexJobExecutionSchema;
export type MoveUsersJobExecution = WebexJobExecution;

/** Job counts; `inProgress` / `notStarted` appear in examples but not in the schema. `pending` = pending number orders. */
export const MoveUsersCountsSchema = z.object({
  totalMoves: z.number().optional(),
  moved: z.number().default(0),
  failed: z.number().default(0),
  pending: z.number().default(0),
  skipped: z.number().default(0),
  inProgress: z.number().optional(),
  notStarted: z.number().optional(),
});
export type MoveUsersCounts = z.infer<typeof MoveUsersCountsSchema>;

/** Job status / list item (`JobDetailsResponseById` / `JobDetailsResponse`). */
export const MoveUsersJobSchema = z.object({
  ...WebexJobBaseShape,
  counts: MoveUsersCountsSchema.optional(),
  csvFile: z.string().optional(),
  csvFileExpiryTime: z.string().optional(),
  fileFormat: z.string().optional(),
  csvFileDownloadUrl: z.string().optional(),
});
export type MoveUsersJob = z.infer<typeof MoveUsersJobSchema>;

/** GET list: `{ items: [job…] }`, newest first. */
export const MoveUsersJobListSchema = z.object({ items: z.array(MoveUsersJobSchema) });
export type MoveUsersJobList = z.infer<typeof MoveUsersJobListSchema>;

/**
 * 200/201 POST body. `response` is the job (documented 201), an array of validation results (documented 200), or
 * `{ usersList, jobDetails }` (the shape the community SDK wxc_sdk parses; which one is live is UNCONFIRMED).
 */
export const MoveUsersStartResponseSchema = z.object({
  response: z.union([
    MoveUsersJobSchema,
    z.array(MoveUsersValidationResultSchema),
    z.object({
      usersList: z.array(MoveUsersValidationResultSchema).optional(),
      jobDetails: MoveUsersJobSchema.optional(),
    }),
  ]),
});
export type MoveUsersStartResponse = z.infer<typeof MoveUsersStartResponseSchema>;

/** One entry of `error.message[]` on the errors endpoint; the example says `location` where the schema says `locationId`. */
export const MoveUsersItemErrorMessageSchema = z.object({
  description: z.string().optional(),
  code: CodeSchema.optional(),
  locationId: z.string().optional(),
  location: z.string().optional(),
});

/** One failed user on the errors endpoint. `item` is the user (the example shows a bare UUID). */
export const MoveUsersErrorItemSchema = z.object({
  itemNumber: z.number(),
  item: z.string().optional(),
  trackingId: z.string().optional(),
  error: z.object({
    key: z.string().optional(),
    message: z.array(MoveUsersItemErrorMessageSchema).default([]),
  }),
});
export type MoveUsersErrorItem = z.infer<typeof MoveUsersErrorItemSchema>;

/** Paging object seen in the example (not in the schema); `next` is `[]` on the last page. */
export const MoveUsersPagingSchema = z.object({
  next: z.unknown().optional(),
  prev: z.unknown().optional(),
  limit: z.number().nullable().optional(),
  offset: z.number().nullable().optional(),
  pages: z.number().nullable().optional(),
  count: z.number().nullable().optional(),
});
export type MoveUsersPaging = z.infer<typeof MoveUsersPagingSchema>;

/** GET errors: `ErrorResponseObject`. */
export const MoveUsersErrorsResponseSchema = z.object({
  items: z.array(MoveUsersErrorItemSchema),
  paging: MoveUsersPagingSchema.optional(),
});
export type MoveUsersErrorsResponse = z.infer<typeof MoveUsersErrorsResponseSchema>;

/** The validate-only POST answer (200): documented array, or the SDK's `{ usersList }`. */
export const MoveUsersValidateResponseSchema = z.object({
  response: z.union([
    z.array(MoveUsersValidationResultSchema),
    z.object({ usersList: z.array(MoveUsersValidationResultSchema) }),
  ]),
});
export type MoveUsersValidateResponse = z.infer<typeof MoveUsersValidateResponseSchema>;
