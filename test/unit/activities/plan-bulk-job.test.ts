import { planBulkJob } from '../../../src/activities/plan-bulk-job';
import { loadConfig } from '../../../src/config';
import { hasErrorName } from '../../../src/domain/errors';
import type { InvalidRequestError } from '../../../src/domain/errors';
import type { BulkJobRequest } from '../../../src/domain/job';
import { fakeDeps } from '../../helpers/activity-env';
import { createFakeOperation } from '../../helpers/fake-operation';
import type { FakeOperationOptions } from '../../helpers/fake-operation';
import { thrownBy } from '../../helpers/thrown';

const users = (count: number): Array<{ userId: string }> =>
  Array.from({ length: count }, (_, i) => ({ userId: `u${i}` }));

const request = (overrides: Partial<BulkJobRequest> = {}): BulkJobRequest => ({
  operation: 'webex.moveUsers',
  connection: 'default',
  dryRun: false,
  input: { users: users(5) },
  ...overrides,
});

function plan(req: BulkJobRequest, options: FakeOperationOptions = {}): ReturnType<typeof planBulkJob> {
  return planBulkJob(fakeDeps(createFakeOperation(options)), req);
}

function invalidField(fn: () => unknown): { field: string; problem: string } {
  try {
    fn();
  } catch (err) {
    if (!hasErrorName(err, 'InvalidRequestError')) throw err;
    const { field, problem } = err as InvalidRequestError;
    return { field, problem };
  }
  throw new Error('expected an InvalidRequestError');
}

describe('planBulkJob', () => {
  it('rejects an unknown connection with an InvalidRequestError on connection', () => {
    expect(invalidField(() => plan(request({ connection: 'eu' }))).field).toBe('connection');
  });

  it('lists the configured connections when the connection is unknown', () => {
    expect(invalidField(() => plan(request({ connection: 'eu' }))).problem).toContain('(configured: default)');
  });

  it('refuses a tenant the connection does not serve, naming connection, whoever started the job', () => {
    const config = loadConfig({
      BULKFLOW_WEBEX_BASE_URL: 'http://127.0.0.1:9',
      BULKFLOW_WEBEX_TOKEN: 't',
      BULKFLOW_WEBEX_TENANTS: 'org-b',
    });
    const deps = fakeDeps(createFakeOperation(), { config });
    const run = (orgId: string) => () => planBulkJob(deps, request({ input: { orgId, users: users(1) } }));

    expect(thrownBy(run('org-a'))).toMatchObject({
      name: 'ConnectionNotServedError',
      field: 'connection',
      problem: expect.stringContaining(
        'does not serve tenant org-a (connections.webex.default.tenants or BULKFLOW_WEBEX_TENANTS: org-b)',
      ),
    });
    expect(run('org-b')().tenant).toBe('org-b');
  });

  it('names input.users[3].phoneNumber when the fourth user has a bad phone number', () => {
    const input = { users: [...users(3), { userId: 'u3', phoneNumber: '555-0100' }] };
    expect(invalidField(() => plan(request({ input })))).toEqual({
      field: 'input.users[3].phoneNumber',
      problem: 'expected an E.164 number',
    });
  });

  it('names input.users when the user list is empty', () => {
    expect(invalidField(() => plan(request({ input: { users: [] } }))).field).toBe('input.users');
  });

  it('names input itself when the input is not an object', () => {
    expect(invalidField(() => plan(request({ input: 'users.csv' }))).field).toBe('input');
  });

  it('rejects dryRun on an operation without dry-run with an error on dryRun', () => {
    const req = request({ dryRun: true });
    expect(invalidField(() => plan(req, { capabilities: { dryRun: false } })).field).toBe('dryRun');
  });

  it('plans a dry run on an operation that supports it', () => {
    expect(plan(request({ dryRun: true })).batches).toHaveLength(3);
  });

  it('splits the input into the operation batches and counts every item', () => {
    const result = plan(request());
    expect([result.total, result.batches.map((b) => b.itemRefs.length)]).toEqual([5, [2, 2, 1]]);
  });

  it('copies the operation limits and capabilities into the plan', () => {
    expect(plan(request())).toMatchObject({
      operation: 'webex.moveUsers',
      provider: 'webex',
      maxConcurrentBatches: 3,
      pollIntervalMs: 5_000,
      capabilities: { dryRun: true, pause: false, resume: false, cancel: false },
    });
  });

  it('refuses a declared tenant other than the one the input acts on, naming the tenant field', () => {
    const attempt = () => plan(request({ tenant: 'org-1', input: { orgId: 'org-2', users: users(1) } }));
    expect(thrownBy(attempt)).toMatchObject({ name: 'TenantMismatchError', field: 'tenant' });
  });

  it('takes the tenant the input names, and accepts a declared tenant that agrees', () => {
    expect(plan(request({ input: { orgId: 'org-1', users: users(1) } })).tenant).toBe('org-1');
    expect(plan(request({ tenant: 'org-1', input: { orgId: 'org-1', users: users(1) } })).tenant).toBe('org-1');
  });

  it('falls back to the connection name when neither names a tenant', () => {
    expect(plan(request()).tenant).toBe('default');
  });
});
