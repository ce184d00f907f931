/**
 * The audit timeline of a bulk job: a stable, documented JSON shape (docs/audit.md) built from the workflow
 * history of every run of the job. The zod schemas are the definition: the types are inferred from them, the
 * OpenAPI document is generated from them, and tests parse real output with them. `schema` names the version.
 */
import { z } from 'zod';
import { OPERATION_IDS } from '../domain/job';
import { CountsSchema, JobWarningSchema } from './job-warning';

export const AUDIT_SCHEMA = 'bulkflow.audit/v1';

const Count = z.number().int().min(0);
const Ms = z.number().int();
const Time = z.string().meta({ description: 'ISO 8601, from the history event' });

const JobStateSchema = z.enum(['planning', 'running', 'succeeded', 'partial', 'failed', 'cancelled']);
export const AuditStateSchema = z.union([JobStateSchema, z.enum(['terminated', 'timedOut'])]);
export type AuditState = z.infer<typeof AuditStateSchema>;

export const RunEndSchema = z.enum([
  'running',
  'continuedAsNew',
  'completed',
  'failed',
  'cancelled',
  'terminated',
  'timedOut',
]);
export type RunEnd = z.infer<typeof RunEndSchema>;

export const AuditErrorSchema = z.object({ type: z.string(), message: z.string() });
export type AuditError = z.infer<typeof AuditErrorSchema>;

const AnswersSchema = z.object({ running: Count, done: Count, locked: Count, rateLimited: Count, transient: Count });

export const AuditRunSchema = z.object({
  run: Count,
  runId: z.string(),
  startedAt: Time,
  closedAt: Time.optional(),
  end: RunEndSchema,
});
export type AuditRun = z.infer<typeof AuditRunSchema>;

export const AuditRequestSchema = z.object({
  operation: z.enum(OPERATION_IDS),
  connection: z.string(),
  tenant: z.string().optional(),
  dryRun: z.boolean(),
  digest: z.string().optional().meta({ description: 'SHA-256 of request, requester and callback (idempotency check)' }),
  items: Count.optional().meta({ description: 'Items in the request, from the plan' }),
  callback: z.boolean(),
});
export type AuditRequest = z.infer<typeof AuditRequestSchema>;

export const AuditProviderJobSchema = z.object({
  batch: Count,
  id: z.string(),
  startedAt: Time,
  finishedAt: Time.optional(),
  state: JobStateSchema,
  providerStatus: z.string().optional(),
  segments: Count,
  polls: Count,
  answers: AnswersSchema,
  waitedOnRetryAfterMs: Ms,
});
export type AuditProviderJob = z.infer<typeof AuditProviderJobSchema>;

export const AuditItemFailureSchema = z.object({
  batch: z.number().int(),
  ref: z.string(),
  code: z.string().optional(),
  message: z.string().optional(),
});
export type AuditItemFailure = z.infer<typeof AuditItemFailureSchema>;

/** Attempts of an activity, and the failure of the attempt before the last when it was retried. */
const AttemptsShape = { attempts: Count, lastRetryReason: AuditErrorSchema.optional() };
export interface Attempts {
  attempts: number;
  lastRetryReason?: AuditError | undefined;
}

/**
 * A value in history the audit could not read: where in the event's payload, and what was wrong with it. Entries of
 * kind `unreadable` appear only for histories of a shape this version does not read (see docs/audit.md).
 */
export const AuditUnreadableIssueSchema = z.object({
  path: z
    .string()
    .meta({ description: 'e.g. `result.providerJobId`, `input.batch.index`, `result` for the whole value' }),
  problem: z.string(),
});
export type AuditUnreadableIssue = z.infer<typeof AuditUnreadableIssueSchema>;

const base = { at: Time, run: Count };
const inBatch = { ...base, batch: z.number().int() };
const entry = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.object({ kind: z.literal(kind), ...shape });

