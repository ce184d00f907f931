/**
 * The execution vocabulary Webex's bulk jobs share (docs/contracts.md#webexmoveusers-status-vocabulary and
 * docs/contracts.md#webexresendactivationemails-status-vocabulary): a status plus an exit code. ABANDONED / exit
 * STOPPED → cancelled, FAILED → failed, exit COMPLETED → succeeded, COMPLETED_WITH_ERRORS /
 * COMPLETED_WITH_PENDING_ORDERS → partial. STARTING, STARTED, STOPPING, UNKNOWN and any undocumented value keep us
 * polling: a new word from Webex must not end a job early.
 */
import type { TerminalState } from '../../domain/job';

/** The terminal state implied by status + exit code, or `undefined` while the job runs. */
export function webexJobTerminalState(status: string, exit: string, failed: number): TerminalState | undefined {
  if (status === 'ABANDONED') return 'cancelled';
  if (status === 'FAILED') return 'failed';
  switch (exit) {
    case 'COMPLETED':
      return 'succeeded';
    case 'COMPLETED_WITH_ERRORS':
    case 'COMPLETED_WITH_PENDING_ORDERS':
      return 'partial';
    case 'FAILED':
      return 'failed';
    case 'STOPPED':
      return 'cancelled';
    default:
      // UNKNOWN (in progress) or an undocumented exit code: trust a terminal status, else keep polling.
      if (status !== 'COMPLETED') return undefined;
      return failed > 0 ? 'partial' : 'succeeded';
  }
}
