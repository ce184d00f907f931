import { saysFailed, strangerRows, userOutcomesOf } from '../../../../src/providers/oracle-sync-users/user-outcomes';
import type { UserDataStoreRequest, UserDataStoreResult } from '../../../../src/providers/oracle-sync-users/schemas';

const upsert = (result: UserDataStoreResult['added'], list: 'added' | 'modified' = 'added') =>
  userOutcomesOf({ [list]: [{ loginId: 'U1' }] }, { [list]: result }, true).items[0];

describe('userOutcomesOf (final job result)', () => {
  it('marks a user with statusInfoOK true as succeeded, keeping statusInfo as the message', () => {
    expect(upsert([{ loginId: 'U1', statusInfo: 'User created', statusInfoOK: true }])).toEqual({
      ref: 'U1',
      outcome: 'succeeded',
      message: 'User created',
    });
  });

  it('marks a user with statusInfoOK false as failed with its statusInfo', () => {
    const info = 'User creation failed: duplicate email';
    expect(upsert([{ loginId: 'U1', statusInfo: info, statusInfoOK: false }])).toEqual({
      ref: 'U1',
      outcome: 'failed',
      code: 'ADD_FAILED',
      message: info,
    });
  });

  it('marks "User created, but Application Access failed" as failed even with statusInfoOK true', () => {
    const info = 'User created, but Application Access failed';
    expect(upsert([{ loginId: 'U1', statusInfo: info, statusInfoOK: true }])).toMatchObject({
      outcome: 'failed',
      message: info,
    });
  });

  it('uses MODIFY_FAILED for a modified user', () => {
    const result = [{ loginId: 'U1', statusInfoOK: false }];
    expect(upsert(result, 'modified')).toMatchObject({ code: 'MODIFY_FAILED', message: 'statusInfoOK is false' });
  });

  it('fails a user reported processed: false with NOT_PROCESSED', () => {
    expect(upsert([{ loginId: 'U1', processed: false }])).toMatchObject({ outcome: 'failed', code: 'NOT_PROCESSED' });
  });

  it('treats a user echoed with no result fields and no exception as succeeded', () => {
    expect(upsert([{ loginId: 'U1', firstName: 'J' }])).toEqual({ ref: 'U1', outcome: 'succeeded' });
  });

  it('matches the echo case-insensitively and through updatedIdMap', () => {
    const request: UserDataStoreRequest = { added: [{ loginId: 'jsmith' }], modified: [{ loginId: 'OLD' }] };
    const result: UserDataStoreResult = {
      added: [{ loginId: 'JSMITH', statusInfoOK: false }],
      modified: [{ loginId: 'NEW', statusInfoOK: true }],
      updatedIdMap: { OLD: 'NEW' },
    };
    const outcomes = userOutcomesOf(request, result, true);
    expect(outcomes.items.map((i) => `${i.ref}:${i.outcome}`)).toEqual(['jsmith:failed', 'OLD:succeeded']);
    expect(outcomes.strangers).toEqual([]);
  });

  it('reports echoed users that were not requested as strangers, not as items', () => {
    const outcomes = userOutcomesOf(
      { added: [{ loginId: 'U1' }] },
      { added: [{ loginId: 'U1' }, { loginId: 'X' }] },
      true,
    );
    expect(outcomes.items.map((i) => i.ref)).toEqual(['U1']);
    expect(outcomes.strangers).toEqual(['X']);
  });

  it('reads what the echo says about strangers as rows, without the job exception (for the engine to warn about)', () => {
    const result: UserDataStoreResult = {
      added: [{ loginId: 'U1' }, { loginId: 'X', statusInfoOK: false, statusInfo: 'duplicate' }],
      deleteFailed: ['Y'],
      exception: 'USER_JOB_FAILED',
    };
    expect(strangerRows(result, ['X', 'Y'])).toEqual([
      { ref: 'X', outcome: 'failed', code: 'ADD_FAILED', message: 'duplicate' },
      { ref: 'Y', outcome: 'failed', code: 'DELETE_FAILED', message: 'Oracle could not delete the user' },
    ]);
  });

  it('is not fooled by a login id named like an Object property', () => {
    const outcomes = userOutcomesOf({ added: [{ loginId: 'constructor' }] }, { added: [], updatedIdMap: {} }, true);
    expect(outcomes.unreported).toEqual(['constructor']);
  });
});

describe('userOutcomesOf deletes and job exceptions', () => {
  const request: UserDataStoreRequest = { added: [{ loginId: 'A1' }, { loginId: 'A2' }], deleted: ['D1', 'D2'] };

  it('fails deletes listed in deleteFailed (objects or bare ids) and succeeds the others', () => {
    const result: UserDataStoreResult = {
      added: [
        { loginId: 'A1', statusInfoOK: true },
        { loginId: 'A2', statusInfoOK: true },
      ],
      deleteFailed: [{ loginId: 'D1', statusInfo: 'User D1 not found' }],
    };
    expect(userOutcomesOf(request, result, true).items.slice(2)).toEqual([
      { ref: 'D1', outcome: 'failed', code: 'DELETE_FAILED', message: 'User D1 not found' },
      { ref: 'D2', outcome: 'succeeded' },
    ]);
    const bare = userOutcomesOf(request, { ...result, deleteFailed: ['D2'] }, true).items[3];
    expect(bare).toMatchObject({ ref: 'D2', outcome: 'failed', code: 'DELETE_FAILED' });
  });

  it('fails the users without their own result with the job exception key and message', () => {
    const result: UserDataStoreResult = {
      added: [{ loginId: 'A1', statusInfo: 'User created', statusInfoOK: true }, { loginId: 'A2' }],
      exception: 'IDM_ERROR_042',
      message: 'Identity store unavailable',
    };
    expect(userOutcomesOf(request, result, true).items.map((i) => [i.ref, i.outcome, i.code, i.message])).toEqual([
      ['A1', 'succeeded', undefined, 'User created'],
      ['A2', 'failed', 'IDM_ERROR_042', 'Identity store unavailable'],
      ['D1', 'failed', 'IDM_ERROR_042', 'Identity store unavailable'],
      ['D2', 'failed', 'IDM_ERROR_042', 'Identity store unavailable'],
    ]);
  });

  it('uses JOB_EXCEPTION as the code when the exception is a sentence', () => {
    const result: UserDataStoreResult = { exception: 'Unexpected error while provisioning users' };
    expect(userOutcomesOf(request, result, true).items[0]).toMatchObject({
      code: 'JOB_EXCEPTION',
      message: 'Unexpected error while provisioning users',
    });
  });

  it('ignores the exception and unprocessed deletes while the job still runs', () => {
    const result: UserDataStoreResult = { added: [{ loginId: 'A1', processed: false }], exception: 'X' };
    expect(userOutcomesOf(request, result, false)).toEqual({
      items: [],
      unreported: ['A1', 'A2', 'D1', 'D2'],
      strangers: [],
    });
  });
});

describe('saysFailed', () => {
  it.each([
    ['User created, but Application Access failed', true],
    ['User creation failed: rejected', true],
    ['Failure while provisioning', true],
    ['Error: invalid company', true],
    ['Unable to send the welcome e-mail', true],
    ['User created', false],
    ['User updated with no errors', false],
    ['Completed without failures', false],
  ])('%s → %s', (info, failed) => {
    expect(saysFailed(info)).toBe(failed);
  });
});
