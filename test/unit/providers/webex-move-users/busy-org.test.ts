/**
 * A 409 to a Move Users start, told apart by what Webex documents: the org's job list. Against the simulator over
 * HTTP, with another caller's job running in the org (`foreign-jobs`) and `conflictWhileRunning`.
 */
import { ProviderRejectedError } from '../../../../src/domain/errors';
import { ranAt } from '../../../../src/providers/webex-move-users/busy-org';
import { webexMoveUsers } from '../../../../src/providers/webex-move-users';
import { MoveUsersJobSchema } from '../../../../src/providers/webex-move-users/schemas';
import { batchOf, startHarness, userId, type SimHarness } from './sim-context';

const options = { idempotencyKey: 'k1', dryRun: false };
const CONTROL = '/__sim/webex/move-users';

async function control(h: SimHarness, path: string, body: unknown = {}): Promise<{ id: string; status?: string }> {
  const res = await fetch(`${h.server.url}${CONTROL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as { id: string; status?: string };
}

async function refusal(h: SimHarness): Promise<unknown> {
  return webexMoveUsers.start(h.ctx, batchOf([userId(1)]), options).then(
    () => new Error('the start was accepted'),
    (err: unknown) => err,
  );
}

describe('webex.moveUsers: a start refused with 409', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startHarness({ pollsToComplete: 2, conflictWhileRunning: true });
  });
  afterEach(async () => {
    await h.server.close();
  });

  it("is TenantBusyError, retryable, naming the job the org's list shows running", async () => {
    const theirs = await control(h, '/foreign-jobs');
    expect(await refusal(h)).toMatchObject({
      name: 'TenantBusyError',
      retryable: true,
      runningJobId: theirs.id,
      details: { status: 409 },
      message: `webex: another job is running in this org (webex job ${theirs.id})`,
    });
    expect(h.server.log.entries({ endpoint: 'webex.moveUsers.list' })).toHaveLength(1);
  });

  it('creates the job once the other caller’s job ended', async () => {
    const theirs = await control(h, '/foreign-jobs');
    await refusal(h);
    await control(h, `/foreign-jobs/${encodeURIComponent(theirs.id)}/end`);
    await expect(webexMoveUsers.start(h.ctx, batchOf([userId(1)]), options)).resolves.toMatchObject({
      kind: 'started',
    });
    expect(h.sim.ledger()).toHaveLength(1);
    expect(h.sim.getJobs().map((job) => job.foreign)).toEqual([true, false]);
  });

  it('is refused for good as before when no job of the org ran (a 409 meaning something else)', async () => {
    h.server.faults.add('webex.moveUsers.start', { kind: 'status', status: 409 });
    const err = await refusal(h);
    expect(err).toBeInstanceOf(ProviderRejectedError);
    expect(err).toMatchObject({ retryable: false, details: { status: 409 } });
  });

  it('is refused for good as before when the list cannot be read for good', async () => {
    await control(h, '/foreign-jobs');
    h.server.faults.add('webex.moveUsers.list', { kind: 'status', status: 403 });
    expect(await refusal(h)).toMatchObject({ name: 'ProviderRejectedError', details: { status: 409 } });
  });

  it('passes on a retryable failure of the list, so the start is tried again', async () => {
    await control(h, '/foreign-jobs');
    h.server.faults.add('webex.moveUsers.list', { kind: 'status', status: 503 });
    expect(await refusal(h)).toMatchObject({ name: 'ProviderUnavailableError', retryable: true });
  });

  it('is busy only in the org of the other job', async () => {
    await control(h, '/foreign-jobs', { orgId: 'another-org' });
    await expect(webexMoveUsers.start(h.ctx, batchOf([userId(1)]), options)).resolves.toMatchObject({
      kind: 'started',
    });
  });
});

describe('ranAt', () => {
  const job = (status: string, exit: string, endTime?: string) =>
    MoveUsersJobSchema.parse({
      id: 'j',
      latestExecutionStatus: status,
      latestExecutionExitCode: exit,
      jobExecutionStatus: [{ id: 1, ...(endTime === undefined ? {} : { endTime }) }],
    });
  const since = Date.parse('2026-12-07T10:00:00.000Z');

  it('counts a job still running, or paused, as in the way', () => {
    expect([ranAt(job('STARTED', 'UNKNOWN'), since), ranAt(job('STOPPING', 'UNKNOWN'), since)]).toEqual([true, true]);
  });

  it('counts a job that ended after the start was sent (it was running when Webex answered)', () => {
    expect(ranAt(job('COMPLETED', 'COMPLETED', '2026-12-07T10:00:01.000Z'), since)).toBe(true);
  });

  it('does not count a job that ended before, or whose end is unknown', () => {
    expect(ranAt(job('COMPLETED', 'COMPLETED', '2026-12-07T09:59:59.000Z'), since)).toBe(false);
    expect(ranAt(job('FAILED', 'FAILED'), since)).toBe(false);
  });
});

describe('the simulator without conflictWhileRunning', () => {
  it('lets a start through beside another caller’s job (one job per org is UNCONFIRMED at Webex)', async () => {
    const h = await startHarness({ pollsToComplete: 2 });
    try {
      await control(h, '/foreign-jobs');
      await expect(webexMoveUsers.start(h.ctx, batchOf([userId(1)]), options)).resolves.toMatchObject({
        kind: 'started',
      });
    } finally {
      await h.server.close();
    }
  });
});
