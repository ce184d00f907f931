import { firstIssue, type FirstIssue } from '../../../helpers/zod-issue';
import { MAX_INVITES_PER_JOB } from '../../../../src/providers/zoho-invite-portal-users/limits';
import { ZohoInvitePortalUsersInputSchema } from '../../../../src/providers/zoho-invite-portal-users/input';

const invite = (n: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: `50209280000021210${String(n).padStart(2, '0')}`,
  userTypeId: '5020928000000523003',
  type: 'invite',
  ...extra,
});
const input = (invites: unknown[], extra: Record<string, unknown> = {}): unknown => ({
  module: 'Contacts',
  invites,
  ...extra,
});

const problemOf = (value: unknown): FirstIssue => firstIssue(ZohoInvitePortalUsersInputSchema, value);

describe('ZohoInvitePortalUsersInputSchema', () => {
  it('accepts invites and re-invites with an optional language, defaulting apiVersion to v8', () => {
    const parsed = ZohoInvitePortalUsersInputSchema.parse(
      input([invite(1, { language: 'de_DE' }), invite(2, { type: 'reinvite' })]),
    );
    expect(parsed.apiVersion).toBe('v8');
    expect(parsed.invites.map((i) => i.type)).toEqual(['invite', 'reinvite']);
  });

  it('keeps record ids digit for digit', () => {
    const parsed = ZohoInvitePortalUsersInputSchema.parse(input([invite(0, { id: '9223372036854775807' })]));
    expect(parsed.invites[0]?.id).toBe('9223372036854775807');
  });

  it('rejects an unknown type, naming invites[2].type', () => {
    const err = problemOf(input([invite(0), invite(1), invite(2, { type: 'resend' })]));
    expect(err.path).toEqual(['invites', 2, 'type']);
    expect(err.message).toContain('invite');
  });

  it('rejects a record id given as a number, naming invites[0].id and why', () => {
    const err = problemOf(input([invite(0, { id: 5020928000002121016 })]));
    expect(err.path).toEqual(['invites', 0, 'id']);
    expect(err.message).toContain('2^53');
  });

  it.each([
    ['letters', 'abc123'],
    ['an empty string', ''],
    ['20 digits', '12345678901234567890'],
  ])('rejects a record id of %s, naming invites[1].id', (_what, id) => {
    expect(problemOf(input([invite(0), invite(1, { id })])).path).toEqual(['invites', 1, 'id']);
  });

  it('rejects a userTypeId that is not digits, naming invites[0].userTypeId', () => {
    expect(problemOf(input([invite(0, { userTypeId: 'portal-1' })])).path).toEqual(['invites', 0, 'userTypeId']);
  });

  it('rejects a language not shaped like en_US, naming invites[0].language', () => {
    expect(problemOf(input([invite(0, { language: 'english' })])).path).toEqual(['invites', 0, 'language']);
  });

  it('rejects a duplicate record id, naming the duplicate and the first', () => {
    const err = problemOf(input([invite(0), invite(1), invite(2), invite(1)]));
    expect(err.path).toEqual(['invites', 3, 'id']);
    expect(err.message).toContain('invites[1].id');
  });

  it.each([
    ['empty', ''],
    ['with a space', 'My Contacts'],
    ['starting with a digit', '1Contacts'],
  ])('rejects a module %s, naming module', (_what, module) => {
    expect(problemOf(input([invite(0)], { module })).path).toEqual(['module']);
  });

  it('rejects an undocumented apiVersion, naming apiVersion', () => {
    expect(problemOf(input([invite(0)], { apiVersion: 'v3' })).path).toEqual(['apiVersion']);
  });

  it('rejects an input without invites, naming invites', () => {
    expect(problemOf(input([])).path).toEqual(['invites']);
  });

  it('rejects more invites than the job maximum, naming invites', () => {
    const many = Array.from({ length: MAX_INVITES_PER_JOB + 1 }, () => invite(0));
    expect(problemOf(input(many)).path).toEqual(['invites']);
  });

  it('rejects an unknown field of an invite, naming it', () => {
    expect(problemOf(input([invite(0, { user_type_id: '1' })])).message).toContain('user_type_id');
  });
});
