/** Edge validation of start requests, for any registered operation, through the registry's input schemas. */
import { validateBulkJobRequest } from '../../../src/client/validate-request';
import type { RequestValidationError } from '../../../src/client/errors';
import { hasErrorName } from '../../../src/domain/errors';
import { createFakeOperation } from '../../helpers/fake-operation';
import { getOperation } from '../../../src/providers/registry';
import { thrownBy } from '../../helpers/thrown';

function issues(raw: unknown, lookup = getOperation) {
  try {
    validateBulkJobRequest(raw, lookup);
  } catch (err) {
    if (hasErrorName(err, 'RequestValidationError')) return (err as RequestValidationError).issues;
    throw err;
  }
  throw new Error('expected a RequestValidationError');
}

describe('validateBulkJobRequest', () => {
  it('fills defaults and derives the tenant from the input (webex orgId)', () => {
    const validated = validateBulkJobRequest({
      operation: 'webex.moveUsers',
      input: { orgId: 'org-9', users: [{ userId: 'u', locationId: 'l' }] },
      callbackUrl: 'http://127.0.0.1:9999/cb',
    });
    expect(validated).toEqual({
      request: { operation: 'webex.moveUsers', connection: 'default', dryRun: false, input: expect.any(Object) },
      tenant: 'org-9',
      callbackUrl: 'http://127.0.0.1:9999/cb',
      pollIntervalMs: 5_000,
    });
  });

  it('falls back to the connection name when the input names no tenant', () => {
    const input = { users: [{ userId: 'u', locationId: 'l' }] };
    expect(validateBulkJobRequest({ operation: 'webex.moveUsers', connection: 'emea', input }).tenant).toBe('emea');
    const oracle = { operation: 'oracle.syncUsers', connection: 'p6', input: { deleted: ['x'] } };
    expect(validateBulkJobRequest(oracle).tenant).toBe('p6');
  });

  it('accepts a declared tenant that agrees with the derived one, and refuses one that does not', () => {
    const input = { orgId: 'org-b', users: [{ userId: 'u', locationId: 'l' }] };
    expect(validateBulkJobRequest({ operation: 'webex.moveUsers', tenant: 'org-b', input }).tenant).toBe('org-b');
    expect(
      thrownBy(() => validateBulkJobRequest({ operation: 'webex.moveUsers', tenant: 'org-a', input })),
    ).toMatchObject({ name: 'TenantMismatchError', field: 'tenant', declared: 'org-a', derived: 'org-b' });
    const oracle = { operation: 'oracle.syncUsers', tenant: 'org-a', connection: 'org-b', input: { deleted: ['x'] } };
    expect(thrownBy(() => validateBulkJobRequest(oracle))).toMatchObject({ name: 'TenantMismatchError' });
  });

  it('validates with whatever input schema the registry gives, with no per-operation code', () => {
    const fake = createFakeOperation();
    const lookup = () => fake;
    const good = { operation: 'webex.moveUsers', input: { orgId: 'fake-org', users: [{ userId: 'u1' }] } };
    const bad = {
      operation: 'webex.moveUsers',
      input: { users: [{ userId: 'u1' }, { userId: 'u2', phoneNumber: '12' }] },
    };

    expect(validateBulkJobRequest(good, lookup).tenant).toBe('fake-org');
    expect(issues(bad, lookup)).toEqual([{ field: 'input.users[1].phoneNumber', message: 'expected an E.164 number' }]);
  });

  it('reports every invalid field of the envelope at once', () => {
    const found = issues({ operation: 'webex.moveUsers', connection: '', dryRun: 1, input: {}, extra: true });
    expect(found.map((i) => i.field).sort()).toEqual(['connection', 'dryRun', 'extra']);
  });

  it('names an unsupported operation on the operation field', () => {
    expect(issues({ operation: 'zoho.nothing', input: {} })).toEqual([
      { field: 'operation', message: expect.stringContaining('Invalid option') },
    ]);
  });
});

describe('validateBulkJobRequest on hostile input', () => {
  const deep = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  const fullstory = (properties: string): unknown =>
    JSON.parse(`{"operation":"fullstory.importUsers","input":{"users":[{"uid":"u1","properties":${properties}}]}}`);

  it('refuses input nested 5,000 levels deep with a field, before any schema or digest recurses into it', () => {
    const found = issues(fullstory(deep(5_000)));
    expect(found).toHaveLength(1);
    expect(found[0]?.field).toMatch(/^input\.users\[0\]\.properties(\.a)+$/);
    expect(found[0]?.message).toBe('nested deeper than 32 levels');
  });

  it('names a __proto__ key inside the input', () => {
    expect(issues(fullstory('{"__proto__":{"admin":true}}'))).toEqual([
      { field: 'input.users[0].properties.__proto__', message: 'the key __proto__ is not allowed' },
    ]);
  });

  it.each([
    ['connection', { connection: 'a/../b' }],
    ['connection', { connection: 'prod\u0000' }],
    ['tenant', { tenant: 'org\u0000A/../../x?y=1#' }],
    ['tenant', { tenant: 'org\u202eA' }],
  ])('refuses an unsafe %s', (field, extra) => {
    const raw = { operation: 'webex.moveUsers', input: { users: [{ userId: 'u', locationId: 'l' }] }, ...extra };
    expect(issues(raw).map((i) => i.field)).toEqual([field]);
  });
});

