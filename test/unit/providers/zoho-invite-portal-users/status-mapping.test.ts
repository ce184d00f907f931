import {
  itemsFromRecords,
  NOT_REPORTED_CODE,
  recordOutcomeOf,
} from '../../../../src/providers/zoho-invite-portal-users/record-matching';
import { mapPortalInviteJob } from '../../../../src/providers/zoho-invite-portal-users/status-mapping';
import {
  PORTAL_INVITE_JOB_STATUSES,
  PORTAL_INVITE_RECORD_CODES,
  PORTAL_INVITE_RECORD_STATUSES,
  type PortalInviteRecordResult,
} from '../../../../src/providers/zoho-invite-portal-users/schemas';

const ok = (id: string): PortalInviteRecordResult => ({
  details: { id },
  code: 'SUCCESS',
  message: 'An Invite has been sent to the personality.',
  status: 'success',
});
const cannot = (id?: string, message = 'Invalid type for the portal invite'): PortalInviteRecordResult => ({
  details: id === undefined ? {} : { id },
  code: 'CANNOT_PROCESS',
  message,
  status: 'error',
});

describe('mapPortalInviteJob', () => {
  it('covers every documented job status', () => {
    expect(PORTAL_INVITE_JOB_STATUSES).toEqual(['in_progress', 'completed']);
  });

  it('maps in_progress (data null) to running with every record pending', () => {
    expect(mapPortalInviteJob({ status: 'in_progress', data: null }, ['1', '2'])).toEqual({
      state: 'running',
      counts: { total: 2, succeeded: 0, failed: 0, skipped: 0, pending: 2 },
      providerStatus: 'in_progress',
    });
  });

  it('counts nothing for an entry naming a record outside the batch (it is not an outcome of ours)', () => {
    expect(mapPortalInviteJob({ status: 'completed', data: [ok('1'), cannot('999')] }, ['1'])).toEqual({
      state: 'succeeded',
      counts: { total: 1, succeeded: 1, failed: 0, skipped: 0, pending: 0 },
      providerStatus: 'completed',
    });
  });

  it('keeps polling on an undocumented status instead of ending the job', () => {
    expect(mapPortalInviteJob({ status: 'scheduled' }, ['1']).state).toBe('running');
  });

  it('maps completed with every record SUCCESS to succeeded', () => {
    const snapshot = mapPortalInviteJob({ status: 'completed', data: [ok('1'), ok('2')] }, ['1', '2']);
    expect(snapshot).toMatchObject({ state: 'succeeded', counts: { succeeded: 2, failed: 0, pending: 0 } });
  });

  it('maps completed with mixed records to partial', () => {
    const snapshot = mapPortalInviteJob({ status: 'completed', data: [ok('1'), cannot('2')] }, ['1', '2']);
    expect(snapshot).toMatchObject({ state: 'partial', counts: { total: 2, succeeded: 1, failed: 1, pending: 0 } });
  });

  it('maps completed with every record CANNOT_PROCESS to failed, with a reason', () => {
    const snapshot = mapPortalInviteJob({ status: 'completed', data: [cannot('1')] }, ['1']);
    expect(snapshot).toMatchObject({ state: 'failed', reason: expect.stringContaining('without inviting') });
  });

  it('maps completed with no data at all to failed, every record not reported', () => {
    expect(mapPortalInviteJob({ status: 'completed', data: null }, ['1'])).toMatchObject({
      state: 'failed',
      counts: { failed: 1 },
    });
  });
});

describe('recordOutcomeOf', () => {
  it('covers every documented record code and status', () => {
    expect([PORTAL_INVITE_RECORD_CODES, PORTAL_INVITE_RECORD_STATUSES]).toEqual([
      ['SUCCESS', 'CANNOT_PROCESS'],
      ['success', 'error'],
    ]);
  });

  it.each([
    ['SUCCESS', 'success', 'succeeded'],
    ['SUCCESS', undefined, 'succeeded'],
    ['CANNOT_PROCESS', 'error', 'failed'],
    ['CANNOT_PROCESS', undefined, 'failed'],
    ['SUCCESS', 'error', 'failed'],
    ['LICENSE_LIMIT_EXCEEDED', undefined, 'failed'],
  ] as const)('maps code %s with status %s to %s', (code, status, outcome) => {
    expect(recordOutcomeOf(status === undefined ? { code } : { code, status })).toBe(outcome);
  });
});

describe('itemsFromRecords', () => {
  it('matches records by details.id and keeps Zoho code and message for failures', () => {
    const items = itemsFromRecords([cannot('2', 'already invited'), ok('1')], ['1', '2']);
    expect(items).toEqual([
      { ref: '1', outcome: 'succeeded' },
      { ref: '2', outcome: 'failed', code: 'CANNOT_PROCESS', message: 'already invited' },
    ]);
  });

  it('matches an entry with empty details by position when the answer keeps the request order', () => {
    const items = itemsFromRecords([ok('1'), cannot(), ok('3')], ['1', '2', '3']);
    expect(items.map((i) => `${i.ref}:${i.outcome}`)).toEqual(['1:succeeded', '2:failed', '3:succeeded']);
  });

  it('reports entries with empty details as unknown-<n> when neither position nor elimination can place them', () => {
    const items = itemsFromRecords([ok('3'), cannot(), cannot()], ['1', '2', '3']);
    expect(items.map((i) => `${i.ref}:${i.outcome}`)).toEqual(['3:succeeded', 'unknown-1:failed', 'unknown-2:failed']);
  });

  it('places the only entry without an id on the only record left, out of order', () => {
    const items = itemsFromRecords([ok('3'), cannot(), ok('1')], ['1', '2', '3']);
    expect(items.find((i) => i.ref === '2')).toMatchObject({ outcome: 'failed', code: 'CANNOT_PROCESS' });
  });

  it('fails a record the completed job did not mention with NOT_REPORTED', () => {
    expect(itemsFromRecords([ok('1')], ['1', '2'])[1]).toMatchObject({
      ref: '2',
      outcome: 'failed',
      code: NOT_REPORTED_CODE,
    });
  });

  it('keeps a record for another id under that id, leaving ours pending rather than guessing', () => {
    const items = itemsFromRecords([ok('1'), ok('99')], ['1', '2']);
    expect(items).toEqual([
      { ref: '1', outcome: 'succeeded' },
      { ref: '99', outcome: 'succeeded' },
    ]);
  });

  it('reports a second entry for the same record as unknown-<n>, never two items with one ref', () => {
    const items = itemsFromRecords([ok('1'), cannot('1')], ['1']);
    expect(items.map((i) => `${i.ref}:${i.outcome}`)).toEqual(['1:succeeded', 'unknown-1:failed']);
  });
});
