import { firstIssue, type FirstIssue } from '../../../helpers/zod-issue';
import { MAX_USERS_PER_JOB } from '../../../../src/providers/oracle-sync-users/limits';
import { OracleSyncUsersInputSchema } from '../../../../src/providers/oracle-sync-users/input';
import { user } from './sim-context';

const problemOf = (input: unknown): FirstIssue => firstIssue(OracleSyncUsersInputSchema, input);

describe('OracleSyncUsersInputSchema', () => {
  it('accepts added, modified and deleted users with the optional UserRO fields', () => {
    const input = {
      added: [user('A1', { middleName: 'Q', startDate: '2026-01-01T00:00:00Z', admin: false })],
      modified: [user('M1', { roles: [{ name: 'P6', userAccessType: 'FULL' }], locked: false })],
      deleted: ['D1'],
    };
    expect(OracleSyncUsersInputSchema.parse(input)).toEqual(input);
  });

  it('accepts deletes alone', () => {
    expect(OracleSyncUsersInputSchema.parse({ deleted: ['D1', 'D2'] }).deleted).toEqual(['D1', 'D2']);
  });

  it('rejects an input with no user in any list, naming the input', () => {
    const err = problemOf({ added: [], deleted: [] });
    expect(err.path).toEqual([]);
    expect(err.message).toContain('at least one of added, modified, deleted');
  });

  it('rejects an unknown top-level key, naming it', () => {
    expect(problemOf({ deleted: ['D1'], removed: ['x'] }).message).toContain('removed');
  });

  it('rejects an invalid e-mail address, naming added[2].emailAddress', () => {
    const err = problemOf({ added: [user('A0'), user('A1'), user('A2', { emailAddress: 'not-an-email' })] });
    expect(err.path).toEqual(['added', 2, 'emailAddress']);
    expect(err.message).toContain('emailAddress');
  });

  it.each([
    ['loginId', ['modified', 0, 'loginId'], { loginId: ' ' }],
    ['firstName', ['modified', 0, 'firstName'], { firstName: '' }],
    ['lastName', ['modified', 0, 'lastName'], { lastName: undefined }],
    ['disabled', ['modified', 0, 'disabled'], { disabled: 'no' }],
    ['organization', ['modified', 0, 'organization'], { organization: undefined }],
    ['organization.name', ['modified', 0, 'organization', 'name'], { organization: { type: 'Company' } }],
    ['roles[].name', ['modified', 0, 'roles', 0, 'name'], { roles: [{ displayName: 'x' }] }],
    ['startDate', ['modified', 0, 'startDate'], { startDate: '31/01/2026' }],
  ])('rejects a bad %s, naming %j', (_what, path, extra) => {
    expect(problemOf({ modified: [{ ...user('M0'), ...extra }] }).path).toEqual(path);
  });

  it("accepts a user without disabled, as Oracle's own example sends it, and keeps it absent", () => {
    const { disabled: _omitted, ...withoutDisabled } = user('A0');
    expect(OracleSyncUsersInputSchema.parse({ added: [withoutDisabled] }).added?.[0]).not.toHaveProperty('disabled');
  });

  it.each([
    ['a control character', 'JSMITH\u0000'],
    ['a zero-width space', 'J\u200bSMITH'],
    ['inner whitespace', 'J SMITH'],
    ['a path separator', 'corp/jsmith'],
    ['a percent escape', 'j%2fsmith'],
    ['more than 255 characters', 'J'.repeat(256)],
  ])('rejects a login id with %s, to add or to delete, naming it', (_what, id) => {
    expect(problemOf({ added: [user(id)] }).path).toEqual(['added', 0, 'loginId']);
    expect(problemOf({ deleted: [id] }).path).toEqual(['deleted', 0]);
  });

  it('accepts login ids with dots, dashes, underscores and @', () => {
    expect(
      OracleSyncUsersInputSchema.safeParse({ deleted: ['j.smith', 'j-smith_2', 'jsmith@corp.example'] }).success,
    ).toBe(true);
  });

  it.each([
    ['firstName', ['added', 0, 'firstName']],
    ['middleName', ['added', 0, 'middleName']],
  ] as const)(
    'rejects a %s over 1000 characters or with a control character, and takes any printable name',
    (field, path) => {
      expect(problemOf({ added: [user('A0', { [field]: 'x'.repeat(1_001) })] }).path).toEqual(path);
      expect(problemOf({ added: [user('A0', { [field]: 'Ada\u001b[2J' })] }).path).toEqual(path);
      expect(
        OracleSyncUsersInputSchema.safeParse({ added: [user('A0', { [field]: 'Zoë-Ødegård 山田 (ext.)' })] }).success,
      ).toBe(true);
    },
  );

  it('rejects a read-only or unknown user field (statusInfo), naming it', () => {
    expect(problemOf({ added: [{ ...user('A0'), statusInfo: 'x' }] }).message).toContain('statusInfo');
  });

  it('refuses a password, which would be kept in workflow history', () => {
    expect(problemOf({ added: [{ ...user('A0'), password: 'secret' }] }).message).toContain('password');
  });

  it('rejects an empty login id to delete, naming deleted[1]', () => {
    expect(problemOf({ deleted: ['D0', ''] }).path).toEqual(['deleted', 1]);
  });

  it('rejects a login id that appears in two lists, naming the second and the first', () => {
    const err = problemOf({ added: [user('JSMITH')], deleted: ['D0', 'jsmith'] });
    expect(err.path).toEqual(['deleted', 1]);
    expect(err.message).toContain('added[0].loginId');
  });

  it('rejects the same login id twice in one list', () => {
    expect(problemOf({ modified: [user('M0'), user('M1'), user('M0')] }).path).toEqual(['modified', 2, 'loginId']);
  });

  it('rejects more users than the job maximum, naming the list', () => {
    const deleted = Array.from({ length: MAX_USERS_PER_JOB + 1 }, (_, i) => `D${i}`);
    expect(problemOf({ deleted }).path).toEqual(['deleted']);
  });
});
