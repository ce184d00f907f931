/**
 * Oracle Primavera Administration user sync end to end: real workflows on the real dev server, real activities over
 * HTTP to the simulator (Basic auth, v1 paths).
 */
import type { BulkJobResult } from '../../src/domain/job';
import type { OracleSyncUsersSimulator } from '../../src/providers/oracle-sync-users/simulator';
import type { OracleUserInput } from '../../src/providers/oracle-sync-users/input';
import { gaps, jobId, rootFailure } from '../helpers/jobs';
import { startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

const FAST = { pollIntervalMs: 20 };

function user(loginId: string, extra: Partial<OracleUserInput> = {}): OracleUserInput {
  return {
    loginId,
    firstName: 'Jim',
    lastName: 'Smith',
    emailAddress: `${loginId.toLowerCase()}@company.example`,
    disabled: false,
    organization: { name: 'sfo', type: 'Company' },
    roles: [{ name: 'PrimaveraUnifierProduction' }],
    userType: 'EMP',
    ...extra,
  };
}

describe('oracle.syncUsers on Temporal', () => {
  let stack: Stack;
  let sim: OracleSyncUsersSimulator;

  beforeAll(async () => {
    stack = await startStack({ name: 'oracle-sync', simulators: { 'oracle.syncUsers': { pollsToComplete: 3 } } });
    sim = stack.simulator('oracle.syncUsers');
  });

  afterAll(async () => {
    await stack.close();
  });

  beforeEach(() => {
    stack.sim.reset();
    sim.setConfig({ pollsToComplete: 3, knownUsers: ['OLD1'] });
  });

  async function start(input: unknown): Promise<string> {
    return stack.jobs.start(
      { operation: 'oracle.syncUsers', input },
      { idempotencyKey: jobId('oracle'), requestedBy: 'ops@example.test', tuning: FAST },
    );
  }

  async function run(input: unknown): Promise<BulkJobResult> {
    return stack.jobs.result(await start(input));
  }

  function requests(endpoint: string) {
    return stack.sim.log.entries({ endpoint: `oracle.syncUsers.${endpoint}` });
  }

  it('adds, modifies and deletes users as one provider job polled 202, 202, 200', async () => {
    const result = await run({ added: [user('A1'), user('A2')], modified: [user('M1')], deleted: ['OLD1'] });

    expect(result.state).toBe('succeeded');
    expect(result.counts).toEqual({ total: 4, succeeded: 4, failed: 0, skipped: 0, pending: 0 });
    expect(result.items.map((i) => i.ref)).toEqual(['A1', 'A2', 'M1', 'OLD1']);
    expect(result.providerJobs).toEqual([
      expect.objectContaining({ id: '95733', providerStatus: 'HTTP 200 (done)', polls: 3 }),
    ]);
    expect(result.providerJobs[0]?.attachments).toBeUndefined();
    expect(requests('status').map((r) => r.status)).toEqual([202, 202, 200, 200]);
    expect(requests('draft')).toHaveLength(0);
    expect(sim.jobCount()).toBe(1);
  });

  it('reports per-user failures as partial and keeps the failed-users CSV and the job log', async () => {
    const result = await run({
      added: [user('OK1'), user('X-FAIL'), user('BADMAIL', { emailAddress: 'b@invalid.example' })],
      deleted: ['OLD1', 'NOBODY'],
    });

    expect(result.state).toBe('partial');
    expect(result.counts).toEqual({ total: 5, succeeded: 2, failed: 3, skipped: 0, pending: 0 });
    expect(result.items.filter((i) => i.outcome === 'failed').map((i) => [i.ref, i.code])).toEqual([
      ['X-FAIL', 'ADD_FAILED'],
      ['BADMAIL', 'ADD_FAILED'],
      ['NOBODY', 'DELETE_FAILED'],
    ]);
    const attachments = result.providerJobs[0]?.attachments ?? [];
    expect(attachments.map((a) => a.contentType)).toEqual(['text/csv', 'text/plain']);
    expect(attachments[0]?.text).toContain('X-FAIL');
    expect(attachments.every((a) => !a.truncated)).toBe(true);
  });

  it('runs 501 users as two jobs, one after the other, never meeting the 409 of a running job', async () => {
    const deleted = Array.from({ length: 501 }, (_, i) => `OLD-${i}`);
    sim.setConfig({ pollsToComplete: 2, knownUsers: deleted });
    const result = await run({ deleted });

    expect(result.state).toBe('succeeded');
    expect(result.providerJobs.map((j) => j.counts.total)).toEqual([500, 1]);
    expect(requests('start').map((r) => r.status)).toEqual([202, 202]);
  });

  it('honours the Retry-After of a running job’s 202 between polls', async () => {
    sim.setConfig({ pollsToComplete: 2, retryAfterSeconds: 1 });
    const result = await run({ added: [user('A1')] });

    const polls = requests('status');
    expect(polls.slice(0, 2).map((r) => r.status)).toEqual([202, 200]);
    expect((polls[1]?.receivedAt ?? 0) - (polls[0]?.answeredAt ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(result.providerJobs[0]?.waitedOnRetryAfterMs).toBeGreaterThanOrEqual(1_000);
    expect(result.state).toBe('succeeded');
  });

  it('honours a 429 Retry-After on the status endpoint with no request inside the window', async () => {
    stack.sim.faults.add('oracle.syncUsers.status', { kind: 'status', status: 429, retryAfter: '1' });
    const result = await run({ added: [user('A1')] });

    const [limited, next] = requests('status');
    expect([limited?.status, next?.status]).toEqual([429, 202]);
    expect((next?.receivedAt ?? 0) - (limited?.answeredAt ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(result.providerJobs[0]?.answers).toMatchObject({ rateLimited: 1 });
    expect(result.state).toBe('succeeded');
  });

  it('waits while another user job runs at Oracle (409) and then starts exactly one job', async () => {
    const busy = { exception: 'USER_JOB_IN_PROGRESS', message: 'The previous create user operation must complete.' };
    stack.sim.faults.add('oracle.syncUsers.start', { kind: 'status', status: 409, body: busy }, 2);
    const result = await run({ added: [user('A1')] });

    const starts = requests('start');
    expect(starts.map((r) => r.status)).toEqual([409, 409, 202]);
    // Backoff by attempt (the stack's policy: 100 ms × 2^(n-1), ±20 % jitter): each gap is at least its lower bound.
    const [first = 0, second = 0] = gaps(starts.map((r) => r.receivedAt));
    expect([first >= 80, second >= 160]).toEqual([true, true]);
    expect(sim.jobCount()).toBe(1);
    expect(result.state).toBe('succeeded');
  });

  it('fails the batch on a permanent 400 with Oracle’s code, sending the start once', async () => {
    const body = { exception: 'INVALID_INPUT', message: 'Invalid input, Please check.' };
    stack.sim.faults.add('oracle.syncUsers.start', { kind: 'status', status: 400, body });
    const result = await run({ added: [user('A1'), user('A2')] });

    expect(requests('start')).toHaveLength(1);
    expect(result.state).toBe('failed');
    expect(result.items.map((i) => [i.outcome, i.code])).toEqual([
      ['failed', 'INVALID_INPUT'],
      ['failed', 'INVALID_INPUT'],
    ]);
    expect(sim.jobCount()).toBe(0);
  });

  it('stops loudly with AmbiguousStartError when a start may have been accepted, never starting a second job', async () => {
    stack.sim.faults.add('oracle.syncUsers.start', { kind: 'acceptThenReset' });
    const id = await start({ added: [user('A1')] });
    const failure = await stack.jobs.result(id).then(
      () => undefined,
      (err: unknown) => rootFailure(err),
    );

    expect(failure?.type).toBe('AmbiguousStartError');
    expect(failure?.message).toContain('oracle.syncUsers batch 0');
    expect(sim.jobCount()).toBe(1);
    expect(requests('start')).toHaveLength(1);
  });

  it.each([
    ['an invalid e-mail address', { added: [user('A1', { emailAddress: 'nope' })] }, 'input.added[0].emailAddress'],
    ['a login id in two lists', { added: [user('A1')], deleted: ['a1'] }, 'input.deleted[0]'],
    ['no user at all', { deleted: [] }, 'input: at least one of added, modified, deleted'],
  ])('rejects %s naming the field and sends nothing', async (_case, input, field) => {
    const failure = await stack.jobs.result(await start(input)).then(
      () => undefined,
      (err: unknown) => rootFailure(err),
    );

    expect(failure?.type).toBe('InvalidRequestError');
    expect(failure?.message).toContain(field);
    expect(stack.sim.log.entries()).toHaveLength(0);
  });
});
