/**
 * The shape of a job's warnings as the audit timeline and the API show them (docs/audit.md): the zod schema is the
 * definition, as for the rest of the timeline.
 */
import { z } from 'zod';

const Count = z.number().int().min(0);

export const CountsSchema = z.object({ total: Count, succeeded: Count, failed: Count, skipped: Count, pending: Count });

const WarningPlace = {
  batch: z.number().int(),
  providerJobId: z.string().optional(),
  message: z.string().meta({ description: 'The warning in one sentence' }),
};

/**
 * A provider contradicting itself, kept with a job's result (never an item, never guessed away): a result row naming
 * no item of its batch, a finished job whose counts and item pages disagree (both figures kept), or counts of more
 * users than the job holds (the provider's figures kept; its per-user pages decide).
 */
export const JobWarningSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('foreignRow'),
      ...WarningPlace,
      ref: z.string().meta({ description: 'What the row names: no item of the batch' }),
      outcome: z.enum(['succeeded', 'failed', 'skipped']),
      code: z.string().optional(),
    }),
    z.object({
      kind: z.literal('countsDisagree'),
      ...WarningPlace,
      providerCounts: CountsSchema.meta({ description: "The provider's own counts of the finished job" }),
      itemCounts: CountsSchema.meta({ description: 'The counts its item pages give' }),
    }),
    z.object({
      kind: z.literal('countsExceedTotal'),
      ...WarningPlace,
      providerFigures: z
        .object({ total: Count, succeeded: Count, failed: Count, skipped: Count })
        .meta({ description: 'What the provider counted: more outcomes than the total it counted them against' }),
    }),
  ])
  .meta({ description: 'A provider answer that contradicts itself, kept as a warning' });
export type JobWarningRecord = z.infer<typeof JobWarningSchema>;
