import {
  createWebexResendActivationEmailsOperation,
  webexResendActivationEmails as op,
} from '../../../../src/providers/webex-resend-activation-emails';
import { batchFor, jobsPath, ORG_ID, pollUntilDone, startHarness, startJob, type SimHarness } from './sim-context';

const batch = batchFor();
const everyOther = (n: number): number[] => Array.from({ length: n }, (_, i) => i * 2);

describe('webexResendActivationEmails against the simulator', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startHarness({ pollsToComplete: 2 });
  });
  afterEach(async () => {
    await h.server.close();
  });

  const requests = (endpoint: string) => h.requests(endpoint);

  it('starts exactly one job for the org with a POST on the org path and returns its id', async () => {
    const jobId = await startJob(h);
    expect(h.sim.getJobs().map((j) => [j.id, j.orgId])).toEqual([[jobId, ORG_ID]]);
    expect(requests('start').map((r) => [r.method, r.path])).toEqual([['POST', jobsPath()]]);
  });

  it('reports the job as running while the report step lists the users', async () => {
    h.sim.setConfig({ pollsToComplete: 4 });
    const { snapshot } = await op.poll(h.ctx, await startJob(h), batch);
    expect(snapshot).toEqual({
      state: 'running',
      providerStatus: 'STARTED/UNKNOWN',
      counts: expect.objectContaining({ total: 0 }),
    });
  });

  it('polls a job with no failure to succeeded with the org counts', async () => {
    h.sim.setConfig({ pollsToComplete: 2, orgUsers: 10, failUsers: [], skipUsers: [] });
    const snapshot = await pollUntilDone(h, await startJob(h));
    expect(snapshot).toEqual({
      state: 'succeeded',
      providerStatus: 'COMPLETED/COMPLETED',
      counts: { total: 10, succeeded: 10, failed: 0, skipped: 0, pending: 0 },
    });
  });

  it('polls the default population to partial: a few skipped, a few failed', async () => {
    const snapshot = await pollUntilDone(h, await startJob(h));
    expect(snapshot).toMatchObject({
      state: 'partial',
      providerStatus: 'COMPLETED/COMPLETED_WITH_ERRORS',
      counts: { total: 120, succeeded: 115, failed: 2, skipped: 3, pending: 0 },
    });
  });

  it('maps a job whose report step failed to failed', async () => {
    h.sim.setConfig({ pollsToComplete: 2, failJob: true });
    expect(await pollUntilDone(h, await startJob(h))).toMatchObject({
      state: 'failed',
      reason: expect.stringContaining('FAILED/FAILED'),
    });
  });

  it('collects skipped (ATLAS-600199) and failed users with their codes and descriptions', async () => {
    h.sim.setConfig({ pollsToComplete: 1, orgUsers: 5, skipUsers: [1], failUsers: [3] });
    const jobId = await startJob(h);
    const { items } = await op.collectItems(h.ctx, jobId, batch, await pollUntilDone(h, jobId));
    expect(items).toEqual([
      { ref: 'item-2', outcome: 'skipped', code: 'ATLAS-600199', message: expect.stringContaining('last 24 hours') },
      {
        ref: 'item-4',
        outcome: 'failed',
        code: 'SIM-RESEND-FAILED',
        message: expect.stringContaining('user4@example.com'),
      },
    ]);
    expect(h.warnings).toEqual([]);
  });

  it.each(['absolute', 'relative'] as const)(
    'follows %s Link next targets through 130 errors in pages of 50, skipped vs failed',
    async (linkStyle) => {
      const skipUsers = everyOther(80);
      const failUsers = Array.from({ length: 50 }, (_, i) => 160 + i);
      h.sim.setConfig({ pollsToComplete: 1, orgUsers: 250, skipUsers, failUsers, linkStyle });
      const jobId = await startJob(h);
      const { items } = await op.collectItems(h.ctx, jobId, batch, await pollUntilDone(h, jobId));
      expect(items).toHaveLength(130);
      expect(items.filter((i) => i.outcome === 'skipped')).toHaveLength(80);
      expect(items.filter((i) => i.outcome === 'failed')).toHaveLength(50);
      expect(new Set(items.map((i) => i.ref)).size).toBe(130);
      const pages = requests('errors');
      expect(pages.map((p) => p.query.max)).toEqual(['50', '50', '50']);
      expect(pages.map((p) => p.query.cursor === undefined)).toEqual([true, false, false]);
    },
  );

  it('asks for the configured page size on the first page', async () => {
    const small = createWebexResendActivationEmailsOperation({ errorsPageSize: 2 });
    const jobId = await startJob(h);
    await small.collectItems(h.ctx, jobId, batch, await pollUntilDone(h, jobId));
    expect(requests('errors')).toHaveLength(3);
  });
});
