import {
  ACTIVATION_EMAILS_EXECUTION_STATUSES,
  ACTIVATION_EMAILS_EXIT_CODES,
} from '../../../../src/providers/webex-resend-activation-emails/schemas';
import {
  countsOf,
  mapActivationEmailsStatus,
} from '../../../../src/providers/webex-resend-activation-emails/status-mapping';

const counts = { totalUsers: 10, userResendInviteSent: 6, userResendInviteFailed: 2, userResendInviteSkipped: 1 };

describe('mapActivationEmailsStatus', () => {
  it.each([
    ['STARTING', 'UNKNOWN'],
    ['STARTED', 'UNKNOWN'],
    ['STOPPING', 'UNKNOWN'],
    ['UNKNOWN', 'UNKNOWN'],
    ['STARTED', undefined],
  ])('reports status %s with exit %s as running', (status, exit) => {
    const snapshot = mapActivationEmailsStatus({
      latestExecutionStatus: status,
      latestExecutionExitCode: exit,
      counts,
    });
    expect(snapshot).toEqual({
      state: 'running',
      providerStatus: `${status}/${exit ?? 'UNKNOWN'}`,
      counts: { total: 10, succeeded: 6, failed: 2, skipped: 1, pending: 1 },
    });
  });

  it.each([
    ['COMPLETED', 'COMPLETED', 'succeeded'],
    ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'partial'],
    ['FAILED', 'FAILED', 'failed'],
    ['COMPLETED', 'FAILED', 'failed'],
    ['FAILED', 'UNKNOWN', 'failed'],
    ['ABANDONED', 'STOPPED', 'cancelled'],
    ['ABANDONED', 'UNKNOWN', 'cancelled'],
    ['STOPPING', 'STOPPED', 'cancelled'],
    ['COMPLETED', 'UNKNOWN', 'partial'],
  ])('maps status %s with exit %s to %s', (status, exit, state) => {
    const snapshot = mapActivationEmailsStatus({
      latestExecutionStatus: status,
      latestExecutionExitCode: exit,
      counts,
    });
    expect(snapshot.state).toBe(state);
  });

  it('maps a COMPLETED status without exit code and without failures to succeeded', () => {
    const noFailures = { ...counts, userResendInviteFailed: 0 };
    expect(mapActivationEmailsStatus({ latestExecutionStatus: 'COMPLETED', counts: noFailures }).state).toBe(
      'succeeded',
    );
  });

  it.each([
    ['an undocumented status', 'PAUSED', 'UNKNOWN'],
    ['an undocumented exit code', 'STARTED', 'EXECUTING'],
  ])('keeps polling on %s instead of failing', (_what, status, exit) => {
    const snapshot = mapActivationEmailsStatus({
      latestExecutionStatus: status,
      latestExecutionExitCode: exit,
      counts,
    });
    expect(snapshot.state).toBe('running');
  });

  it('covers every documented status and exit code with a non-throwing mapping', () => {
    for (const status of ACTIVATION_EMAILS_EXECUTION_STATUSES) {
      for (const exit of ACTIVATION_EMAILS_EXIT_CODES) {
        expect(() =>
          mapActivationEmailsStatus({ latestExecutionStatus: status, latestExecutionExitCode: exit }),
        ).not.toThrow();
      }
    }
  });

  it('gives a reason naming the provider words for a terminal state other than succeeded', () => {
    const snapshot = mapActivationEmailsStatus({ latestExecutionStatus: 'FAILED', latestExecutionExitCode: 'FAILED' });
    expect(snapshot).toMatchObject({ reason: expect.stringContaining('FAILED/FAILED') });
  });

  it('gives no reason for succeeded', () => {
    const snapshot = mapActivationEmailsStatus({
      latestExecutionStatus: 'COMPLETED',
      latestExecutionExitCode: 'COMPLETED',
    });
    expect(snapshot).not.toHaveProperty('reason');
  });
});

describe('countsOf', () => {
  it('maps sent, failed and skipped and counts the rest of totalUsers as pending', () => {
    expect(countsOf(counts)).toEqual({ total: 10, succeeded: 6, failed: 2, skipped: 1, pending: 1 });
  });

  it('reports zero counts before the report step has listed any user', () => {
    expect(countsOf(undefined)).toEqual({ total: 0, succeeded: 0, failed: 0, skipped: 0, pending: 0 });
  });

  it('passes outcomes exceeding totalUsers on as they are, for the engine to refuse (nothing clamped away)', () => {
    const odd = { totalUsers: 2, userResendInviteSent: 2, userResendInviteFailed: 1, userResendInviteSkipped: 0 };
    expect(countsOf(odd)).toEqual({ total: 2, succeeded: 2, failed: 1, skipped: 0, pending: -1 });
  });
});
