import { firstIssue, type FirstIssue } from '../../../helpers/zod-issue';
import { z } from 'zod';
import { MAX_USERS_PER_JOB } from '../../../../src/providers/webex-move-users/limits';
import { WebexMoveUsersInputSchema } from '../../../../src/providers/webex-move-users/input';

const user = (n: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  userId: `user-${n}`,
  locationId: 'loc-a',
  ...extra,
});

const problemOf = (input: unknown): FirstIssue => firstIssue(WebexMoveUsersInputSchema, input);

describe('WebexMoveUsersInputSchema', () => {
  it('accepts users with optional orgId, E.164 numbers, extensions and "" removals', () => {
    const input = {
      orgId: 'org-1',
      users: [user(1, { phoneNumber: '+14155550100' }), user(2, { extension: '', phoneNumber: '' })],
    };
    expect(WebexMoveUsersInputSchema.parse(input).users).toHaveLength(2);
  });

  it('rejects an input without users, naming users', () => {
    expect(problemOf({ users: [] }).message).toContain('users');
  });

  it('rejects a phone number that is not E.164, naming users[1].phoneNumber', () => {
    const err = problemOf({ users: [user(0), user(1, { phoneNumber: '4155550100' })] });
    expect(err.path).toEqual(['users', 1, 'phoneNumber']);
    expect(err.message).toContain('E.164');
  });

  it('rejects an extension of one digit, naming users[0].extension', () => {
    expect(problemOf({ users: [user(0, { extension: '7' })] }).path).toEqual(['users', 0, 'extension']);
  });

  it.each([
    ['a control character', 'user\u0000-1'],
    ['a right-to-left override', 'user\u202e1'],
    ['a zero-width space', 'user\u200b1'],
    ['a BOM that trimming would drop', 'user-1\ufeff'],
    ['inner whitespace', 'user 1'],
    ['a query or fragment', 'user?x=1'],
    ['a percent escape', 'user%2F1'],
    ['a .. segment', 'abc/../def'],
    ['more than 512 characters', 'A'.repeat(513)],
  ])('rejects an id with %s, naming the field', (_what, id) => {
    for (const field of ['userId', 'locationId'] as const) {
      expect(problemOf({ users: [user(0, { [field]: id })] }).path).toEqual(['users', 0, field]);
    }
    expect(problemOf({ orgId: id, users: [user(0)] }).path).toEqual(['orgId']);
  });

  it('accepts standard base64 ids, slashes, pluses and padding included', () => {
    const id = 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9h+b/c==';
    expect(
      WebexMoveUsersInputSchema.safeParse({ orgId: id, users: [user(0, { userId: id, locationId: id })] }).success,
    ).toBe(true);
  });

  it('rejects a duplicate userId, naming the index of the duplicate', () => {
    const err = problemOf({ users: [user(0), user(1), user(2), user(1)] });
    expect(err.path).toEqual(['users', 3, 'userId']);
    expect(err.message).toContain('users[1].userId');
  });

  it('rejects an empty locationId, naming users[0].locationId', () => {
    expect(problemOf({ users: [user(0, { locationId: ' ' })] }).path).toEqual(['users', 0, 'locationId']);
  });

  it('rejects an unknown field of a user, naming it', () => {
    expect(problemOf({ users: [user(0, { phonenumber: '+14155550100' })] }).message).toContain('phonenumber');
  });

  it('rejects more users than the job maximum, naming users', () => {
    const users = Array.from({ length: MAX_USERS_PER_JOB + 1 }, (_, i) => user(i));
    const err = problemOf({ users });
    expect(err.path).toEqual(['users']);
    expect(err.message).toContain(String(MAX_USERS_PER_JOB));
  });

  it('names the path in zod pretty errors too', () => {
    const result = WebexMoveUsersInputSchema.safeParse({ users: [user(0, { phoneNumber: 'x' })] });
    expect(result.success).toBe(false);
    expect(z.prettifyError(result.error!)).toContain('users[0].phoneNumber');
  });
});
