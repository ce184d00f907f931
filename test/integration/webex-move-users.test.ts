/**
 * Webex Move Users end to end: real workflows on the real dev server, real activities over HTTP to the simulator.
 */
import type { BulkJobResult } from '../../src/domain/job';
import { gaps, jobId, moveUsers } from '../helpers/jobs';
import { startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

const FAST = { pollIntervalMs: 20 };

describe('webex.moveUsers on Temporal', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ name: 'webex-move' });
  });

  afterAll(async () => {
    await stack.close();
  });

  beforeEach(() => {
    stack.sim.reset();
    stack.webexMove.setConfig({ pollsToComplete: 3 });
  });

  async function run(
    users: unknown[],
    options: { dryRun?: boolean; connection?: string } = {},
  ): Promise<BulkJobResult> {
    const id = await stack.jobs.start(
      { operation: 'webex.moveUsers', input: { users }, ...options },
      { idempotencyKey: jobId('move'), requestedBy: 'ops@example.test', tuning: FAST },
    );
    return stack.jobs.result(id);
  }

  function requests(endpoint: string) {
    return stack.sim.log.entries({ endpoint: `webex.moveUsers.${endpoint}` });
  }

  it('moves 250 users across 2 locations as 3 provider jobs with per-user errors', async () => {
    const users = [...moveUsers(150, 'loc-A', [3, 120]), ...moveUsers(100, 'loc-B', [99])];
    const result = await run(users);

    expect(result.state).toBe('partial');
    expect(result.counts).toEqual({ total: 250, succeeded: 247, failed: 3, skipped: 0, pending: 0 });
    expect(result.providerJobs).toHaveLength(3);
    expect(stack.webexMove.jobCount()).toBe(3);
    expect(result.providerJobs.map((j) => j.counts.total).sort((a, b) => a - b)).toEqual([50, 100, 100]);
    const failed = result.items.filter((i) => i.outcome === 'failed');
    expect(failed.map((i) => i.ref).sort()).toEqual(['FAIL-user-loc-A-120', 'FAIL-user-loc-A-3', 'FAIL-user-loc-B-99']);
    expect(failed.every((i) => i.code && i.message)).toBe(true);
    expect(result.items).toHaveLength(250);
  });

  it('honours 423 and 429 Retry-After (seconds and HTTP-date) with no request inside the window', async () => {
    const until = new Date(Date.now() + 2_500).toUTCString();
    stack.sim.faults.add('webex.moveUsers.status', { kind: 'status', status: 423, retryAfter: '1' });
    stack.sim.faults.add('webex.moveUsers.status', { kind: 'status', status: 429, retryAfter: until });
    const result = await run(moveUsers(2, 'loc-A'));

    const polls = requests('status');
    const [locked, limited, next] = polls;
    expect([locked?.status, limited?.status, next?.status]).toEqual([423, 429, 200]);
    expect((limited?.receivedAt ?? 0) - (locked?.answeredAt ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(next?.receivedAt ?? 0).toBeGreaterThanOrEqual(Date.parse(until));
    const job = result.providerJobs[0];
    expect(job?.answers).toMatchObject({ locked: 1, rateLimited: 1 });
    expect(job?.waitedOnRetryAfterMs).toBeGreaterThanOrEqual(1_000);
    expect(result.state).toBe('succeeded');
  });

  it('waits out a 429 Retry-After on the start request and still creates exactly one job', async () => {
    stack.sim.faults.add('webex.moveUsers.start', { kind: 'status', status: 429, retryAfter: '1' });
    const result = await run(moveUsers(3, 'loc-A'));

    const starts = requests('start');
    expect(starts.map((r) => r.status)).toEqual([429, 201]);
    expect((starts[1]?.receivedAt ?? 0) - (starts[0]?.answeredAt ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(stack.webexMove.jobCount()).toBe(1);
    expect(result.state).toBe('succeeded');
  });

  it('backs off exponentially through a 5xx burst and recovers', async () => {
    stack.sim.faults.add('webex.moveUsers.status', { kind: 'status', status: 503 }, 3);
    const result = await run(moveUsers(2, 'loc-A'));

    const polls = requests('status');
    expect(polls.slice(0, 4).map((r) => r.status)).toEqual([503, 503, 503, 200]);
    // The stack's policy: 100 ms × 2^(n-1), ±20 % jitter; on the real server each gap is at least its backoff's lower
    // bound, so the gaps' floors double. Scheduling noise only lengthens gaps (a full suite on two cores delayed a
    // first gap by 300 ms), so their order is not compared here: the doubling of the delays themselves is
    // test/unit/activities/poll-step.test.ts's "backs off exponentially over consecutive failures".
    const [first = 0, second = 0, third = 0] = gaps(polls.slice(0, 4).map((r) => r.receivedAt));
    expect([first >= 80, second >= 160, third >= 320]).toEqual([true, true, true]);
    expect(result.providerJobs[0]?.answers.transient).toBe(3);
    expect(result.state).toBe('succeeded');
  });

  it('records the per-user errors of a validation failure (400) without retrying the start', async () => {
    const body = { error: [{ code: 1026016, message: 'User should have either phone number or extension.' }] };
    stack.sim.faults.add('webex.moveUsers.start', { kind: 'status', status: 400, body });
    const result = await run(moveUsers(2, 'loc-A'));

    expect(requests('start')).toHaveLength(1);
    expect(result.state).toBe('failed');
    expect(result.items.map((i) => [i.outcome, i.code])).toEqual([
      ['failed', '1026016'],
      ['failed', '1026016'],
    ]);
    expect(stack.webexMove.jobCount()).toBe(0);
  });

  it.each([
    [401, 'ProviderAuthError'],
    [403, 'ProviderAuthError'],
  ])('fails fast on %i at start with %s and sends it once', async (status, type) => {
    stack.sim.faults.add('webex.moveUsers.start', { kind: 'status', status });
    const result = await run(moveUsers(1, 'loc-A'));

    expect(requests('start')).toHaveLength(1);
    expect(result.state).toBe('failed');
    expect(result.items[0]?.code).toBe(type);
  });

  it('fails the batch fast when the status endpoint answers 404, without polling again', async () => {
    stack.sim.faults.add('webex.moveUsers.status', { kind: 'status', status: 404 });
    const result = await run(moveUsers(1, 'loc-A'));

    expect(requests('status')).toHaveLength(1);
    expect(result.providerJobs[0]?.reason).toMatch(/^ProviderNotFoundError/);
    expect(result.state).toBe('failed');
  });

  it('writes the same history events for a job polled 3 times as for one polled 30 times', async () => {
    // Polling is the activity's retry loop: 27 more polls add no event. (300 proved nothing more and took a minute.)
    /** Events by kind, without workflow-task bookkeeping (how many tasks a run takes depends on scheduling). */
    const eventsFor = async (polls: number): Promise<Record<string, number>> => {
      stack.webexMove.setConfig({ pollsToComplete: polls });
      const id = await stack.jobs.start(
        { operation: 'webex.moveUsers', input: { users: moveUsers(1, 'loc-A') } },
        { idempotencyKey: jobId('history'), requestedBy: 'ops@example.test', tuning: { pollIntervalMs: 1 } },
      );
      const result = await stack.jobs.result(id);
      expect(result.providerJobs[0]?.polls).toBe(polls);
      const history = await stack.temporal.client.workflow.getHandle(id).fetchHistory();
      const kinds = (history.events ?? []).map((event) =>
        Object.keys(event).find((k) => k.endsWith('EventAttributes')),
      );
      const counts: Record<string, number> = {};
      for (const kind of kinds) if (kind && !kind.startsWith('workflowTask')) counts[kind] = (counts[kind] ?? 0) + 1;
      return counts;
    };
    const few = await eventsFor(3);
    const many = await eventsFor(30);
    expect(many).toEqual(few);
    expect(few['activityTaskScheduledEventAttributes']).toBeGreaterThan(0);
  });

  it('validates only on a dry run: per-user impacts and errors, and no job', async () => {
    const result = await run(moveUsers(3, 'loc-A', [1]), { dryRun: true });

    expect(stack.webexMove.jobCount()).toBe(0);
    expect(requests('start')).toHaveLength(3);
    expect(result.dryRun).toBe(true);
    expect(result.state).toBe('partial');
    expect(result.items.map((i) => i.outcome)).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(result.items[0]?.impacts?.length).toBeGreaterThan(0);
    expect(result.items[1]?.code).toBeDefined();
  });

  it('carries poll counts across segments and continue-as-new runs', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 25 });
    const id = await stack.jobs.start(
      { operation: 'webex.moveUsers', input: { users: moveUsers(1, 'loc-A') } },
      {
        idempotencyKey: jobId('segments'),
        requestedBy: 'ops@example.test',
        tuning: { pollIntervalMs: 20, segmentMs: 150, maxSegmentsPerRun: 1 },
      },
    );
    const handle = stack.client.workflow.getHandle(id);
    const firstRunId = (await handle.describe()).runId;
    const result = await stack.jobs.result(id);

    expect(result.providerJobs[0]?.polls).toBe(25);
    expect(result.state).toBe('succeeded');
    expect((await handle.describe()).runId).not.toBe(firstRunId);
    expect(stack.webexMove.jobCount()).toBe(1);
  });
});
