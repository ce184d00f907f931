/**
 * Pure mapping of an activation-email job status (docs/contracts.md#webexresendactivationemails-status-vocabulary) to
 * the normalized `ProviderJobSnapshot`.
 */
import type { ItemCounts, ProviderJobSnapshot, TerminalState } from '../../domain/job';
import { webexJobTerminalState } from '../webex-jobs/terminal-state';
import type { ActivationEmailsCounts } from './schemas';

/** The parts of a job status the mapping reads. */
export interface ActivationEmailsStatusInput {
  readonly latestExecutionStatus: string;
  readonly latestExecutionExitCode?: string | undefined;
  readonly counts?: Partial<ActivationEmailsCounts> | undefined;
}

/** Maps a job status to a snapshot whose counts are the org's (the batch carries no items). */
export function mapActivationEmailsStatus(input: ActivationEmailsStatusInput): ProviderJobSnapshot {
  const status = input.latestExecutionStatus;
  const exit = input.latestExecutionExitCode ?? 'UNKNOWN';
  const providerStatus = `${status}/${exit}`;
  const counts = countsOf(input.counts);
  const state = terminalStateOf(status, exit, counts);
  if (state === undefined) return { state: 'running', counts, providerStatus };
  if (state === 'succeeded') return { state, counts, providerStatus };
  return { state, counts, providerStatus, reason: `Webex activation email resend job ended ${providerStatus}` };
}

/** The terminal state of the job, or `undefined` while it runs (shared Webex job vocabulary). */
export function terminalStateOf(status: string, exit: string, counts: ItemCounts): TerminalState | undefined {
  return webexJobTerminalState(status, exit, counts.failed);
}

/**
 * total = `totalUsers`, succeeded = sent, failed, skipped (already invited in the last 24 hours), pending = the
 * rest. `totalUsers` is 0 until the job's report step has listed the org's users (nothing is sent before). More
 * outcomes than `totalUsers` are passed on as they are (pending below 0): the engine keeps them as a warning.
 */
export function countsOf(wire: Partial<ActivationEmailsCounts> | undefined): ItemCounts {
  const succeeded = wire?.userResendInviteSent ?? 0;
  const failed = wire?.userResendInviteFailed ?? 0;
  const skipped = wire?.userResendInviteSkipped ?? 0;
  const total = wire?.totalUsers ?? 0;
  return { total, succeeded, failed, skipped, pending: total - succeeded - failed - skipped };
}
