import type { PlannedBatch, ProviderJobSnapshot } from '../../../../src/domain/job';
import { zohoInvitePortalUsers } from '../../../../src/providers/zoho-invite-portal-users';
import { batchOf, invite, recordId, startHarness, type SimHarness } from './sim-context';

const options = { idempotencyKey: 'k1', dryRun: false };
const op = zohoInvitePortalUsers;

async function startJob(h: SimHarness, batch: PlannedBatch): Promise<string> {
  const outcome = await op.start(h.ctx, batch, options);
  if (outcome.kind !== 'started') throw new Error(`expected a job, got ${outcome.kind}`);
  return outcome.providerJobId;
}

async function pollUntilDone(h: SimHarness, jobId: string, batch: PlannedBatch): Promise<ProviderJobSnapshot> {
  for (let i = 0; i < 20; i += 1) {
    const { snapshot } = await op.poll(h.ctx, jobId, batch);
    if (snapshot.state !== 'running') return snapshot;
  }
  throw new Error('job never finished');
}

describe('zohoInvitePortalUsers against the simulator', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startHarness({ pollsToComplete: 2 });
  });
  afterEach(async () => {
    await h.server.close();
  });

  it('starts exactly one provider job per batch, sending the ids as strings to the module path', async () => {
    const jobId = await startJob(h, batchOf([invite(recordId(1)), invite(recordId(2))]));
    expect(h.sim.getJobs()).toMatchObject([{ id: jobId, version: 'v8', module: 'Contacts' }]);
    expect(h.sim.getJobs()[0]?.recordIds).toEqual([recordId(1), recordId(2)]);
    expect(h.server.log.entries()[0]?.path).toBe('/crm/v8/Contacts/actions/portal_invite');
  });

  it('reports the job as running (in_progress) until the simulator completes it', async () => {
    const batch = batchOf([invite(recordId(1))]);
    const { snapshot } = await op.poll(h.ctx, await startJob(h, batch), batch);
    expect(snapshot).toMatchObject({ state: 'running', providerStatus: 'in_progress', counts: { pending: 1 } });
  });

  it('polls with job_id and completes a job of SUCCESS records to succeeded', async () => {
    const batch = batchOf([invite(recordId(1)), invite(recordId(2))]);
    const jobId = await startJob(h, batch);
    const snapshot = await pollUntilDone(h, jobId, batch);
    expect(snapshot).toMatchObject({ state: 'succeeded', counts: { total: 2, succeeded: 2 } });
    expect(h.server.log.entries({ endpoint: 'zoho.invitePortalUsers.status' })[0]?.query).toEqual({ job_id: jobId });
  });

  it('reports a partial job with per-record outcomes: 999 ids and invites of invited records fail', async () => {
    h.sim.setConfig({ pollsToComplete: 1, preInvited: [recordId(3)] });
    const batch = batchOf([invite(recordId(1)), invite('5020928000002000999'), invite(recordId(3))]);
    const jobId = await startJob(h, batch);
    const snapshot = await pollUntilDone(h, jobId, batch);
    const { items } = await op.collectItems(h.ctx, jobId, batch, snapshot);
    expect(snapshot).toMatchObject({ state: 'partial', counts: { succeeded: 1, failed: 2 } });
    expect(items).toEqual([
      { ref: recordId(1), outcome: 'succeeded' },
      { ref: '5020928000002000999', outcome: 'failed', code: 'CANNOT_PROCESS', message: expect.any(String) },
      { ref: recordId(3), outcome: 'failed', code: 'CANNOT_PROCESS', message: expect.stringContaining('reinvite') },
    ]);
  });

  it('succeeds a reinvite of a record already invited', async () => {
    h.sim.setConfig({ pollsToComplete: 1, preInvited: [recordId(3)] });
    const batch = batchOf([invite(recordId(3), 'reinvite')]);
    expect((await pollUntilDone(h, await startJob(h, batch), batch)).state).toBe('succeeded');
  });

  it('keeps job ids above 2^53 exact when Zoho writes job_id as a JSON number', async () => {
    h.sim.setConfig({ pollsToComplete: 1, numericJobIds: true });
    const batch = batchOf([invite(recordId(1))]);
    const jobId = await startJob(h, batch);
    expect(jobId).toBe(h.sim.getJobs()[0]?.id);
    expect(BigInt(jobId)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect((await pollUntilDone(h, jobId, batch)).state).toBe('succeeded');
  });
});
