import type { PlannedBatch, ProviderJobSnapshot } from '../../../../src/domain/job';
import { oracleSyncUsers } from '../../../../src/providers/oracle-sync-users';
import { toAttachment } from '../../../../src/providers/oracle-sync-users/collect-items';
import type { OperationContext } from '../../../../src/providers/types';
import { batchOf, startHarness, user, type SimHarness } from './sim-context';

async function finishedJob(ctx: OperationContext, batch: PlannedBatch): Promise<[string, ProviderJobSnapshot]> {
  const outcome = await oracleSyncUsers.start(ctx, batch, { idempotencyKey: 'k', dryRun: false });
  if (outcome.kind !== 'started') throw new Error('no job');
  for (let i = 0; i < 10; i += 1) {
    const { snapshot } = await oracleSyncUsers.poll(ctx, outcome.providerJobId, batch);
    if (snapshot.state !== 'running') return [outcome.providerJobId, snapshot];
  }
  throw new Error('job never finished');
}

describe('oracleSyncUsers collectItems against the simulator', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startHarness({ pollsToComplete: 1, knownUsers: ['OLD1'] });
  });
  afterEach(async () => {
    await h.server.close();
  });

  const mixed = batchOf({
    added: [user('OK1'), user('X-FAIL'), user('BADMAIL', { emailAddress: 'b@invalid.example' }), user('NOACCESS1')],
    modified: [user('OK2')],
    deleted: ['OLD1', 'UNKNOWN'],
  });

  it('reports each user’s outcome with Oracle’s statusInfo, keyed by login id', async () => {
    const [jobId, snapshot] = await finishedJob(h.ctx, mixed);
    const { items } = await oracleSyncUsers.collectItems(h.ctx, jobId, mixed, snapshot);
    expect(snapshot).toMatchObject({ state: 'partial', counts: { total: 7, succeeded: 3, failed: 4 } });
    expect(items.map((i) => [i.ref, i.outcome, i.code])).toEqual([
      ['OK1', 'succeeded', undefined],
      ['X-FAIL', 'failed', 'ADD_FAILED'],
      ['BADMAIL', 'failed', 'ADD_FAILED'],
      ['NOACCESS1', 'failed', 'ADD_FAILED'],
      ['OK2', 'succeeded', undefined],
      ['OLD1', 'succeeded', undefined],
      ['UNKNOWN', 'failed', 'DELETE_FAILED'],
    ]);
    expect(items[1]?.message).toMatch(/^User creation failed/);
    expect(items[3]?.message).toBe('User created, but Application Access failed');
  });

  it('attaches the failed-users CSV and the job log when users failed', async () => {
    const [jobId, snapshot] = await finishedJob(h.ctx, mixed);
    const { attachments } = await oracleSyncUsers.collectItems(h.ctx, jobId, mixed, snapshot);
    expect(attachments?.map((a) => [a.name, a.contentType, a.truncated])).toEqual([
      [`oracle-user-job-${jobId}-failed-users.csv`, 'text/csv', false],
      [`oracle-user-job-${jobId}.log`, 'text/plain', false],
    ]);
    expect(attachments?.[0]?.text).toContain('X-FAIL');
    expect(attachments?.[0]?.text).not.toContain('OK1');
    expect(attachments?.[1]?.text).toContain(`Job ${jobId}`);
  });

  it('attaches nothing and fetches no file when every user succeeded', async () => {
    const batch = batchOf({ added: [user('OK1')], deleted: ['OLD1'] });
    const [jobId, snapshot] = await finishedJob(h.ctx, batch);
    const collected = await oracleSyncUsers.collectItems(h.ctx, jobId, batch, snapshot);
    expect(collected).toEqual({
      items: [
        { ref: 'OK1', outcome: 'succeeded', message: 'User created' },
        { ref: 'OLD1', outcome: 'succeeded' },
      ],
    });
    const files = h.server.log.entries().filter((e) => /\/(draft|log)$/.test(e.path));
    expect(files).toEqual([]);
  });

  it('fails the users left unprocessed by a job exception with its key and attaches the files', async () => {
    h.sim.setConfig({ pollsToComplete: 1, jobException: { exception: 'IDM_UNAVAILABLE', afterUsers: 1 } });
    const batch = batchOf({ added: [user('A'), user('B')], deleted: ['C'] });
    const [jobId, snapshot] = await finishedJob(h.ctx, batch);
    const { items, attachments } = await oracleSyncUsers.collectItems(h.ctx, jobId, batch, snapshot);
    expect(items.map((i) => `${i.ref}:${i.outcome}:${i.code ?? ''}`)).toEqual([
      'A:succeeded:',
      'B:failed:IDM_UNAVAILABLE',
      'C:failed:IDM_UNAVAILABLE',
    ]);
    expect(attachments).toHaveLength(2);
  });

  it('reads the v3 files with Bearer auth', async () => {
    const [jobId, snapshot] = await finishedJob(h.bearer, mixed);
    await oracleSyncUsers.collectItems(h.bearer, jobId, mixed, snapshot);
    expect(h.server.log.entries().map((e) => e.endpoint)).toContain('oracle.syncUsers.v3.draft');
  });

  it('leaves out a file Oracle does not have (404), with a warning', async () => {
    const [jobId, snapshot] = await finishedJob(h.ctx, mixed);
    h.server.faults.add('oracle.syncUsers.draft', { kind: 'status', status: 404 });
    const { attachments } = await oracleSyncUsers.collectItems(h.ctx, jobId, mixed, snapshot);
    expect(attachments?.map((a) => a.contentType)).toEqual(['text/plain']);
    expect(h.warnings).toContainEqual(expect.objectContaining({ file: '/draft', status: 404 }));
  });

  it('throws a retryable error when a file answers 503, so the activity tries again', async () => {
    const [jobId, snapshot] = await finishedJob(h.ctx, mixed);
    h.server.faults.add('oracle.syncUsers.log', { kind: 'status', status: 503 });
    await expect(oracleSyncUsers.collectItems(h.ctx, jobId, mixed, snapshot)).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
      retryable: true,
    });
  });

  it('throws ProviderContractError when the finished job answers 202 again', async () => {
    const [jobId, snapshot] = await finishedJob(h.ctx, mixed);
    h.server.faults.add('oracle.syncUsers.status', { kind: 'status', status: 202, body: {} });
    await expect(oracleSyncUsers.collectItems(h.ctx, jobId, mixed, snapshot)).rejects.toMatchObject({
      name: 'ProviderContractError',
    });
  });
});

describe('toAttachment', () => {
  it('keeps a text within the limit as it is', () => {
    expect(toAttachment('a.log', 'text/plain', 'short', 10)).toEqual({
      name: 'a.log',
      contentType: 'text/plain',
      text: 'short',
      truncated: false,
    });
  });

  it('cuts at 64 KiB by default and flags the cut', () => {
    const cut = toAttachment('a.csv', 'text/csv', 'x'.repeat(70_000));
    expect([cut.text.length, cut.truncated]).toEqual([64 * 1024, true]);
  });

  it('never cuts inside a multi-byte character', () => {
    const cut = toAttachment('a.log', 'text/plain', 'ab€€', 4);
    expect(cut).toMatchObject({ text: 'ab', truncated: true });
    expect(toAttachment('a.log', 'text/plain', 'ab€€', 5).text).toBe('ab€');
  });
});
