import type { PlannedBatch, ProviderJobSnapshot } from '../../../../src/domain/job';
import type { OperationContext, ProviderOperation } from '../../../../src/providers/types';
import { createWebexMoveUsersOperation, webexMoveUsers } from '../../../../src/providers/webex-move-users';
import { batchOf, startHarness, userId, type SimHarness } from './sim-context';

const options = { idempotencyKey: 'k1', dryRun: false };

async function startJob(h: SimHarness, batch: PlannedBatch): Promise<string> {
  const outcome = await webexMoveUsers.start(h.ctx, batch, options);
  if (outcome.kind !== 'started') throw new Error(`expected a job, got ${outcome.kind}`);
  return outcome.providerJobId;
}

async function pollUntilDone(ctx: OperationContext, jobId: string, batch: PlannedBatch): Promise<ProviderJobSnapshot> {
  for (let i = 0; i < 20; i += 1) {
    const { snapshot } = await webexMoveUsers.poll(ctx, jobId, batch);
    if (snapshot.state !== 'running') return snapshot;
  }
  throw new Error('job never finished');
}

describe('webexMoveUsers against the simulator', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startHarness({ pollsToComplete: 2 });
  });
  afterEach(async () => {
    await h.server.close();
  });

  it('starts exactly one provider job per batch', async () => {
    await startJob(h, batchOf([userId(1), userId(2)]));
    expect(h.sim.jobCount()).toBe(1);
  });

  it('reports the job as running until the simulator completes it', async () => {
    const batch = batchOf([userId(1)]);
    const jobId = await startJob(h, batch);
    expect((await webexMoveUsers.poll(h.ctx, jobId, batch)).snapshot.state).toBe('running');
  });

  it('polls a job with one failing user to partial with the counts of the batch', async () => {
    h.sim.setConfig({ pollsToComplete: 2, failUsers: [userId(2)] });
    const batch = batchOf([userId(1), userId(2), userId(3)]);
    const snapshot = await pollUntilDone(h.ctx, await startJob(h, batch), batch);
    expect(snapshot).toMatchObject({ state: 'partial', counts: { total: 3, succeeded: 2, failed: 1, pending: 0 } });
  });

  it('collects the failed user with its code and the others as succeeded', async () => {
    h.sim.setConfig({ pollsToComplete: 1, failUsers: [userId(2)] });
    const batch = batchOf([userId(1), userId(2), userId(3)]);
    const jobId = await startJob(h, batch);
    const { items } = await webexMoveUsers.collectItems(h.ctx, jobId, batch, await pollUntilDone(h.ctx, jobId, batch));
    expect(items).toEqual([
      { ref: userId(1), outcome: 'succeeded' },
      { ref: userId(2), outcome: 'failed', code: '19605', message: expect.stringContaining('19605') },
      { ref: userId(3), outcome: 'succeeded' },
    ]);
  });

  it('maps a job where every user failed to failed, every item failed', async () => {
    const batch = batchOf(['a-FAIL', 'b-FAIL']);
    const jobId = await startJob(h, batch);
    const snapshot = await pollUntilDone(h.ctx, jobId, batch);
    const { items } = await webexMoveUsers.collectItems(h.ctx, jobId, batch, snapshot);
    expect(snapshot.state).toBe('failed');
    expect(items.map((i) => `${i.ref}:${i.outcome}`)).toEqual(['a-FAIL:failed', 'b-FAIL:failed']);
  });

  it('follows the errors pages to the end', async () => {
    const op: ProviderOperation = createWebexMoveUsersOperation({ errorsPageSize: 30 });
    const batch = batchOf(Array.from({ length: 100 }, (_, i) => `user-${i}-FAIL`));
    const jobId = await startJob(h, batch);
    const { items } = await op.collectItems(h.ctx, jobId, batch, await pollUntilDone(h.ctx, jobId, batch));
    expect(items.filter((i) => i.outcome === 'failed')).toHaveLength(100);
    const starts = h.server.log.entries({ endpoint: 'webex.moveUsers.errors' }).map((e) => e.query.start);
    expect(starts).toEqual(['0', '30', '60', '90']);
  });

  it('stops paging when a full page says paging.next is empty', async () => {
    const op: ProviderOperation = createWebexMoveUsersOperation({ errorsPageSize: 30 });
    const batch = batchOf(Array.from({ length: 60 }, (_, i) => `user-${i}-FAIL`));
    const jobId = await startJob(h, batch);
    await op.collectItems(h.ctx, jobId, batch, await pollUntilDone(h.ctx, jobId, batch));
    expect(h.server.log.entries({ endpoint: 'webex.moveUsers.errors' })).toHaveLength(2);
  });

  it('sends orgId on start and poll when the input names one', async () => {
    const batch = batchOf([userId(1)], 'org-x');
    await pollUntilDone(h.ctx, await startJob(h, batch), batch);
    expect(h.sim.getJobs()[0]?.orgId).toBe('org-x');
    expect(h.server.log.entries().every((e) => e.query.orgId === 'org-x')).toBe(true);
  });

  it('reads the job id from the SDK-shaped start answer', async () => {
    h.sim.setConfig({ pollsToComplete: 1, responseShape: 'sdk' });
    const jobId = await startJob(h, batchOf([userId(1)]));
    expect(h.sim.getJobs()[0]?.id).toBe(jobId);
  });

  it('throws ProviderRejectedError with the Webex code when the start is refused', async () => {
    const batch = {
      ...batchOf([userId(1)]),
      payload: {
        body: { usersList: [{ locationId: 'l', validate: false, users: [{ userId: 'u', phoneNumber: '123' }] }] },
      },
    };
    await expect(webexMoveUsers.start(h.ctx, batch, options)).rejects.toMatchObject({
      name: 'ProviderRejectedError',
      details: { status: 400, code: '1026017' },
    });
  });

  it('throws ProviderNotFoundError when polling a job the provider does not know', async () => {
    await expect(webexMoveUsers.poll(h.ctx, 'nope', batchOf([userId(1)]))).rejects.toMatchObject({
      name: 'ProviderNotFoundError',
    });
  });

  it('throws ProviderContractError when the status body is not JSON', async () => {
    const batch = batchOf([userId(1)]);
    const jobId = await startJob(h, batch);
    h.server.faults.add('webex.moveUsers.status', { kind: 'malformed' });
    await expect(webexMoveUsers.poll(h.ctx, jobId, batch)).rejects.toMatchObject({ name: 'ProviderContractError' });
  });

  it('throws ProviderRateLimitError with the Retry-After delay on a 429 status answer', async () => {
    const batch = batchOf([userId(1)]);
    const jobId = await startJob(h, batch);
    h.server.faults.add('webex.moveUsers.status', { kind: 'status', status: 429, retryAfter: '2' });
    await expect(webexMoveUsers.poll(h.ctx, jobId, batch)).rejects.toMatchObject({
      name: 'ProviderRateLimitError',
      details: { retryAfterMs: 2_000 },
    });
  });
});
