import { firstIssue, type FirstIssue } from '../../../helpers/zod-issue';
import { MAX_USERS_PER_JOB } from '../../../../src/providers/fullstory-import-users/limits';
import { FullStoryImportUsersInputSchema } from '../../../../src/providers/fullstory-import-users/input';

const user = (n: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  uid: `user-${n}`,
  ...extra,
});

const problemOf = (input: unknown): FirstIssue => firstIssue(FullStoryImportUsersInputSchema, input);

/** The problem of a single user `extra`, placed at index 1. */
const problemOfUser = (extra: Record<string, unknown>): FirstIssue =>
  problemOf({ users: [user(0), { ...user(1), ...extra }] });

describe('FullStoryImportUsersInputSchema', () => {
  it('accepts every documented field, nested and dotted property names included', () => {
    const full = user(1, {
      id: 'fs-1',
      display_name: 'Daniel Falko',
      email: 'daniel.falko@example.com',
      properties: { pricing_plan: 'paid', popup_help: true, total_spent: 14.55, address: { city_name: 'Atlanta' } },
      schema: { properties: { total_spent: 'real' } },
    });
    const dotted = user(2, { properties: { 'plan.tier': 'gold' } });
    expect(FullStoryImportUsersInputSchema.parse({ users: [full, dotted] }).users).toHaveLength(2);
  });

  it('rejects an input without users, naming users', () => {
    expect(problemOf({ users: [] }).path).toEqual(['users']);
  });

  it('rejects a user without uid, naming users[1].uid', () => {
    const err = problemOf({ users: [user(0), { email: 'a@example.com' }] });
    expect([err.path, err.message]).toEqual([['users', 1, 'uid'], 'uid is required']);
  });

  it.each([
    ['a blank uid', { uid: '   ' }, ['users', 1, 'uid']],
    ['a uid over 256 characters', { uid: 'u'.repeat(257) }, ['users', 1, 'uid']],
    ['a display_name over 256 characters', { display_name: 'd'.repeat(257) }, ['users', 1, 'display_name']],
    ['an invalid e-mail', { email: 'not-an-email' }, ['users', 1, 'email']],
    ['an e-mail over 128 characters', { email: `${'a'.repeat(120)}@example.com` }, ['users', 1, 'email']],
    ['an empty id', { id: '' }, ['users', 1, 'id']],
    ['properties that are not an object', { properties: ['a'] }, ['users', 1, 'properties']],
    ['a schema that is not an object', { schema: 'int' }, ['users', 1, 'schema']],
  ])('rejects %s, naming %s', (_what, extra, path) => {
    expect(problemOfUser(extra).path).toEqual(path);
  });

  it('rejects a property name starting with a digit, naming the property', () => {
    const err = problemOfUser({ properties: { '1st_plan': 'x' } });
    expect(err.path).toEqual(['users', 1, 'properties', '1st_plan']);
    expect(err.message).toContain('must start with a letter');
  });

  it('rejects an invalid name inside a nested object, naming the nested path', () => {
    expect(problemOfUser({ properties: { address: { 'zip-code': '30301' } } }).path).toEqual([
      'users',
      1,
      'properties',
      'address',
      'zip-code',
    ]);
  });

  it('rejects a dotted full name over 512 characters', () => {
    const deep = { a: { [`b${'x'.repeat(511)}`]: 1 } };
    expect(problemOfUser({ properties: deep }).message).toContain('512');
  });

  it('rejects more than 500 properties (nested leaves counted), naming properties', () => {
    const many = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`p${i}`, { a: 1, b: 2 }]));
    const err = problemOfUser({ properties: { ...many, extra: 1 } });
    expect([err.path, err.message]).toEqual([['users', 1, 'properties'], 'at most 500 properties allowed, got 501']);
  });

  it('accepts a value of exactly 8192 bytes and rejects one byte more', () => {
    expect(
      FullStoryImportUsersInputSchema.safeParse({ users: [user(0, { properties: { s: 'x'.repeat(8192) } })] }).success,
    ).toBe(true);
    expect(problemOfUser({ properties: { s: 'x'.repeat(8193) } }).path).toEqual(['users', 1, 'properties', 's']);
  });

  it('measures non-string values by their JSON serialization', () => {
    const list = Array.from({ length: 2000 }, () => 'abc');
    expect(problemOfUser({ properties: { tags: list } }).message).toContain('8192');
  });

  it('rejects a duplicate uid, naming the index of the duplicate and of the first', () => {
    const err = problemOf({ users: [user(0), user(1), user(2), user(1)] });
    expect(err.path).toEqual(['users', 3, 'uid']);
    expect(err.message).toContain('users[1].uid');
  });

  it.each([
    ['uid', 'user\u0000'],
    ['uid', 'user\u200b'],
    ['id', 'fs\u202e1'],
    ['display_name', 'Ada\u001b[31m'],
    ['display_name', 'x'.repeat(257)],
    ['id', 'i'.repeat(257)],
  ])('rejects a %s of %j, naming it', (field, value) => {
    expect(problemOf({ users: [{ uid: 'u1', [field]: value }] }).path).toEqual(['users', 0, field]);
  });

  it('takes any printable uid and display name, spaces and URL characters included', () => {
    const input = { users: [{ uid: 'auth0|abc def/%?#', display_name: 'Zoë 👩🏽\u200d💻' }] };
    expect(FullStoryImportUsersInputSchema.safeParse(input).success).toBe(true);
  });

  it('rejects a schema over 64 KiB, naming it', () => {
    const schema = { notes: 'str'.repeat(30_000) };
    expect(problemOf({ users: [{ uid: 'u1', schema }] }).path).toEqual(['users', 0, 'schema']);
  });

  it('rejects an unknown field of a user, naming it', () => {
    expect(problemOfUser({ displayName: 'x' }).message).toContain('displayName');
  });

  it('rejects more users than the job maximum, naming users', () => {
    const many = Array.from({ length: MAX_USERS_PER_JOB + 1 }, (_, i) => ({ uid: `u${i}` }));
    const err = problemOf({ users: many });
    expect(err.path).toEqual(['users']);
    expect(err.message).toContain(String(MAX_USERS_PER_JOB));
  });
});
