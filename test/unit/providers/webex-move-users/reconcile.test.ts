import { webexMoveUsers } from '../../../../src/providers/webex-move-users';
import { batchOf, startHarness, userId, type SimHarness } from './sim-context';

describe('webexMoveUsers.reconcileStart against the simulator', () => {
  let h: SimHarness;
  const batch = batchOf([userId(1)]);
  beforeEach(async () => {
    h = await startHarness({ pollsToComplete: 2 });
  });
  afterEach(async () => {
    await h.server.close();
  });

  const reconcile = (sinceIso: string, b = batch): ReturnType<NonNullable<typeof webexMoveUsers.reconcileStart>> =>
    webexMoveUsers.reconcileStart!(h.ctx, b, sinceIso);

  it('finds nothing when no job was created', async () => {
    await expect(reconcile(new Date().toISOString())).resolves.toEqual({ kind: 'none' });
  });

  it('finds the one job an interrupted start created', async () => {
    const since = new Date().toISOString();
    h.server.faults.add('webex.moveUsers.start', { kind: 'acceptThenReset' });
    await expect(webexMoveUsers.start(h.ctx, batch, { idempotencyKey: 'k', dryRun: false })).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
    });
    await expect(reconcile(since)).resolves.toEqual({ kind: 'found', providerJobId: h.sim.getJobs()[0]?.id });
  });

  it('reports ambiguous when two jobs were created since the start', async () => {
    const since = new Date().toISOString();
    await webexMoveUsers.start(h.ctx, batch, { idempotencyKey: 'k', dryRun: false });
    await webexMoveUsers.start(h.ctx, batchOf([userId(2)]), { idempotencyKey: 'k2', dryRun: false });
    const outcome = await reconcile(since);
    expect(outcome).toMatchObject({
      kind: 'ambiguous',
      candidates: expect.arrayContaining(h.sim.getJobs().map((j) => j.id)),
    });
  });

  it('ignores jobs created before the start time minus the clock skew', async () => {
    await webexMoveUsers.start(h.ctx, batch, { idempotencyKey: 'k', dryRun: false });
    await expect(reconcile(new Date(Date.now() + 60_000).toISOString())).resolves.toEqual({ kind: 'none' });
  });

  it('tolerates a provider clock a few seconds behind ours', async () => {
    await webexMoveUsers.start(h.ctx, batch, { idempotencyKey: 'k', dryRun: false });
    await expect(reconcile(new Date(Date.now() + 3_000).toISOString())).resolves.toMatchObject({ kind: 'found' });
  });

  it('looks only at the jobs of the batch org', async () => {
    const since = new Date().toISOString();
    await webexMoveUsers.start(h.ctx, batchOf([userId(1)], 'org-other'), { idempotencyKey: 'k', dryRun: false });
    await expect(reconcile(since, batchOf([userId(1)], 'org-mine'))).resolves.toEqual({ kind: 'none' });
  });
});
