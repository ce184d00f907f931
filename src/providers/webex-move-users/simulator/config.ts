/** Configuration of the Webex Move Users simulator: how jobs progress and which users fail. */
import { z } from 'zod';
import {
  ProgressionConfigShape,
  progressionOf as sharedProgressionOf,
  type SimProgression,
} from '../../../simulator/progression';
export type { SimProgression } from '../../../simulator/progression';

/**
 * `pollsToComplete` (deterministic, for tests) wins over `durationMs` (wall time, for the demo; default 3 s); a paused
 * job counts neither its status reads nor its time.
 * A user fails when listed in `failUsers` or when its userId contains `FAIL`.
 */
export const WebexMoveUsersSimConfigSchema = z.strictObject({
  ...ProgressionConfigShape,
  failUsers: z.array(z.string()).optional(),
  /** `documented`: `response` is the job / the validation array; `sdk`: `{ usersList, jobDetails }` (wxc_sdk). */
  responseShape: z.enum(['documented', 'sdk']).optional(),
  /** `latestExecutionStatus` of a paused job (UNCONFIRMED at Webex; default STOPPING). */
  pausedStatus: z.string().optional(),
  /** HTTP status of pause / resume (documented 202). */
  actionStatus: z.number().int().min(200).max(299).optional(),
  /** HTTP status of abandon (UNCONFIRMED; default 202). */
  abandonStatus: z.number().int().min(200).max(299).optional(),
  /**
   * Answer a start with 409 while another job of the org runs (default off: whether Webex runs two Move Users jobs of
   * one org at once is UNCONFIRMED, and so is the body of such a refusal).
   */
  conflictWhileRunning: z.boolean().optional(),
});
export type WebexMoveUsersSimConfig = z.infer<typeof WebexMoveUsersSimConfigSchema>;

/** Default wall-time duration of a simulated job. */
export const DEFAULT_SIM_DURATION_MS = 3_000;

/** The progression a new job gets under `config` (3 s by default). */
export function progressionOf(config: WebexMoveUsersSimConfig): SimProgression {
  return sharedProgressionOf(config, DEFAULT_SIM_DURATION_MS);
}

/** True when the simulator makes `userId` fail. */
export function isFailingUser(userId: string, config: WebexMoveUsersSimConfig): boolean {
  return userId.includes('FAIL') || (config.failUsers ?? []).includes(userId);
}
