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
