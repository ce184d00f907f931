/** Configuration of the activation-email simulator: the org's population, who fails or is skipped, and timing. */
import { z } from 'zod';
import { ProgressionConfigShape } from '../../../simulator/progression';
export { progressionOf, type SimProgression } from '../../../simulator/progression';

/** Users of a simulated org when not configured. */
export const DEFAULT_ORG_USERS = 120;
/** Indexes (0-based) of users skipped by default: already invited in the last 24 hours (ATLAS-600199). */
export const DEFAULT_SKIP_USERS: readonly number[] = [3, 41, 88];
/** Indexes (0-based) of users whose e-mail fails by default. */
export const DEFAULT_FAIL_USERS: readonly number[] = [17, 64];
/** Default wall-time duration of a simulated job. */
export const DEFAULT_SIM_DURATION_MS = 2_500;
/** Documented default of the errors endpoint's `max`. */
export const DEFAULT_ERRORS_MAX = 50;

const Indexes = z.array(z.number().int().min(0));

/**
 * `pollsToComplete` (deterministic, for tests) wins over `durationMs` (wall time, for the demo; default 2.5 s); the
 * report step ends half-way through either. A user whose index is in `failUsers` fails, else in `skipUsers` is skipped, else is e-mailed; the lists replace the defaults.
 */
export const WebexResendActivationEmailsSimConfigSchema = z.strictObject({
  ...ProgressionConfigShape,
  /** Users of every simulated org (default 120). */
  orgUsers: z.number().int().min(0).max(1_000_000).optional(),
  failUsers: Indexes.optional(),
  skipUsers: Indexes.optional(),
  /** The report step fails: the job ends FAILED / FAILED with no user processed. */
  failJob: z.boolean().optional(),
  /** Rendered as `allowAdminInviteEmails` (default true). */
  allowAdminInviteEmails: z.boolean().optional(),
  /** `max` of the errors endpoint when the request gives none (default 50, as documented). */
  errorsDefaultMax: z.number().int().min(1).optional(),
  /** `Link` targets as absolute URLs (default) or origin-relative paths; RFC 8288 allows both. */
  linkStyle: z.enum(['absolute', 'relative']).optional(),
  /**
   * Status of a start while the org's job runs (409 by default; the live code is UNCONFIRMED,
   * docs/contracts.md#webexresendactivationemails-unconfirmed-points).
   */
  conflictStatus: z.number().int().min(400).max(499).optional(),
});
export type WebexResendActivationEmailsSimConfig = z.infer<typeof WebexResendActivationEmailsSimConfigSchema>;

/** What the job does with each user of the org, in report order. */
export type SimUserOutcome = 'sent' | 'failed' | 'skipped';

/** The outcome of every user of a new job under `config`. */
export function populationOf(config: WebexResendActivationEmailsSimConfig): SimUserOutcome[] {
  const fail = new Set(config.failUsers ?? DEFAULT_FAIL_USERS);
  const skip = new Set(config.skipUsers ?? DEFAULT_SKIP_USERS);
  return Array.from({ length: config.orgUsers ?? DEFAULT_ORG_USERS }, (_, i) =>
    fail.has(i) ? 'failed' : skip.has(i) ? 'skipped' : 'sent',
  );
}