export const AuditEntrySchema = z.discriminatedUnion('kind', [
  entry('requested', {
    ...base,
    requestedBy: z.string(),
    request: AuditRequestSchema,
    tuning: z.record(z.string(), z.number()).optional(),
  }),
  entry('planned', {
    ...base,
    provider: z.string(),
    tenant: z.string(),
    items: Count,
    maxConcurrentBatches: Count,
    tenantPermits: Count.optional(),
    batches: z.array(z.object({ index: Count, key: z.string(), items: Count })),
  }),
  entry('planFailed', { ...base, error: AuditErrorSchema, ...AttemptsShape }),
  entry('permitRequested', { ...inBatch, key: z.string() }),
  entry('permitGranted', { ...inBatch, waitedMs: Ms }),
  entry('providerJobStarted', {
    ...inBatch,
    providerJobId: z.string(),
    startedAt: Time,
    reused: z.boolean().meta({ description: 'A retried start found the job the first attempt created' }),
    ...AttemptsShape,
  }),
  entry('batchValidated', {
    ...inBatch,
    items: Count,
    failed: Count,
    warnings: Count.optional().meta({ description: 'Warnings the validation gave (absent when none)' }),
    ...AttemptsShape,
  }),
  entry('startFailed', { ...inBatch, error: AuditErrorSchema, ...AttemptsShape }),
  entry('segment', {
    ...inBatch,
    providerJobId: z.string(),
    segment: Count,
    tookMs: Ms,
    polls: Count,
    answers: AnswersSchema,
    waitedOnRetryAfterMs: Ms,
    providerState: JobStateSchema.optional(),
    providerStatus: z.string().optional(),
    progress: CountsSchema.optional(),
  }),
  entry('segmentFailed', { ...inBatch, providerJobId: z.string(), error: AuditErrorSchema }),
  entry('collected', {
    ...inBatch,
    providerJobId: z.string(),
    succeeded: Count,
    failed: Count,
    skipped: Count,
    attachments: z.array(z.string()),
    warnings: Count.optional().meta({ description: 'Warnings the collection gave (absent when none)' }),
  }),
  entry('collectFailed', { ...inBatch, providerJobId: z.string(), error: AuditErrorSchema }),
  entry('providerJobControlled', {
    ...inBatch,
    providerJobId: z.string(),
    action: z.string(),
    error: AuditErrorSchema.optional(),
  }),
  entry('abandoned', { ...inBatch, step: z.enum(['start', 'segment', 'collect', 'control']) }),
  entry('controlRequested', { ...base, action: z.string(), requestedBy: z.string() }),
  entry('cancelRequested', { ...base, requestedBy: z.string() }),
  entry('continuedAsNew', { ...base, nextRunId: z.string() }),
  entry('callback', { ...base, delivered: z.boolean(), error: AuditErrorSchema.optional() }),
  entry('completed', {
    ...base,
    state: AuditStateSchema,
    counts: CountsSchema,
    cancelledBy: z.string().optional(),
    error: AuditErrorSchema.optional(),
  }),
  entry('failed', { ...base, error: AuditErrorSchema }),
  entry('terminated', { ...base, reason: z.string(), requestedBy: z.string() }),
  entry('timedOut', { ...base }),
  entry('unreadable', {
    ...base,
    batch: z.number().int().optional(),
    eventId: Count.meta({ description: 'The history event holding the value that could not be read' }),
    event: z.string().meta({ description: 'What that event records, e.g. `startProviderJob completed`' }),
    issues: z.array(AuditUnreadableIssueSchema).min(1),
  }),
]);
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditEntryKind = AuditEntry['kind'];

export const AuditTimelineSchema = z
  .object({
    schema: z.literal(AUDIT_SCHEMA),
    jobId: z.string(),
    state: AuditStateSchema,
    requestedBy: z.string(),
    requestedAt: Time,
    closedAt: Time.optional(),
    request: AuditRequestSchema,
    counts: CountsSchema.optional(),
    cancelledBy: z.string().optional(),
    runs: z.array(AuditRunSchema),
    providerJobs: z.array(AuditProviderJobSchema),
    failures: z.array(AuditItemFailureSchema),
    warnings: z
      .array(JobWarningSchema)
      .optional()
      .meta({ description: "The result's warnings when the job completed, else those seen so far; absent when none" }),
    entries: z.array(AuditEntrySchema),
  })
  .meta({ description: 'A bulk job explained from its workflow history (every run of its continue-as-new chain)' });
export type AuditTimeline = z.infer<typeof AuditTimelineSchema>;
