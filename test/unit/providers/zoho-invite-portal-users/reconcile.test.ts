import type { PlannedBatch } from '../../../../src/domain/job';
import { matchStartedJob } from '../../../../src/providers/zoho-invite-portal-users/reconcile';
import { zohoInvitePortalUsers } from '../../../../src/providers/zoho-invite-portal-users';
import type { PortalInviteJob } from '../../../../src/providers/zoho-invite-portal-users/schemas';
import type { ReconcileOutcome } from '../../../../src/providers/types';
import { batchOf, invite, recordId, startHarness, type SimHarness } from './sim-context';

const completed = (jobId: string, ids: ReadonlyArray<string | undefined>): PortalInviteJob => ({
  job_id: jobId,
  status: 'completed',
  data: ids.map((id) => ({ details: id === undefined ? {} : { id }, code: 'SUCCESS', status: 'success' })),
});

describe('matchStartedJob', () => {
  const refs = ['11', '12'];

  it('finds the one completed job reporting exactly the batch records, in any order', () => {
    const jobs = [completed('1', ['10']), completed('2', ['12', '11'])];
    expect(matchStartedJob(jobs, refs)).toEqual({ kind: 'found', providerJobId: '2' });
  });

  it('counts an entry with empty details towards the batch when the others are ours', () => {
    expect(matchStartedJob([completed('3', ['11', undefined])], refs)).toEqual({ kind: 'found', providerJobId: '3' });
  });

  it('finds none when no job reports these records', () => {
    const jobs = [completed('1', ['11']), completed('2', ['11', '13']), completed('4', [undefined, undefined])];
    expect(matchStartedJob(jobs, refs)).toEqual({ kind: 'none' });
  });

  it('finds none in an empty listing', () => {
    expect(matchStartedJob([], refs)).toEqual({ kind: 'none' });
  });

  it('reports ambiguous when two jobs report the same records (an earlier identical batch)', () => {
    const jobs = [completed('1', ['11', '12']), completed('2', ['12', '11'])];
    expect(matchStartedJob(jobs, refs)).toEqual({ kind: 'ambiguous', candidates: ['1', '2'] });
  });

  it('answers pending while a job in progress hides its records', () => {
    const jobs = [completed('1', ['11', '12']), { job_id: '2', status: 'in_progress', data: null }];
    expect(matchStartedJob(jobs, refs)).toEqual({
      kind: 'pending',
      reason: 'jobs 2 are still in progress and hide their records',
    });
  });
});

describe('zohoInvitePortalUsers.reconcileStart against the simulator', () => {
  let h: SimHarness;
  const batch = batchOf([invite(recordId(1)), invite(recordId(2))]);
  beforeEach(async () => {
    h = await startHarness({ pollsToComplete: 2 });
  });
  afterEach(async () => {
    await h.server.close();
  });

  const reconcile = (b: PlannedBatch = batch, sinceIso = new Date().toISOString()): Promise<ReconcileOutcome> =>
    zohoInvitePortalUsers.reconcileStart!(h.ctx, b, sinceIso);
  const start = (b: PlannedBatch): Promise<unknown> =>
    zohoInvitePortalUsers.start(h.ctx, b, { idempotencyKey: 'k', dryRun: false });

  it('finds none when the listing is empty (204), reading it without job_id', async () => {
    await expect(reconcile()).resolves.toEqual({ kind: 'none' });
    const [read] = h.server.log.entries({ endpoint: 'zoho.invitePortalUsers.status' });
    expect([read?.status, read?.query]).toEqual([204, {}]);
  });

  it('finds the one job an interrupted start created, once the listing shows its records', async () => {
    h.server.faults.add('zoho.invitePortalUsers.start', { kind: 'acceptThenReset' });
    await expect(start(batch)).rejects.toMatchObject({ name: 'ProviderUnavailableError' });
    // The first listing shows the job in progress (data null): nothing can be settled yet.
    await expect(reconcile()).resolves.toMatchObject({ kind: 'pending' });
    await expect(reconcile()).resolves.toEqual({ kind: 'found', providerJobId: h.sim.getJobs()[0]?.id });
  });

  it('finds none when only other batches ran', async () => {
    h.sim.setConfig({ pollsToComplete: 1 });
    await start(batchOf([invite(recordId(3))]));
    await expect(reconcile()).resolves.toEqual({ kind: 'none' });
  });

  it('reports ambiguous when the same records were sent twice', async () => {
    h.sim.setConfig({ pollsToComplete: 1 });
    await start(batch);
    await start(batchOf([invite(recordId(1), 'reinvite'), invite(recordId(2), 'reinvite')]));
    const outcome = await reconcile();
    expect(outcome).toEqual({ kind: 'ambiguous', candidates: h.sim.getJobs().map((j) => j.id) });
  });

  it('looks only at the jobs of the batch module', async () => {
    h.sim.setConfig({ pollsToComplete: 1 });
    await start(batchOf([invite(recordId(1)), invite(recordId(2))], 'Vendors'));
    await expect(reconcile()).resolves.toEqual({ kind: 'none' });
  });

  it('rejects a start time that is not a date', async () => {
    await expect(reconcile(batch, 'yesterday')).rejects.toMatchObject({
      name: 'InvalidRequestError',
      field: 'sinceIso',
    });
  });
});
