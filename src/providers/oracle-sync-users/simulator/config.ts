/** Configuration of the Oracle user-sync simulator: how jobs progress, how starts answer, and which users fail. */
import { z } from 'zod';
import { ProgressionConfigShape } from '../../../simulator/progression';
export { progressionOf, type SimProgression } from '../../../simulator/progression';

/**
 * `pollsToComplete` (deterministic, for tests) wins over `durationMs` (wall time, for the demo; default 2.5 s).
 * Failures are driven by the data: a login id containing `FAIL` (or listed in `failUsers`) fails, an e-mail address
 * at `invalid.example` fails, a login id containing `NOACCESS` is created without application access, and a delete
 * of a login id the simulator does not know (not in `knownUsers`, never added) ends in `deleteFailed`.
 */
export const OracleSyncUsersSimConfigSchema = z.strictObject({
  ...ProgressionConfigShape,
  /** `Retry-After` (seconds) sent with the status endpoint's 202 (undocumented at Oracle; none by default). */
  retryAfterSeconds: z.number().int().min(0).optional(),
  /** `Location` of the start's 202: relative (default), absolute, or none (the job id is then only in the body). */
  locationStyle: z.enum(['relative', 'absolute', 'none']).optional(),
  /** Body of the start's 202 (UNCONFIRMED): a bare number (default), a numeric JSON string, `{ jobId }`, or none. */
  startBody: z.enum(['number', 'string', 'object', 'empty']).optional(),
  failUsers: z.array(z.string()).optional(),
  /** Login ids that exist before any job (so they can be deleted). */
  knownUsers: z.array(z.string()).optional(),
  /** Ends every job with this job-level `exception` after processing `afterUsers` users. */
  jobException: z
    .strictObject({ exception: z.string(), message: z.string().optional(), afterUsers: z.number().int().min(0) })
    .optional(),
  /** Users per request before a 400 (Oracle's maximum is UNCONFIRMED; no limit by default). */
  maxUsersPerRequest: z.number().int().min(1).optional(),
  /** Answer 409 to a start while another job runs (default true; the error body is UNCONFIRMED). */
  conflictWhileRunning: z.boolean().optional(),
  /** Refuse Bearer on v1 paths and Basic on v3 paths with 401, as Oracle documents (default true). */
  authByVersion: z.boolean().optional(),
});
export type OracleSyncUsersSimConfig = z.infer<typeof OracleSyncUsersSimConfigSchema>;

/** Default wall-time duration of a simulated job. */
export const DEFAULT_SIM_DURATION_MS = 2_500;

/** Domain whose addresses the simulator refuses. */
export const INVALID_EMAIL_DOMAIN = 'invalid.example';
