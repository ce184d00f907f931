/**
 * FullStory batch user import end to end: real workflows on the real dev server, real activities over HTTP to the
 * simulator.
 */
import type { BulkJobResult } from '../../src/domain/job';
import type { FullStoryImportUsersSimulator } from '../../src/providers/fullstory-import-users/simulator';
import { jobId, rootFailure, waitFor } from '../helpers/jobs';
import { startStack, TEST_FULLSTORY_KEY } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

const FAST = { pollIntervalMs: 20 };

interface ImportUser {
  uid: string;
  email?: string;
}

/** `count` users; those at the `failing` indexes get a uid the simulator fails. */
function importUsers(count: number, failing: readonly number[] = []): ImportUser[] {
  return Array.from({ length: count }, (_, i) => {
    const uid = `${failing.includes(i) ? 'FAIL-' : ''}user-${i}`;
    return { uid, email: `user-${i}@example.com` };
  });
}

describe('fullstory.importUsers on Temporal', () => {
  let stack: Stack;
  let sim: FullStoryImportUsersSimulator;

  beforeAll(async () => {
    stack = await startStack({
      name: 'fullstory-import',
      simulators: { 'fullstory.importUsers': { pollsToComplete: 3 } },
    });
    sim = stack.simulator('fullstory.importUsers');
  });

  afterAll(async () => {
    await stack.close();
  });

  beforeEach(() => {
    stack.sim.reset();
    sim.setConfig({ pollsToComplete: 3 });
  });

  async function start(input: unknown): Promise<string> {
    return stack.jobs.start(
      { operation: 'fullstory.importUsers', input },
      { idempotencyKey: jobId('fullstory'), requestedBy: 'ops@example.test', tuning: FAST },
    );
  }

  async function run(users: unknown[]): Promise<BulkJobResult> {
    return stack.jobs.result(await start({ users }));
  }

  function requests(endpoint: string) {
    return stack.sim.log.entries({ endpoint: `fullstory.importUsers.${endpoint}` });
  }

  it('imports users as one provider job keyed by <workflowId>/batch-0', async () => {
    const id = await start({ users: importUsers(5) });
    const result = await stack.jobs.result(id);

    expect(result.state).toBe('succeeded');
    expect(result.counts).toEqual({ total: 5, succeeded: 5, failed: 0, skipped: 0, pending: 0 });
    expect(result.providerJobs).toEqual([expect.objectContaining({ providerStatus: 'COMPLETED', polls: 3 })]);
    expect(sim.getJobs()).toEqual([expect.objectContaining({ idempotencyKey: `${id}/batch-0`, status: 'COMPLETED' })]);
  });

  it('reports a FAILED job with imports as partial, with per-user outcomes from /errors and /imports', async () => {
    const result = await run(importUsers(6, [1, 4]));

    expect(result.state).toBe('partial');
    expect(result.counts).toEqual({ total: 6, succeeded: 4, failed: 2, skipped: 0, pending: 0 });
    expect(result.providerJobs[0]?.providerStatus).toBe('FAILED');
    const failed = result.items.filter((i) => i.outcome === 'failed');
    expect(failed.map((i) => [i.ref, i.code])).toEqual([
      ['FAIL-user-1', 'failed_precondition'],
      ['FAIL-user-4', 'failed_precondition'],
    ]);
    expect(failed.every((i) => i.message?.includes(i.ref))).toBe(true);
    expect([requests('errors').length, requests('imports').length]).toEqual([1, 1]);
  });

  it('waits out the 429 FullStory sends at its in-progress batch limit, then creates the job', async () => {
    sim.setConfig({ pollsToComplete: 1, maxInProgressBatches: 1, retryAfterSeconds: 1 });
    const blocker = await fetch(`${stack.sim.url}/v2/users/batch`, {
      method: 'POST',
      headers: { authorization: `Basic ${TEST_FULLSTORY_KEY}` },
      body: JSON.stringify({ requests: [{ uid: 'someone-else' }] }),
    });
    const blockerId = ((await blocker.json()) as { job: { id: string } }).job.id;
    const id = await start({ users: importUsers(2) });
    await waitFor('a 429 on the create call', () => requests('start').find((r) => r.status === 429));
    await fetch(`${stack.sim.url}/v2/users/batch/${encodeURIComponent(blockerId)}`, {
      headers: { authorization: `Basic ${TEST_FULLSTORY_KEY}` },
    });
    const result = await stack.jobs.result(id);

    const starts = requests('start');
    const limited = starts.findIndex((r) => r.status === 429);
    const accepted = starts[limited + 1];
    expect(accepted?.status).toBe(200);
    expect((accepted?.receivedAt ?? 0) - (starts[limited]?.answeredAt ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(sim.jobCount()).toBe(2);
    expect(result.state).toBe('succeeded');
  });

  it('honours a 429 Retry-After on a status poll: no request inside the window', async () => {
    stack.sim.faults.add('fullstory.importUsers.status', { kind: 'status', status: 429, retryAfter: '1' });
    const result = await run(importUsers(2));

    const [limited, next] = requests('status');
    expect([limited?.status, next?.status]).toEqual([429, 200]);
    expect((next?.receivedAt ?? 0) - (limited?.answeredAt ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(result.providerJobs[0]?.answers.rateLimited).toBe(1);
    expect(result.state).toBe('succeeded');
  });

  it('closes the org for every job on one 429: many jobs of one org on one connection send nothing inside a window', async () => {
    // A FullStory-shaped org-wide limit: 6 requests a second per org, then the org closed for 2 s (429, Retry-After).
    stack.sim.rateLimiter.set({ endpointPrefix: 'fullstory.', requestsPerSecond: 6, closeSeconds: 2 });
    const ids = await Promise.all(Array.from({ length: 12 }, () => start({ users: importUsers(2) })));
    const results = await Promise.all(ids.map((id) => stack.jobs.result(id)));

    expect(results.map((r) => r.state)).toEqual(ids.map(() => 'succeeded'));
    const { counts } = stack.sim.rateLimiter.current();
    // The limit was met (so the jobs did meet a window), and no request arrived inside one announced earlier.
    expect(counts.windows).toBeGreaterThan(0);
    expect(counts.insideAnnouncedWindow).toBe(0);
  }, 40_000);

  it('re-sends a create whose answer was lost with the same Idempotency-Key and gets the same single job', async () => {
    stack.sim.faults.add('fullstory.importUsers.start', { kind: 'acceptThenReset' });
    const result = await run(importUsers(3));

    expect(requests('start').map((r) => r.status)).toEqual(['reset', 200]);
    expect(sim.jobCount()).toBe(1);
    expect(result.providerJobs[0]?.id).toBe(sim.getJobs()[0]?.id);
    expect(result.state).toBe('succeeded');
  });

  it('retries collecting when /errors still answers 202 after the job finished', async () => {
    stack.sim.faults.add('fullstory.importUsers.errors', { kind: 'status', status: 202 });
    const result = await run(importUsers(3, [0]));

    expect(requests('errors').map((r) => r.status)).toEqual([202, 200]);
    expect(result.state).toBe('partial');
    expect(result.items.map((i) => i.outcome)).toEqual(['failed', 'succeeded', 'succeeded']);
  });

  it('fails fast on a 401 at create with FullStory code, sending it once', async () => {
    stack.sim.faults.add('fullstory.importUsers.start', { kind: 'status', status: 401 });
    const result = await run(importUsers(2));

    expect(requests('start')).toHaveLength(1);
    expect(result.state).toBe('failed');
    expect(result.items.map((i) => i.code)).toEqual(['unauthorized', 'unauthorized']);
    expect(sim.jobCount()).toBe(0);
  });

  it('fails the batch fast when the status endpoint answers 404, without polling again', async () => {
    stack.sim.faults.add('fullstory.importUsers.status', { kind: 'status', status: 404 });
    const result = await run(importUsers(1));

    expect(requests('status')).toHaveLength(1);
    expect(result.providerJobs[0]?.reason).toMatch(/^ProviderNotFoundError/);
    expect(result.state).toBe('failed');
  });

  it.each([
    ['an invalid e-mail', { users: [{ uid: 'a' }, { uid: 'b', email: 'not-an-email' }] }, 'input.users[1].email'],
    ['a duplicate uid', { users: [{ uid: 'a' }, { uid: 'a' }] }, 'input.users[1].uid'],
  ])('rejects %s naming the field and sends nothing', async (_case, input, field) => {
    const id = await start(input);
    const failure = await stack.jobs.result(id).then(
      () => undefined,
      (err: unknown) => rootFailure(err),
    );

    expect(failure?.type).toBe('InvalidRequestError');
    expect(failure?.message).toContain(field);
    expect(stack.sim.log.entries()).toHaveLength(0);
  });
});
