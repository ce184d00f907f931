/**
 * The activities' inputs and results as history records them, as zod schemas of the fields the audit reads (unknown
 * fields are ignored). Each schema is checked at compile time against the activity's own type
 * (src/activities/types.ts, src/domain/job.ts): renaming or retyping a field the audit reads breaks the build here,
 * and a history recorded before such a change shows as an `unreadable` entry instead of being misread.
 */
import { z } from 'zod';
import type { Activities } from '../activities';
import { JobWarningSchema } from './job-warning';

type InputOf<K extends keyof Activities> = Parameters<Activities[K]>[0];
type ResultOf<K extends keyof Activities> = Awaited<ReturnType<Activities[K]>>;

/**
 * `schema` as is, once the compiler has checked that it accepts every `T`: what an activity records must be what
 * the audit reads. When it does not, the argument's type is not assignable and the error names the recorded type.
 */
export function reading<T>() {
  return <S extends z.ZodType>(
    schema: S & ([T] extends [z.input<S>] ? unknown : { readonly 'does not accept the recorded type': T }),
  ): S => schema;
}

const Int = z.number().int();
const Text = z.string();

export const ItemCountsSchema = z.object({ total: Int, succeeded: Int, failed: Int, skipped: Int, pending: Int });
export const TerminalStateSchema = z.enum(['succeeded', 'partial', 'failed', 'cancelled']);

export const ItemOutcomeSchema = z.object({
  ref: Text,
  outcome: z.enum(['succeeded', 'failed', 'skipped']),
  code: Text.optional(),
  message: Text.optional(),
});

const AnswersSchema = z.object({ running: Int, done: Int, locked: Int, rateLimited: Int, transient: Int });
const PollStatsSchema = z.object({ polls: Int, answers: AnswersSchema, waitedOnRetryAfterMs: Int });
export type RecordedPollStats = z.infer<typeof PollStatsSchema>;

const SnapshotSchema = z.object({
  state: z.union([z.literal('running'), TerminalStateSchema]),
  counts: ItemCountsSchema,
  providerStatus: Text,
});

/** A plan, as `planBulkJob` returns it and continue-as-new carries it. */
export const PlanSchema = reading<ResultOf<'planBulkJob'>>()(
  z.object({
    provider: Text,
    tenant: Text,
    total: Int,
    maxConcurrentBatches: Int,
    tenantPermits: Int.optional(),
    batches: z.array(z.object({ index: Int, key: Text, itemRefs: z.array(Text).readonly() })).readonly(),
  }),
);
export type RecordedPlan = z.infer<typeof PlanSchema>;

/** The batch a provider-facing activity works on (every input of these names one). */
export const TargetSchema = z.object({ batch: z.object({ index: Int, itemRefs: z.array(Text).readonly() }) });
const ProviderJobTargetSchema = TargetSchema.extend({ providerJobId: Text });

export const StartInputSchema = reading<InputOf<'startProviderJob'>>()(TargetSchema);
export const StartResultSchema = reading<ResultOf<'startProviderJob'>>()(
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('started'), providerJobId: Text, startedAt: Text, reused: z.boolean() }),
    z.object({
      kind: z.literal('validated'),
      items: z.array(ItemOutcomeSchema).readonly(),
      warnings: z.array(JobWarningSchema).readonly().optional(),
    }),
  ]),
);

export const AwaitInputSchema = reading<InputOf<'awaitProviderJob'>>()(
  ProviderJobTargetSchema.extend({ carried: PollStatsSchema }),
);
export const AwaitResultSchema = reading<ResultOf<'awaitProviderJob'>>()(
  z.object({ snapshot: SnapshotSchema.optional(), stats: PollStatsSchema }),
);

export const CollectInputSchema = reading<InputOf<'collectItemResults'>>()(ProviderJobTargetSchema);
export const CollectResultSchema = reading<ResultOf<'collectItemResults'>>()(
  z.object({
    items: z.array(ItemOutcomeSchema).readonly(),
    attachments: z
      .array(z.object({ name: Text }))
      .readonly()
      .optional(),
    warnings: z.array(JobWarningSchema).readonly().optional(),
  }),
);

export const ControlInputSchema = reading<InputOf<'controlProviderJob'>>()(
  ProviderJobTargetSchema.extend({ action: Text }),
);

/** `requestPermit` as an activity task: its input names the semaphore key and the token. */
export const PermitInputSchema = reading<InputOf<'requestPermit'>>()(
  z.object({ key: Text, request: z.object({ token: Text }) }),
);
/** `requestPermit` as a local activity: history keeps no input, so its result repeats the key and the token. */
/** The semaphore's answer in a `requestPermit` result; results recorded before permits were asked by update have none. */
export const PermitAnswerSchema = z.object({ answer: z.enum(['granted', 'queued']).optional() });

export const PermitRequestedSchema = reading<ResultOf<'requestPermit'>>()(
  PermitAnswerSchema.extend({ key: Text, token: Text }),
);

/** For activities whose recorded value the audit does not read. */
export const Ignored = z.unknown();
