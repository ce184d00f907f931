import { mapMoveUsersStatus } from '../../../../src/providers/webex-move-users/status-mapping';
import {
  MOVE_USERS_EXECUTION_STATUSES,
  MOVE_USERS_EXIT_CODES,
  MOVE_USERS_PAUSE_STATUSES,
} from '../../../../src/providers/webex-move-users/schemas';

const counts = { totalMoves: 10, moved: 6, failed: 2, pending: 0, skipped: 1 };

describe('mapMoveUsersStatus', () => {
  it.each([
    ['STARTING', 'UNKNOWN'],
    ['STARTED', 'UNKNOWN'],
    ['UNKNOWN', 'UNKNOWN'],
    ['STARTED', undefined],
  ])('reports status %s with exit %s as running', (status, exit) => {
    const snapshot = mapMoveUsersStatus({ latestExecutionStatus: status, latestExecutionExitCode: exit, counts }, 10);
    expect(snapshot).toMatchObject({ state: 'running' });
    expect(snapshot).not.toHaveProperty('paused');
  });

  it.each(MOVE_USERS_PAUSE_STATUSES)('reports status %s with exit UNKNOWN as running and paused', (status) => {
    const snapshot = mapMoveUsersStatus({ latestExecutionStatus: status, latestExecutionExitCode: 'UNKNOWN' }, 10);
    expect(snapshot).toMatchObject({ state: 'running', paused: true });
  });

  it.each([
    ['COMPLETED', 'COMPLETED', 'succeeded'],
    ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'partial'],
    ['COMPLETED', 'COMPLETED_WITH_PENDING_ORDERS', 'partial'],
    ['FAILED', 'FAILED', 'failed'],
    ['COMPLETED', 'FAILED', 'failed'],
    ['STOPPED', 'STOPPED', 'cancelled'],
    ['ABANDONED', 'STOPPED', 'cancelled'],
    ['ABANDONED', 'UNKNOWN', 'cancelled'],
    ['FAILED', 'UNKNOWN', 'failed'],
    ['COMPLETED', 'UNKNOWN', 'partial'],
  ])('maps status %s with exit %s to %s', (status, exit, state) => {
    const snapshot = mapMoveUsersStatus({ latestExecutionStatus: status, latestExecutionExitCode: exit, counts }, 10);
    expect(snapshot.state).toBe(state);
  });

  it('maps a COMPLETED status without exit code and without failures to succeeded', () => {
    const snapshot = mapMoveUsersStatus({ latestExecutionStatus: 'COMPLETED', counts: { ...counts, failed: 0 } }, 10);
    expect(snapshot.state).toBe('succeeded');
  });

  it('keeps polling on an undocumented exit code while the status is not terminal', () => {
    const snapshot = mapMoveUsersStatus({ latestExecutionStatus: 'STARTED', latestExecutionExitCode: 'EXECUTING' }, 1);
    expect(snapshot.state).toBe('running');
  });

  it('covers every documented status value with a non-throwing mapping', () => {
    for (const status of MOVE_USERS_EXECUTION_STATUSES) {
      for (const exit of MOVE_USERS_EXIT_CODES) {
        expect(() =>
          mapMoveUsersStatus({ latestExecutionStatus: status, latestExecutionExitCode: exit }, 1),
        ).not.toThrow();
      }
    }
  });

  it('keeps the provider words as providerStatus', () => {
    const snapshot = mapMoveUsersStatus(
      { latestExecutionStatus: 'COMPLETED', latestExecutionExitCode: 'COMPLETED' },
      1,
    );
    expect(snapshot.providerStatus).toBe('COMPLETED/COMPLETED');
  });

  it('gives a reason for a terminal state other than succeeded', () => {
    const snapshot = mapMoveUsersStatus({ latestExecutionStatus: 'FAILED', latestExecutionExitCode: 'FAILED' }, 1);
    expect(snapshot).toMatchObject({ reason: expect.stringContaining('FAILED/FAILED') });
  });

  it('counts moved as succeeded and the rest of the batch as pending', () => {
    const snapshot = mapMoveUsersStatus(
      { latestExecutionStatus: 'STARTED', latestExecutionExitCode: 'UNKNOWN', counts },
      10,
    );
    expect(snapshot.counts).toEqual({ total: 10, succeeded: 6, failed: 2, skipped: 1, pending: 1 });
  });

  it('takes totalMoves as the total when the batch size is unknown', () => {
    const snapshot = mapMoveUsersStatus({ latestExecutionStatus: 'STARTED', counts }, 0);
    expect(snapshot.counts.total).toBe(10);
  });

  it('counts users with pending number orders as pending, not succeeded', () => {
    const wire = { totalMoves: 5, moved: 5, failed: 0, pending: 2, skipped: 0 };
    const input = {
      latestExecutionStatus: 'COMPLETED',
      latestExecutionExitCode: 'COMPLETED_WITH_PENDING_ORDERS',
      counts: wire,
    };
    expect(mapMoveUsersStatus(input, 5).counts).toEqual({ total: 5, succeeded: 3, failed: 0, skipped: 0, pending: 2 });
  });

  it('passes counts over the batch on as they are, for the engine to refuse (1 moved + 1 failed of 1 user)', () => {
    const input = {
      latestExecutionStatus: 'COMPLETED',
      latestExecutionExitCode: 'COMPLETED',
      counts: { moved: 1, failed: 1 },
    };
    expect(mapMoveUsersStatus(input, 1).counts).toEqual({ total: 1, succeeded: 1, failed: 1, skipped: 0, pending: -1 });
  });

  it('reports zero counts when the start answer has none yet', () => {
    const snapshot = mapMoveUsersStatus({ latestExecutionStatus: 'STARTING', latestExecutionExitCode: 'UNKNOWN' }, 3);
    expect(snapshot.counts).toEqual({ total: 3, succeeded: 0, failed: 0, skipped: 0, pending: 3 });
  });
});
