/**
 * BulkJobClient on the real dev server: get, items paging, idempotency (same / different request, after completion,
 * across continue-as-new), listing by search attributes with cursors, control of finished and unknown jobs.
 */
import { randomUUID } from 'node:crypto';
import { BulkJobClient, jobIdFor } from '../../src/client';
import { hasErrorName } from '../../src/domain/errors';
import { WORKFLOW_TYPE } from '../../src/workflows/definitions';
import type { BulkJobWorkflowInput } from '../../src/workflows/definitions';
import { jobId, moveUsers, waitFor } from '../helpers/jobs';
import { clientEnv, startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

const FAST = { pollIntervalMs: 20 };

describe('BulkJobClient', () => {
  let stack: Stack;
  // Unique per run, so listings see only this file's jobs on the shared dev server.
  const requester = `client-${randomUUID().slice(0, 8)}@example.test`;
  // A tenant of its own, so the per-tenant semaphore is not shared with other suites running at the same time.
  const orgId = `org-client-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    stack = await startStack({ name: 'client', simulators: { 'webex.moveUsers': { pollsToComplete: 1 } } });
  });

  afterAll(async () => {
    await stack.close();
  });

  beforeEach(() => {
    stack.sim.reset();
  });

  function start(users: unknown[], key = jobId('client'), extra: Record<string, unknown> = {}): Promise<string> {
    const request = { operation: 'webex.moveUsers', input: { orgId, users }, ...extra };
    return stack.jobs.start(request, { idempotencyKey: key, requestedBy: requester, tuning: FAST });
  }

  async function rejection(promise: Promise<unknown>): Promise<Error> {
    return promise.then(
      () => {
        throw new Error('expected a rejection');
      },
      (err: unknown) => err as Error,
    );
  }

  it('pages the items collected so far while a job runs, then every item once it is complete', async () => {
    stack.sim.faults.add('webex.moveUsers.start', { kind: 'delay', ms: 0 });
    stack.sim.faults.add('webex.moveUsers.start', { kind: 'hold', accept: false });
    const id = await start(moveUsers(150, 'loc-A', [7]));
    await waitFor('the second start to be held', () => stack.sim.faults.held('webex.moveUsers.start') === 1);

    // Items are listed batch by batch, those without an outcome as pending: the first batch's lead once collected.
    const running = await waitFor('the first batch collected', async () => {
      const page = await stack.jobs.items(id, { limit: 60 });
      return page.items[0] && page.items[0].outcome !== 'pending' ? page : undefined;
    });
    expect(running).toMatchObject({ state: 'running', complete: false, total: 150 });
    expect(running.items).toHaveLength(60);
    expect((await stack.jobs.items(id, { outcome: 'pending' })).total).toBe(50);
    const view = await stack.jobs.get(id);
    expect(view).toMatchObject({ status: 'RUNNING', state: 'running', operation: 'webex.moveUsers' });
    expect(view.counts).toMatchObject({ total: 150, succeeded: 99, failed: 1 });
    expect(view.providerJobs).toHaveLength(1);

    stack.sim.faults.release('webex.moveUsers.start', 'answer');
    await stack.jobs.result(id);
    const refs: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await stack.jobs.items(id, { limit: 40, ...(cursor ? { cursor } : {}) });
      expect(page.complete).toBe(true);
      refs.push(...page.items.map((i) => i.ref));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(refs).size).toBe(150);
    const failed = await stack.jobs.items(id, { outcome: 'failed' });
    expect(failed.items.map((i) => i.ref)).toEqual(['FAIL-user-loc-A-7']);
  });

  it('refuses a declared tenant that disagrees with the input, at the client and again when planning', async () => {
    const request = { operation: 'webex.moveUsers' as const, input: { orgId, users: moveUsers(1, 'loc-A') } };
    const key = jobId('client-tenant');
    const atClient = await rejection(
      stack.jobs.start(request, { idempotencyKey: key, requestedBy: requester, tenant: 'org-x' }),
    );
    expect(atClient).toMatchObject({ name: 'TenantMismatchError', field: 'tenant', derived: orgId });
    await expect(stack.jobs.info(jobIdFor(orgId, requester, key))).rejects.toMatchObject({ name: 'JobNotFoundError' });

    // A workflow started around the client, with the declared tenant in the request itself.
    const input: BulkJobWorkflowInput = {
      request: { ...request, connection: 'default', dryRun: false, tenant: 'org-x' },
      requestedBy: requester,
    };
    const handle = await stack.client.workflow.start(WORKFLOW_TYPE, {
      taskQueue: stack.config.temporal.taskQueue,
      workflowId: jobId('client-tenant-direct'),
      args: [input],
    });
    const failure = await rejection(handle.result());
    expect(failure.cause).toMatchObject({ type: 'TenantMismatchError' });
    expect(stack.webexMove.jobCount()).toBe(0);
  });

  it('reports a finished job from its result, and a rejected one with the planner error', async () => {
    const done = await start(moveUsers(3, 'loc-A', [0]));
    await stack.jobs.result(done);
    expect(await stack.jobs.get(done)).toMatchObject({
      status: 'COMPLETED',
      state: 'partial',
      counts: { total: 3, succeeded: 2, failed: 1 },
      requestedBy: requester,
      provider: 'webex',
      tenant: orgId,
    });

    const bad = await start([{ userId: 'u1', locationId: 'l1', phoneNumber: '12345' }]);
    const view = await waitFor('the planner to reject the job', async () => {
      const v = await stack.jobs.get(bad);
      return v.status === 'FAILED' ? v : undefined;
    });
    expect(view.state).toBe('failed');
    expect(view.error?.type).toBe('InvalidRequestError');
    expect(view.error?.message).toContain('input.users[0].phoneNumber');
  });

  it('returns the same job for the same key and request, even after it finished, and starts it once', async () => {
    const key = jobId('same');
    const users = moveUsers(2, 'loc-A');
    const first = await start(users, key);
    const again = await start(users, key);
    await stack.jobs.result(first);
    const afterwards = await stack.jobs.start(
      { operation: 'webex.moveUsers', input: { orgId, users } },
      { idempotencyKey: key, requestedBy: requester },
    );

    expect([again, afterwards]).toEqual([first, first]);
    expect(stack.webexMove.jobCount()).toBe(1);
  });

  it('rejects the same key with a different request from the same caller with IdempotencyConflictError', async () => {
    const key = jobId('conflict');
    const id = await start(moveUsers(2, 'loc-A'), key);
    const otherUsers = await rejection(start(moveUsers(3, 'loc-A'), key));

    expect(hasErrorName(otherUsers, 'IdempotencyConflictError')).toBe(true);
    await stack.jobs.result(id);
    expect(hasErrorName(await rejection(start(moveUsers(4, 'loc-A'), key)), 'IdempotencyConflictError')).toBe(true);
  });

  it("scopes a key to its caller: another caller's same key is another job, never a conflict", async () => {
    const key = jobId('scoped');
    const mine = await start(moveUsers(2, 'loc-A'), key);
    const theirs = await stack.jobs.start(
      { operation: 'webex.moveUsers', input: { orgId, users: moveUsers(3, 'loc-A') } },
      { idempotencyKey: key, requestedBy: 'someone-else@example.test', tuning: FAST },
    );

    expect(theirs).not.toBe(mine);
    await Promise.all([stack.jobs.result(mine), stack.jobs.result(theirs)]);
    expect(stack.webexMove.jobCount()).toBe(2);
  });

  it('keeps the request digest across continue-as-new', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 5 });
    const key = jobId('can');
    const users = moveUsers(1, 'loc-A');
    const tuning = { pollIntervalMs: 20, segmentMs: 100, maxSegmentsPerRun: 1 };
    const options = { idempotencyKey: key, requestedBy: requester, tuning };
    const id = await stack.jobs.start({ operation: 'webex.moveUsers', input: { orgId, users } }, options);
    const handle = stack.client.workflow.getHandle(id);
    const firstRun = (await handle.describe()).runId;
    await waitFor('a continue-as-new', async () => (await handle.describe()).runId !== firstRun);

    const conflict = await rejection(start(moveUsers(2, 'loc-A'), key));
    expect(hasErrorName(conflict, 'IdempotencyConflictError')).toBe(true);
    expect(await stack.jobs.start({ operation: 'webex.moveUsers', input: { orgId, users } }, options)).toBe(id);
    await stack.jobs.result(id);
  });

  it('lists jobs by requester, operation, state and start time, one page at a time', async () => {
    const partial = await start(moveUsers(2, 'loc-A', [1]));
    const succeeded = await start(moveUsers(2, 'loc-B'));
    await Promise.all([stack.jobs.result(partial), stack.jobs.result(succeeded)]);
    const since = new Date(Date.now() - 60_000).toISOString();

    const partials = await waitFor('visibility to index the final states', async () => {
      const list = await stack.jobs.list({ requestedBy: requester, state: 'partial', startedAfter: since });
      return list.jobs.some((j) => j.jobId === partial) ? list : undefined;
    });
    expect(partials.jobs.map((j) => j.jobId)).not.toContain(succeeded);
    expect(partials.jobs.every((j) => j.state === 'partial' && j.operation === 'webex.moveUsers')).toBe(true);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await stack.jobs.list({ requestedBy: requester, limit: 1, ...(cursor ? { cursor } : {}) });
      expect(page.jobs.length).toBeLessThanOrEqual(1);
      seen.push(...page.jobs.map((j) => j.jobId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining([partial, succeeded]));
    expect(new Set(seen).size).toBe(seen.length);
    const future = await stack.jobs.list({ requestedBy: requester, startedAfter: '2999-01-01T00:00:00Z' });
    expect(future.jobs).toEqual([]);
  });

  it('rejects control of a finished job and reads of an unknown one with typed errors', async () => {
    const id = await start(moveUsers(1, 'loc-A'));
    await stack.jobs.result(id);

    expect((await rejection(stack.jobs.cancel(id, requester))).name).toBe('JobClosedError');
    expect((await rejection(stack.jobs.get('no-such-job'))).name).toBe('JobNotFoundError');
    expect((await rejection(stack.jobs.items('no-such-job'))).name).toBe('JobNotFoundError');
    expect((await rejection(stack.jobs.list({ state: 'sleeping' as never }))).name).toBe('RequestValidationError');
  });

  it('connects with only the Temporal address, the task queue and the keys from the environment', async () => {
    const env = clientEnv(stack);
    const client = await BulkJobClient.connect({ env });
    try {
      await client.ping();
      const id = await client.start(
        { operation: 'webex.moveUsers', input: { orgId, users: moveUsers(1, 'loc-A') } },
        { requestedBy: requester },
      );
      expect((await client.result(id)).state).toBe('succeeded');
    } finally {
      await client.close();
    }
  });
});
