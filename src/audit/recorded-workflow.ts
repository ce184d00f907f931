/**
 * The workflow's own recorded values (its start input, its result, the signals it receives) as zod schemas of the
 * fields the audit reads, each checked at compile time against the type the workflow writes.
 */
import { z } from 'zod';
import { OPERATION_IDS } from '../domain/job';
import type { BulkJobResult } from '../domain/job';
import type { BulkJobWorkflowInput, ControlRequest } from '../workflows/definitions';
import type { PermitGrant } from '../workflows/semaphore-definitions';
import { JobWarningSchema } from './job-warning';
import { ItemCountsSchema, ItemOutcomeSchema, PlanSchema, TerminalStateSchema, reading } from './recorded-activities';

const Text = z.string();

/** Who asked for what. A start input without it is not a bulk job's. */
export const JobIdentitySchema = reading<BulkJobWorkflowInput>()(
  z.object({
    request: z.object({
      operation: z.enum(OPERATION_IDS),
      connection: Text,
      tenant: Text.optional(),
      dryRun: z.boolean(),
    }),
    requestedBy: Text,
    // Only whether there is one is shown.
    callback: z.unknown().optional(),
  }),
);
export type RecordedJobIdentity = z.infer<typeof JobIdentitySchema>;

/**
 * Timing knobs of the start input, read apart from the identity so a reshaped one hides nothing else. Read as any
 * numbers by name (knobs come and go; the audit shows them as recorded), so not checked against `JobTuning`.
 */
export const JobTuningSchema = z.object({ tuning: z.record(Text, z.number()).optional() });

/** The plan a continued run carries; read apart from the identity, so a reshaped one hides nothing else. */
export const CarriedPlanSchema = reading<BulkJobWorkflowInput>()(
  z.object({ carried: z.object({ plan: PlanSchema }).optional() }),
);

/** The job result, as far as the audit reads it. */
export const JobResultSchema = reading<BulkJobResult>()(
  z.object({
    state: TerminalStateSchema,
    counts: ItemCountsSchema,
    cancelledBy: Text.optional(),
    error: z.object({ type: Text, message: Text }).optional(),
    items: z.array(ItemOutcomeSchema).readonly(),
    warnings: z.array(JobWarningSchema).readonly().optional(),
  }),
);
export type RecordedJobResult = z.infer<typeof JobResultSchema>;

/** How a result that cannot be read whole still ended: its state, and who cancelled it. */
export const JobOutcomeSchema = reading<BulkJobResult>()(
  z.object({ state: TerminalStateSchema, cancelledBy: Text.optional() }),
);
export type RecordedJobOutcome = z.infer<typeof JobOutcomeSchema>;

/** `pause`, `resume` and `cancel`: the caller, when the sender named one. */
export const ControlSignalSchema = reading<ControlRequest>()(z.object({ requestedBy: Text.optional() }).optional());

export const PermitGrantedSchema = reading<PermitGrant>()(z.object({ token: Text }));
