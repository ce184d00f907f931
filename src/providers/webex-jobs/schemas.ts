/**
 * Wire shapes shared by Webex's bulk jobs (docs/contracts.md#webexmoveusers-payloads and
 * docs/contracts.md#webexresendactivationemails-payloads).
 */
import { z } from 'zod';

/** One step of an execution (`moveusersvalidateAndMove`, `resendinviteemailGenerateUserReport`…). */
export const WebexStepExecutionSchema = z.object({
  id: z.number().optional(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  lastUpdated: z.string().optional(),
  statusMessage: z.string().optional(),
  // The activation-email spec types this with the ExecutionStatus enum (a quirk,
  // docs/contracts.md#webexresendactivationemails-status-vocabulary): any string.
  exitCode: z.string().optional(),
  name: z.string().optional(),
  timeElapsed: z.string().optional(),
});
export type WebexStepExecution = z.infer<typeof WebexStepExecutionSchema>;

/** One execution of a job (a resumed job may have several), with its steps. */
export const WebexJobExecutionSchema = WebexStepExecutionSchema.omit({ name: true }).extend({
  createdTime: z.string().optional(),
  stepExecutionStatuses: z.array(WebexStepExecutionSchema).optional(),
});
export type WebexJobExecution = z.infer<typeof WebexJobExecutionSchema>;

/** The fields every Webex job object has; each job adds its own `counts` and extras. */
export const WebexJobBaseShape = {
  name: z.string().optional(),
  id: z.string().min(1),
  trackingId: z.string().optional(),
  sourceUserId: z.string().optional(),
  sourceCustomerId: z.string().optional(),
  targetCustomerId: z.string().optional(),
  instanceId: z.number().optional(),
  jobExecutionStatus: z.array(WebexJobExecutionSchema).default([]),
  latestExecutionStatus: z.string(),
  latestExecutionExitCode: z.string().optional(),
};
