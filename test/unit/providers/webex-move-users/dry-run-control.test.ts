import { webexMoveUsers } from '../../../../src/providers/webex-move-users';
import { batchOf, startHarness, userId, type SimHarness } from './sim-context';

describe('webexMoveUsers dry run against the simulator', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startHarness({ pollsToComplete: 2, failUsers: [userId(2)] });
  });
  afterEach(async () => {
    await h.server.close();
  });

  it('validates user by user, one request each, and creates no job', async () => {
    await webexMoveUsers.start(h.ctx, batchOf([userId(1), userId(2), userId(3)]), {
      idempotencyKey: 'k',
      dryRun: true,
    });
    expect(h.server.log.entries({ endpoint: 'webex.moveUsers.start' })).toHaveLength(3);
    expect(h.sim.jobCount()).toBe(0);
  });

  it('reports a user with validation errors as failed with the code, keeping impacts', async () => {
    const outcome = await webexMoveUsers.start(h.ctx, batchOf([userId(1), userId(2)]), {
      idempotencyKey: 'k',
      dryRun: true,
    });
    expect(outcome).toEqual({
      kind: 'validated',
      items: [
        { ref: userId(1), outcome: 'succeeded', impacts: [expect.objectContaining({ code: '19701' })] },
        {
          ref: userId(2),
          outcome: 'failed',
          code: '4202',
          message: expect.stringContaining('extension is not available'),
          impacts: [expect.objectContaining({ code: '19701' })],
        },
      ],
    });
  });

  it('reads validation results shaped as the SDK shows them', async () => {
    h.sim.setConfig({ responseShape: 'sdk', failUsers: [userId(2)] });
    const outcome = await webexMoveUsers.start(h.ctx, batchOf([userId(2)]), { idempotencyKey: 'k', dryRun: true });
    expect(outcome).toMatchObject({ kind: 'validated', items: [{ outcome: 'failed', code: '4202' }] });
  });

  it('reports a user refused with a 400 (not E.164) as failed with the Webex code', async () => {
    const batch = batchOf([userId(1)]);
    const bad = {
      body: { usersList: [{ locationId: 'l', validate: false, users: [{ userId: 'u', phoneNumber: '12' }] }] },
    };
    const outcome = await webexMoveUsers.start(
      h.ctx,
      { ...batch, payload: bad },
      { idempotencyKey: 'k', dryRun: true },
    );
    expect(outcome).toMatchObject({ kind: 'validated', items: [{ ref: 'u', outcome: 'failed', code: '1026017' }] });
  });
});

describe('webexMoveUsers control against the simulator', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startHarness({ pollsToComplete: 2 });
  });
  afterEach(async () => {
    await h.server.close();
  });

  async function started(): Promise<{ jobId: string; batch: ReturnType<typeof batchOf> }> {
    const batch = batchOf([userId(1), userId(2)]);
    const outcome = await webexMoveUsers.start(h.ctx, batch, { idempotencyKey: 'k', dryRun: false });
    if (outcome.kind !== 'started') throw new Error('not started');
    return { jobId: outcome.providerJobId, batch };
  }

  it('pauses a job: the next poll reports it running and paused', async () => {
    const { jobId, batch } = await started();
    await webexMoveUsers.control!(h.ctx, jobId, batch, 'pause');
    expect((await webexMoveUsers.poll(h.ctx, jobId, batch)).snapshot).toMatchObject({ state: 'running', paused: true });
  });

  it('keeps a paused job from progressing however often it is polled', async () => {
    const { jobId, batch } = await started();
    await webexMoveUsers.control!(h.ctx, jobId, batch, 'pause');
    for (let i = 0; i < 4; i += 1) await webexMoveUsers.poll(h.ctx, jobId, batch);
    expect((await webexMoveUsers.poll(h.ctx, jobId, batch)).snapshot.state).toBe('running');
  });

  it('resumes a paused job, which then completes', async () => {
    const { jobId, batch } = await started();
    await webexMoveUsers.control!(h.ctx, jobId, batch, 'pause');
    await webexMoveUsers.control!(h.ctx, jobId, batch, 'resume');
    await webexMoveUsers.poll(h.ctx, jobId, batch);
    expect((await webexMoveUsers.poll(h.ctx, jobId, batch)).snapshot.state).toBe('succeeded');
  });

  it('abandons a job: the next poll reports it cancelled', async () => {
    const { jobId, batch } = await started();
    await webexMoveUsers.control!(h.ctx, jobId, batch, 'abandon');
    expect((await webexMoveUsers.poll(h.ctx, jobId, batch)).snapshot.state).toBe('cancelled');
  });

  it('sends each action to its invoke endpoint', async () => {
    const { jobId, batch } = await started();
    for (const action of ['pause', 'resume', 'abandon'] as const)
      await webexMoveUsers.control!(h.ctx, jobId, batch, action);
    const endpoints = h.server.log.entries({ method: 'POST' }).map((e) => `${e.endpoint}:${e.status}`);
    expect(endpoints.slice(1)).toEqual([
      'webex.moveUsers.pause:202',
      'webex.moveUsers.resume:202',
      'webex.moveUsers.abandon:202',
    ]);
  });

  it('accepts any 2xx from an action endpoint', async () => {
    h.sim.setConfig({ pollsToComplete: 2, abandonStatus: 204 });
    const { jobId, batch } = await started();
    await expect(webexMoveUsers.control!(h.ctx, jobId, batch, 'abandon')).resolves.toBeUndefined();
  });

  it('throws ProviderRejectedError when pausing a finished job', async () => {
    const { jobId, batch } = await started();
    await webexMoveUsers.poll(h.ctx, jobId, batch);
    await webexMoveUsers.poll(h.ctx, jobId, batch);
    await expect(webexMoveUsers.control!(h.ctx, jobId, batch, 'pause')).rejects.toMatchObject({
      name: 'ProviderRejectedError',
      details: { status: 409 },
    });
  });
});
