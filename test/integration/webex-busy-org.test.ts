/**
 * Another caller's Move Users job in the org, end to end on the real dev server: the simulator refuses every start
 * with 409 while a job that is not ours runs (`conflictWhileRunning` and its `foreign-jobs` control route). The job
 * waits, says so in its progress and `status`, and runs exactly one job once the org is free; the wait is bounded by
 * `BULKFLOW_TENANT_BUSY_WAIT_MS`; a 409 that no running job explains fails the batch at once, as before.
 */
import { formatView } from '../../src/cli/output';
import { jobId, moveUsers, waitFor } from '../helpers/jobs';
import { startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

const TUNING = { pollIntervalMs: 100 };
const CONTROL = '/__sim/webex/move-users/foreign-jobs';

/** Starts another caller's job in the simulator's own org over the control API; returns its id. */
async function startForeignJob(stack: Stack): Promise<string> {
  const res = await fetch(`${stack.sim.url}${CONTROL}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function endForeignJob(stack: Stack, id: string): Promise<void> {
  const res = await fetch(`${stack.sim.url}${CONTROL}/${encodeURIComponent(id)}/end`, { method: 'POST' });
  expect(res.status).toBe(200);
}

function startMove(stack: Stack, count: number): Promise<string> {
  return stack.jobs.start(
    { operation: 'webex.moveUsers', input: { users: moveUsers(count, 'loc-A') } },
    { idempotencyKey: jobId('busy-org'), requestedBy: 'ops@example.test', tuning: TUNING },
  );
}

const starts = (stack: Stack) => stack.sim.log.entries({ endpoint: 'webex.moveUsers.start' });

describe('webex.moveUsers in an org busy with another caller’s job', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ name: 'busy-org' });
  });

  afterAll(async () => {
    await stack.close();
  });

  beforeEach(() => {
    stack.sim.reset();
    stack.webexMove.setConfig({ pollsToComplete: 2, conflictWhileRunning: true });
  });

  it('waits while the other job runs, shows the wait, then runs exactly one job once the org is free', async () => {
    const theirs = await startForeignJob(stack);
    const id = await startMove(stack, 3);

    const view = await waitFor('the job to show its wait', async () => {
      const read = await stack.jobs.get(id);
      return starts(stack).length >= 2 && read.waiting?.length ? read : undefined;
    });
    expect(view.state).toBe('running');
    expect(view.waiting).toEqual([
      { batch: 0, reason: 'another job is running in this org', since: expect.any(String), runningJobId: theirs },
    ]);
    expect(formatView(view)).toContain(`  waiting: another job is running in this org (batch 0, since `);
    expect(starts(stack).every((r) => r.status === 409)).toBe(true);
    expect(stack.webexMove.ledger()).toEqual([]);

    await endForeignJob(stack, theirs);
    const result = await stack.jobs.result(id);

    expect(result.state).toBe('succeeded');
    expect(result.counts).toEqual({ total: 3, succeeded: 3, failed: 0, skipped: 0, pending: 0 });
    const accepted = starts(stack).filter((r) => r.status === 201);
    expect(accepted).toHaveLength(1);
    expect(stack.webexMove.ledger()).toEqual([
      expect.objectContaining({ id: result.providerJobs[0]?.id, finished: true, users: expect.any(Array) }),
    ]);
    expect(stack.webexMove.ledger()[0]?.users.map((u) => u.ref)).toEqual(moveUsers(3, 'loc-A').map((u) => u.userId));
    expect((await stack.jobs.get(id)).waiting).toBeUndefined();
  });

  it('fails the batch at once, after one POST, on a 409 that no running job of the org explains', async () => {
    stack.sim.faults.add('webex.moveUsers.start', { kind: 'status', status: 409 });
    const result = await stack.jobs.result(await startMove(stack, 1));

    expect(result.state).toBe('failed');
    expect(result.error?.type).toBe('ProviderRejectedError');
    expect(starts(stack)).toHaveLength(1);
    expect(stack.webexMove.ledger()).toEqual([]);
  });
});

describe('webex.moveUsers waiting for a busy org, with a small bound', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ name: 'busy-org-bound', env: { BULKFLOW_TENANT_BUSY_WAIT_MS: '1500' } });
    stack.webexMove.setConfig({ pollsToComplete: 2, conflictWhileRunning: true });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('gives up once the configured wait is over, failing the batch with an error that names the wait', async () => {
    const theirs = await startForeignJob(stack);
    const started = Date.now();
    const result = await stack.jobs.result(await startMove(stack, 2));

    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(result.state).toBe('failed');
    expect(result.error?.type).toBe('TenantBusyTimeoutError');
    expect(result.error?.message).toContain('gave up waiting for the org to be free');
    expect(result.error?.message).toContain(`webex job ${theirs}`);
    expect(result.error?.message).toContain('BULKFLOW_TENANT_BUSY_WAIT_MS bounds the wait to 1.5 s');
    expect(result.items.map((i) => [i.outcome, i.code])).toEqual([
      ['failed', 'TenantBusyTimeoutError'],
      ['failed', 'TenantBusyTimeoutError'],
    ]);
    expect(starts(stack).length).toBeGreaterThan(1);
    expect(starts(stack).every((r) => r.status === 409)).toBe(true);
    expect(stack.webexMove.ledger()).toEqual([]);
  });
});
