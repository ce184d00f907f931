/**
 * zod schemas of what the API accepts beyond the start body (query strings, path parameters) and of what it
 * answers. The response schemas document the API (OpenAPI is generated from them) and tests parse real answers
 * with them, so the document cannot drift from the behaviour.
 */
import { z } from 'zod';
import { AUDIT_FORMATS, JobWarningSchema } from '../audit';
import { ItemsPageOptionsSchema, JOB_VIEW_STATES, JobListFilterSchema } from '../client';

/** Longest job id, in characters. */
export const JOB_ID_MAX_LENGTH = 300;
export const JobIdParamsSchema = z.strictObject({ id: z.string().min(1).max(JOB_ID_MAX_LENGTH) });
export const CONTROL_ACTIONS = ['cancel', 'pause', 'resume'] as const;
/** `GET /v1/jobs` query; access control adds the caller's tenants, never the caller. */
export const ListQuerySchema = JobListFilterSchema.omit({ tenants: true });
export const ItemsQuerySchema = ItemsPageOptionsSchema;
/** `GET /v1/jobs/{id}/audit` query. */
export const AuditQuerySchema = z.strictObject({ format: z.enum(AUDIT_FORMATS).default('json') });

const JobViewState = z.enum(JOB_VIEW_STATES);
const Count = z.number().int().min(0);

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .max(100)
      .optional()
      .meta({ description: 'The first offending fields (at most 100)' }),
    errorCount: z.number().int().min(0).optional().meta({ description: 'How many problems were found in all' }),
    errorCountExact: z
      .boolean()
      .optional()
      .meta({ description: 'false when validation stopped after the first 100: errorCount is then a lower bound' }),
  })
  .meta({ description: 'RFC 9457 problem details (application/problem+json)' });

export const ItemCountsSchema = z.object({
  total: Count,
  succeeded: Count,
  failed: Count,
  skipped: Count,
  pending: Count,
});

export const ItemOutcomeSchema = z.object({
  ref: z.string(),
  outcome: z
    .enum(['succeeded', 'failed', 'skipped', 'pending'])
    .meta({ description: '`pending`: no outcome yet (never started, or not reported by its provider job)' }),
  code: z.string().optional(),
  message: z.string().optional(),
  impacts: z.array(z.object({ code: z.string(), message: z.string() })).optional(),
});

export const ProviderJobRecordSchema = z.object({
  batch: Count,
  id: z.string(),
  state: JobViewState,
  counts: ItemCountsSchema,
  polls: Count,
  answers: z.record(z.string(), Count),
  waitedOnRetryAfterMs: z.number().min(0),
  progressAt: z.string().optional().meta({ description: 'When the provider job last changed its counts' }),
  pollsWithoutProgress: Count.optional().meta({
    description: 'Running answers in a row with unchanged counts (a stuck provider job)',
  }),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  providerStatus: z.string().optional(),
  reason: z.string().optional(),
  attachments: z
    .array(z.object({ name: z.string(), contentType: z.string(), text: z.string(), truncated: z.boolean() }))
    .optional(),
});

export const StartedJobSchema = z.object({ jobId: z.string(), state: JobViewState });

export const JobInfoSchema = z.object({
  jobId: z.string(),
  runId: z.string(),
  status: z.string().meta({ description: "Temporal's execution status: RUNNING, COMPLETED, FAILED…" }),
  state: JobViewState,
  operation: z.string().optional(),
  provider: z.string().optional(),
  tenant: z.string().optional(),
  requestedBy: z.string().optional(),
  startTime: z.string(),
  closeTime: z.string().optional(),
  dataErased: z
    .literal(true)
    .optional()
    .meta({
      description:
        "Present when the job's tenant key was erased: the job is listed from what Temporal keeps in the clear, and " +
        'nothing else of it can be read (its view, items and audit answer 410); a running one can still be cancelled',
    }),
});

export const JobViewSchema = JobInfoSchema.extend({
  counts: ItemCountsSchema,
  providerJobs: z.array(ProviderJobRecordSchema),
  batches: z.object({ total: Count, done: Count, running: Count, waiting: Count }).optional().meta({
    description:
      'Running jobs: batches done, running (their provider job started and not finished) and waiting to start',
  }),
  polling: z.array(z.object({ batch: Count, stats: z.record(z.string(), z.unknown()), snapshot: z.unknown() })),
  waiting: z
    .array(
      z.object({
        batch: Count,
        reason: z.string().meta({ description: 'What the start waits for, e.g. "another job is running in this org"' }),
        since: z.string(),
        runningJobId: z.string().optional(),
      }),
    )
    .optional()
    .meta({ description: 'Starts waiting for their tenant to be free of a job that is not ours (running jobs only)' }),
  dryRun: z.boolean().optional(),
  cancelledBy: z.string().optional(),
  error: z.object({ type: z.string(), message: z.string() }).optional(),
  warnings: z
    .array(JobWarningSchema)
    .optional()
    .meta({ description: 'What the providers said that contradicts itself (finished jobs; absent when nothing did)' }),
  noWorker: z
    .object({ taskQueue: z.string(), waitingSeconds: Count.optional(), message: z.string() })
    .optional()
    .meta({ description: 'Set while the job runs and no worker polls its task queue: why it does not move' }),
});

export const ItemsPageSchema = z.object({
  jobId: z.string(),
  state: JobViewState,
  items: z.array(ItemOutcomeSchema),
  total: Count,
  complete: z.boolean(),
  nextCursor: z.string().optional(),
});

export const JobListSchema = z.object({ jobs: z.array(JobInfoSchema), nextCursor: z.string().optional() });

export const ControlAcceptedSchema = z.object({ jobId: z.string(), action: z.enum(CONTROL_ACTIONS) });

export const HealthSchema = z.object({ status: z.enum(['ok', 'ready']) });
