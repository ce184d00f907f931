/**
 * Zoho CRM portal bulk invite end to end: real workflows on the real dev server, real activities over HTTP to the
 * simulator.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BulkJobResult } from '../../src/domain/job';
import type { ZohoInvitePortalUsersSimulator } from '../../src/providers/zoho-invite-portal-users/simulator';
import { gaps, jobId, rootFailure } from '../helpers/jobs';
import { startStack, TEST_TOKEN } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

const FAST = { pollIntervalMs: 20 };
const USER_TYPE_ID = '5020928000000523003';

interface Invite {
  id: string;
  userTypeId: string;
  type: 'invite' | 'reinvite';
}

/** `count` Zoho-looking record ids from `from`; those at `failing` indexes end in 999, which the simulator fails. */
function invites(count: number, failing: readonly number[] = [], from = 0): Invite[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `50209280000${String(from + i).padStart(5, '0')}${failing.includes(i) ? '999' : '001'}`,
    userTypeId: USER_TYPE_ID,
    type: 'invite',
  }));
}

describe('zoho.invitePortalUsers on Temporal', () => {
  let stack: Stack;
  let sim: ZohoInvitePortalUsersSimulator;

  const configDir = mkdtempSync(join(tmpdir(), 'bulkflow-zoho-'));

  beforeAll(async () => {
    stack = await startStack({ name: 'zoho-invite', env: (url) => ({ BULKFLOW_CONFIG: unthrottledConnection(url) }) });
    sim = stack.simulator('zoho.invitePortalUsers');
  });

  afterAll(async () => {
    await stack.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  /**
   * A second connection, `unthrottled`, for a test that needs requests sent side by side: after a `Retry-After`, the
   * worker paces the connection that met it (docs/decisions.md, "One cooldown per provider rate-limit scope").
   */
  function unthrottledConnection(url: string): string {
    const file = join(configDir, 'connections.json');
    const connection = { baseUrl: url, token: TEST_TOKEN, tenants: '*' };
    writeFileSync(file, JSON.stringify({ connections: { zoho: { unthrottled: connection } } }));
    return file;
  }

  beforeEach(() => {
    stack.sim.reset();
    sim.setConfig({ pollsToComplete: 2 });
  });

  function start(input: unknown, connection = 'default'): Promise<string> {
    return stack.jobs.start(
      { operation: 'zoho.invitePortalUsers', connection, input },
      { idempotencyKey: jobId('zoho'), requestedBy: 'ops@example.test', tuning: FAST },
    );
  }

  async function run(list: Invite[], connection?: string): Promise<BulkJobResult> {
    return stack.jobs.result(await start({ module: 'Contacts', invites: list }, connection));
  }

  function requests(endpoint: string) {
    return stack.sim.log.entries({ endpoint: `zoho.invitePortalUsers.${endpoint}` });
  }

  it('invites 250 records as 3 provider jobs of at most 100, ids sent digit for digit', async () => {
    const list = invites(250);
    const result = await run(list);

    expect(result.state).toBe('succeeded');
    expect(result.counts).toEqual({ total: 250, succeeded: 250, failed: 0, skipped: 0, pending: 0 });
    expect(sim.jobCount()).toBe(3);
    // Two batches run at once, so jobs are created in either order.
    expect(
      sim
        .getJobs()
        .map((j) => j.recordIds.length)
        .sort((a, b) => a - b),
    ).toEqual([50, 100, 100]);
    expect(
      sim
        .getJobs()
        .flatMap((j) => j.recordIds)
        .sort(),
    ).toEqual(list.map((i) => i.id).sort());
    expect(result.providerJobs.map((j) => j.id).sort()).toEqual(
      sim
        .getJobs()
        .map((j) => j.id)
        .sort(),
    );
    expect(result.items).toHaveLength(250);
  });

  it('reports partial with per-record CANNOT_PROCESS outcomes', async () => {
    const list = invites(5, [1, 3]);
    const alreadyInvited = list[4]?.id ?? '';
    sim.setConfig({ pollsToComplete: 2, preInvited: [alreadyInvited] });
    const result = await run(list);

    expect(result.state).toBe('partial');
    expect(result.counts).toMatchObject({ total: 5, succeeded: 2, failed: 3, pending: 0 });
    const failed = result.items.filter((i) => i.outcome === 'failed');
    expect(failed.map((i) => i.ref)).toEqual([list[1]?.id, list[3]?.id, alreadyInvited]);
    expect(failed.every((i) => i.code === 'CANNOT_PROCESS' && i.message)).toBe(true);
    expect(failed[2]?.message).toContain('reinvite');
  });

  it('keeps a job id above 2^53 exact when Zoho writes it as a JSON number', async () => {
    sim.setConfig({ pollsToComplete: 2, numericJobIds: true });
    const result = await run(invites(1));

    expect(result.state).toBe('succeeded');
    expect(result.providerJobs[0]?.id).toBe(sim.getJobs()[0]?.id);
  });

  it('backs off exponentially on 429 without Retry-After, then succeeds', async () => {
    stack.sim.faults.add('zoho.invitePortalUsers.status', { kind: 'status', status: 429 }, 3);
    const result = await run(invites(1));

    const polls = requests('status').slice(0, 4);
    expect(polls.map((r) => r.status)).toEqual([429, 429, 429, 200]);
    // The stack's policy: 100 ms × 2^(n-1), ±20 % jitter; each gap is at least its backoff's lower bound. Gaps also
    // carry the retry's dispatch, which a loaded machine stretches by hundreds of milliseconds, so their order proves
    // nothing; the lower bounds do (a constant 100 ms backoff misses the third's 320 ms).
    const [first = 0, second = 0, third = 0] = gaps(polls.map((r) => r.receivedAt));
    expect([first >= 80, second >= 160, third >= 320]).toEqual([true, true, true]);
    expect(result.providerJobs[0]?.answers.rateLimited).toBe(3);
    expect(result.state).toBe('succeeded');
  });

  it('honours a Retry-After on 429 should Zoho send one: no request inside the window', async () => {
    stack.sim.faults.add('zoho.invitePortalUsers.status', { kind: 'status', status: 429, retryAfter: '1' });
    const result = await run(invites(1));

    const [limited, next] = requests('status');
    expect([limited?.status, next?.status]).toEqual([429, 200]);
    expect((next?.receivedAt ?? 0) - (limited?.answeredAt ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(result.providerJobs[0]?.waitedOnRetryAfterMs).toBeGreaterThanOrEqual(1_000);
    expect(result.state).toBe('succeeded');
  });

  it('retries starts refused by the concurrency limit and still creates one job per batch', async () => {
    sim.setConfig({ pollsToComplete: 2, maxConcurrentRequests: 1, latencyMs: 150 });
    const result = await run(invites(150), 'unthrottled');

    expect(stack.sim.log.entries().some((r) => r.status === 429)).toBe(true);
    expect(sim.jobCount()).toBe(2);
    expect(result.state).toBe('succeeded');
    expect(result.counts.succeeded).toBe(150);
  });

  it('fails the batch fast when the status answers 204 (unknown job), without polling again', async () => {
    stack.sim.faults.add('zoho.invitePortalUsers.status', { kind: 'status', status: 204 });
    const result = await run(invites(2));

    expect(requests('status')).toHaveLength(1);
    expect(result.providerJobs[0]?.reason).toMatch(/^ProviderNotFoundError/);
    expect(result.state).toBe('failed');
    expect(result.counts).toMatchObject({ total: 2, succeeded: 0 });
  });

  it('fails fast on 403 NO_PERMISSION at start, sent once, with Zoho code on every record', async () => {
    stack.sim.faults.add('zoho.invitePortalUsers.start', { kind: 'status', status: 403 });
    const result = await run(invites(2));

    expect(requests('start')).toHaveLength(1);
    expect(result.state).toBe('failed');
    expect(result.items.map((i) => [i.outcome, i.code])).toEqual([
      ['failed', 'NO_PERMISSION'],
      ['failed', 'NO_PERMISSION'],
    ]);
    expect(sim.jobCount()).toBe(0);
  });

  it('reconciles a start whose answer was lost to the job Zoho created, never sending twice', async () => {
    stack.sim.faults.add('zoho.invitePortalUsers.start', { kind: 'acceptThenReset' });
    const result = await run(invites(3));

    expect(requests('start')).toHaveLength(1);
    expect(sim.jobCount()).toBe(1);
    expect(result.providerJobs[0]?.id).toBe(sim.getJobs()[0]?.id);
    expect(result.state).toBe('succeeded');
  });

  it('rejects a bad invite type naming input.invites[2].type and sends nothing', async () => {
    const list: unknown[] = invites(3);
    list[2] = { ...(list[2] as Invite), type: 'resend' };
    const id = await start({ module: 'Contacts', invites: list });
    const failure = await stack.jobs.result(id).then(
      () => undefined,
      (err: unknown) => rootFailure(err),
    );

    expect(failure?.type).toBe('InvalidRequestError');
    expect(failure?.message).toContain('input.invites[2].type');
    expect(stack.sim.log.entries()).toHaveLength(0);
  });
});
