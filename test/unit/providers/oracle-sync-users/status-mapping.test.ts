import { mapSyncUsersStatus, ORACLE_STATUS_ANSWERS } from '../../../../src/providers/oracle-sync-users/status-mapping';
import type { UserDataStoreRequest, UserDataStoreResult } from '../../../../src/providers/oracle-sync-users/schemas';

const request: UserDataStoreRequest = {
  added: [{ loginId: 'A1' }, { loginId: 'A2' }],
  modified: [{ loginId: 'M1' }],
  deleted: ['D1'],
};
const ok = (loginId: string, statusInfo = 'User created') => ({ loginId, statusInfo, statusInfoOK: true });

describe('mapSyncUsersStatus', () => {
  it('maps the whole status vocabulary: 202 → running, 200 → done', () => {
    expect(ORACLE_STATUS_ANSWERS).toEqual({ 202: 'running', 200: 'done' });
    expect(mapSyncUsersStatus(202, request, undefined).snapshot.state).toBe('running');
    const done: UserDataStoreResult = { added: [ok('A1'), ok('A2')], modified: [ok('M1', 'User updated')] };
    expect(mapSyncUsersStatus(200, request, done).snapshot.state).not.toBe('running');
  });

  it('reports a 202 without a readable body as running with every user pending', () => {
    expect(mapSyncUsersStatus(202, request, undefined).snapshot).toEqual({
      state: 'running',
      counts: { total: 4, succeeded: 0, failed: 0, skipped: 0, pending: 4 },
      providerStatus: 'HTTP 202 (running)',
    });
  });

  it('counts progress from the processed users of a 202 body, never failing unprocessed ones', () => {
    const running: UserDataStoreResult = {
      added: [ok('A1'), { loginId: 'A2', statusInfo: 'User creation failed: x', statusInfoOK: false }],
      modified: [{ loginId: 'M1', processed: false }],
      exception: 'IDM_DOWN',
    };
    expect(mapSyncUsersStatus(202, request, running).snapshot.counts).toEqual({
      total: 4,
      succeeded: 1,
      failed: 1,
      skipped: 0,
      pending: 2,
    });
  });

  it('maps a 200 where every user succeeded to succeeded, with no reason', () => {
    const done: UserDataStoreResult = { added: [ok('A1'), ok('A2')], modified: [ok('M1')], deleted: ['D1'] };
    expect(mapSyncUsersStatus(200, request, done).snapshot).toEqual({
      state: 'succeeded',
      counts: { total: 4, succeeded: 4, failed: 0, skipped: 0, pending: 0 },
      providerStatus: 'HTTP 200 (done)',
    });
  });

  it('maps a 200 with some failures to partial, saying how many failed', () => {
    const done: UserDataStoreResult = { added: [ok('A1'), ok('A2')], modified: [ok('M1')], deleteFailed: ['D1'] };
    expect(mapSyncUsersStatus(200, request, done).snapshot).toMatchObject({
      state: 'partial',
      counts: { succeeded: 3, failed: 1 },
      reason: 'Oracle user job ended with 1 of 4 users failed',
    });
  });

  it('maps a 200 with a job exception and no user result to failed, naming the exception', () => {
    const { snapshot, outcomes } = mapSyncUsersStatus(200, request, { exception: 'IDM_UNAVAILABLE' });
    expect(snapshot).toMatchObject({ state: 'failed', counts: { failed: 4 } });
    expect(snapshot.state !== 'running' && snapshot.reason).toContain('job exception IDM_UNAVAILABLE');
    expect(outcomes?.items.every((i) => i.code === 'IDM_UNAVAILABLE')).toBe(true);
  });

  it('leaves users missing from a 200 echo pending (unreported) and the job partial', () => {
    const done: UserDataStoreResult = { added: [ok('A1')], modified: [ok('M1')], deleted: ['D1'] };
    const { snapshot, outcomes } = mapSyncUsersStatus(200, request, done);
    expect(snapshot).toMatchObject({ state: 'partial', counts: { succeeded: 3, pending: 1 } });
    expect(outcomes?.unreported).toEqual(['A2']);
  });
});
