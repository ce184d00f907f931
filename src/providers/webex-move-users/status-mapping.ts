/**
 * Pure mapping of a Move Users job status (docs/contracts.md#webexmoveusers-unconfirmed-points) to the normalized
 * `ProviderJobSnapshot`.
 */
import type { ItemCounts, ProviderJobSnapshot, TerminalState } from '../../domain/job';
import { webexJobTerminalState } from '../webex-jobs/terminal-state';
import type { MoveUsersCounts } from './schemas';

/** The parts of a job status the mapping reads. */
export interface MoveUsersStatusInput {
  readonly latestExecutionStatus: string;
  readonly latestExecutionExitCode?: string | undefined;
  readonly counts?: Partial<MoveUsersCounts> | undefined;
}

// How a paused job reports itself is UNCONFIRMED (docs/contracts.md#webexmoveusers-unconfirmed-points):
// STOPPING/STOPPED with exit UNKNOWN is a Spring-Batch-like inference, so we report it as running + paused rather than
// as a terminal state.
const PAUSED_STATUSES = new Set(['STOPPING', 'STOPPED']);

/** Maps a job status to a snapshot; `batchSize` (users sent) is the total when known. */
export function mapMoveUsersStatus(input: MoveUsersStatusInput, batchSize: number): ProviderJobSnapshot {
  const status = input.latestExecutionStatus;
  const exit = input.latestExecutionExitCode ?? 'UNKNOWN';
  const providerStatus = `${status}/${exit}`;
  const state = terminalStateOf(status, exit, input.counts);
  const counts = countsOf(input.counts, batchSize, exit);
  if (state === undefined) {
    const paused = exit === 'UNKNOWN' && PAUSED_STATUSES.has(status);
    return paused ? { state: 'running', counts, providerStatus, paused } : { state: 'running', counts, providerStatus };
  }
  if (state === 'succeeded') return { state, counts, providerStatus };
  return { state, counts, providerStatus, reason: `Webex move users job ended ${providerStatus}` };
}

/** The terminal state implied by status + exit code, or `undefined` while the job runs (or is paused). */
export function terminalStateOf(
  status: string,
  exit: string,
  counts?: Partial<MoveUsersCounts>,
): TerminalState | undefined {
  return webexJobTerminalState(status, exit, counts?.failed ?? 0);
}

/**
 * total = users sent (else `totalMoves`), succeeded = moved, pending = the rest. Users whose number orders are
 * still pending (`counts.pending`, exit COMPLETED_WITH_PENDING_ORDERS) are counted pending, not succeeded. Counts
 * over the total are passed on as they are (pending below 0): the engine keeps them as a warning and reads the
 * errors pages.
 */
export function countsOf(wire: Partial<MoveUsersCounts> | undefined, batchSize: number, exit: string): ItemCounts {
  const total = batchSize > 0 ? batchSize : (wire?.totalMoves ?? 0);
  const failed = wire?.failed ?? 0;
  const skipped = wire?.skipped ?? 0;
  const moved = wire?.moved ?? 0;
  const pending = total - moved - failed - skipped;
  const pendingOrders = exit === 'COMPLETED_WITH_PENDING_ORDERS' ? (wire?.pending ?? 0) : 0;
  const shift = pending < 0 ? 0 : Math.min(Math.max(0, pendingOrders - pending), moved);
  return { total, succeeded: moved - shift, failed, skipped, pending: pending + shift };
}