describe('validateBulkJobRequest with many invalid items (a bounded error, never a stack overflow)', () => {
  const move = (users: unknown[]) => ({ operation: 'webex.moveUsers', input: { users } });
  const invalid = (raw: unknown): RequestValidationError => {
    const err = thrownBy(() => validateBulkJobRequest(raw)) as RequestValidationError;
    expect(err.name).toBe('RequestValidationError');
    return err;
  };
  /** The error as the API sends it, in UTF-8 bytes. */
  const answerBytes = (err: RequestValidationError): number =>
    Buffer.byteLength(JSON.stringify({ detail: err.message, errors: err.issues, errorCount: err.total }));

  it('40,000 users with unknown keys: the first 100 problems, "at least" a count, under 64 KiB', () => {
    const err = invalid(move(Array.from({ length: 40_000 }, () => ({ a: 1, b: 1, c: 1 }))));
    expect(err.issues).toHaveLength(100);
    expect(err.issues[0]?.field).toBe('input.users[0].userId');
    expect(err.total).toBeGreaterThanOrEqual(100);
    expect(err.exact).toBe(false);
    expect(err.message).toMatch(/\(and at least \d+ more\)$/);
    expect(answerBytes(err)).toBeLessThanOrEqual(64 * 1024);
  });

  it('30,000 users with three problems each: an answer far smaller than the request', () => {
    const raw = move(Array.from({ length: 30_000 }, (_, i) => ({ userId: '', locationId: 'L', phoneNumber: `x${i}` })));
    const err = invalid(raw);
    expect(err.issues).toHaveLength(100);
    expect(err.issues.slice(0, 2)).toEqual([
      { field: 'input.users[0].userId', message: 'userId must not be empty' },
      { field: 'input.users[0].phoneNumber', message: expect.stringContaining('E.164') },
    ]);
    expect(answerBytes(err)).toBeLessThanOrEqual(64 * 1024);
    expect(answerBytes(err)).toBeLessThan(Buffer.byteLength(JSON.stringify(raw)) / 50);
  });

  it('counts every problem exactly when validation did not stop early', () => {
    const users = Array.from({ length: 50 }, (_, i) => ({
      userId: `u${i}`,
      locationId: '',
      phoneNumber: 'x',
      extension: 'x',
    }));
    const err = invalid(move(users));
    expect(err.issues).toHaveLength(100);
    expect(err).toMatchObject({ total: 150, exact: true });
    expect(err.message).toMatch(/\(and 149 more\)$/);
  });

  it('keeps the answer under 64 KiB when every key and value is long', () => {
    const users = Array.from({ length: 100 }, (_, i) => ({
      [`${'k'.repeat(10_000)}${i}`]: 'v',
      userId: `u${i}`,
      locationId: 'l',
    }));
    const err = invalid(move(users));
    expect(err.issues[0]?.field.length).toBeLessThanOrEqual(201);
    expect(err.total).toBe(100);
    expect(answerBytes(err)).toBeLessThanOrEqual(64 * 1024);
  });
});

describe('validateBulkJobRequest: the formula-cell rule at every door', () => {
  it.each([
    ['webex.moveUsers', { orgId: '=cmd', users: [{ userId: 'u', locationId: 'l' }] }, 'input.orgId'],
    ['fullstory.importUsers', { users: [{ uid: 'u1', display_name: '@SUM(A1)' }] }, 'input.users[0].display_name'],
    [
      'fullstory.importUsers',
      { users: [{ uid: 'u1', properties: { plan: '-2+3*cmd' } }] },
      'input.users[0].properties.plan',
    ],
    [
      'zoho.invitePortalUsers',
      { module: 'Contacts', invites: [{ id: '1', userTypeId: '2', type: 'invite' }], apiVersion: 'v8', x: '+A1' },
      'input.x',
    ],
  ])('%s: refuses a value that starts like a formula, naming its field', (operation, input, field) => {
    const found = issues({ operation, input });
    expect(found).toContainEqual({ field, message: expect.stringContaining('spreadsheet formula') });
  });

  it('keeps phone numbers and signed numbers', () => {
    const input = { users: [{ userId: 'u', locationId: 'l', phoneNumber: '+14155550100', extension: '1234' }] };
    expect(() => validateBulkJobRequest({ operation: 'webex.moveUsers', input })).not.toThrow();
    const oracle = {
      added: [
        { loginId: 'j', firstName: 'J', lastName: '-', emailAddress: 'j@example.test', organization: { name: 'Acme' } },
      ],
    };
    expect(() => validateBulkJobRequest({ operation: 'oracle.syncUsers', input: oracle })).not.toThrow();
  });
});
