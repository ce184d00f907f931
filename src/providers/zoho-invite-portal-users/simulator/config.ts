/** Configuration of the Zoho portal invite simulator: how jobs progress, which records fail, how Zoho answers. */
import { z } from 'zod';
import { ProgressionConfigShape } from '../../../simulator/progression';
export { progressionOf, type SimProgression } from '../../../simulator/progression';

/**
 * `pollsToComplete` (deterministic, for tests) wins over `durationMs` (wall time, for the demo; default 2.5 s); a
 * status read is a read by job_id or a listing that shows the job.
 * A record fails with CANNOT_PROCESS when its id ends in `999` or is listed in `failRecords`, and an `invite` of a
 * record already invited (earlier in the simulator's life, or listed in `preInvited`) fails "use reinvite".
 */
export const ZohoInvitePortalUsersSimConfigSchema = z.strictObject({
  ...ProgressionConfigShape,
  failRecords: z.array(z.string()).optional(),
  /** Records already invited before the simulator started. */
  preInvited: z.array(z.string()).optional(),
  /** Write `job_id` as a bare JSON number (the docs label it "integer"), digit for digit. */
  numericJobIds: z.boolean().optional(),
  /** `scheduled` (OAS): `SCHEDULED` + `details.job_id`; `singleInvite`: the v7 page's `SUCCESS` + `details.record_id`. */
  startShape: z.enum(['scheduled', 'singleInvite']).optional(),
  /** Requests in flight beyond this answer 429 TOO_MANY_REQUESTS, without Retry-After (Zoho's concurrency limit). */
  maxConcurrentRequests: z.number().int().min(1).optional(),
  /** Time every request takes, so that concurrent requests overlap. */
  latencyMs: z.number().int().min(0).optional(),
  /** Records per bulk request; more is INVALID_DATA. Zoho documents no maximum (UNCONFIRMED), so none by default. */
  maxRecordsPerRequest: z.number().int().min(1).optional(),
});
export type ZohoInvitePortalUsersSimConfig = z.infer<typeof ZohoInvitePortalUsersSimConfigSchema>;

/** Default wall-time duration of a simulated job. */
export const DEFAULT_SIM_DURATION_MS = 2_500;

/** True when the simulator makes record `id` fail whatever the invite type. */
export function isFailingRecord(id: string, config: ZohoInvitePortalUsersSimConfig): boolean {
  return id.endsWith('999') || (config.failRecords ?? []).includes(id);
}
