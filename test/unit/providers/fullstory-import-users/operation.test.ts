import { fullstoryImportUsers } from '../../../../src/providers/fullstory-import-users';
import { batchOf, pollUntilDone, rawBatch, startHarness, startJob, users, type SimHarness } from './sim-context';

const collect = fullstoryImportUsers.collectItems.bind(fullstoryImportUsers);

describe('fullstoryImportUsers against the simulator', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startHarness({ pollsToComplete: 2 });
  });
  afterEach(async () => {
    await h.server.close();
  });

  const requests = (endpoint: string) => h.server.log.entries({ endpoint: `fullstory.importUsers.${endpoint}` });

  it('creates one job per batch, sending the Idempotency-Key it is given', async () => {
    await startJob(h, batchOf(users(3)), 'wf-9/batch-0');
    expect(h.sim.getJobs()).toEqual([
      expect.objectContaining({ idempotencyKey: 'wf-9/batch-0', uids: ['user-0', 'user-1', 'user-2'] }),
    ]);
  });

  it('gets the same job back when a start is re-sent with the same key, and creates no second one', async () => {
    const batch = batchOf(users(3));
    const first = await startJob(h, batch, 'wf-1/batch-0');
    const again = await startJob(h, batch, 'wf-1/batch-0');
    expect(again).toBe(first);
    expect([h.sim.jobCount(), requests('start').length]).toEqual([1, 2]);
  });

  it('reports the job as running until the simulator completes it', async () => {
    const batch = batchOf(users(1));
    const jobId = await startJob(h, batch);
    expect((await fullstoryImportUsers.poll(h.ctx, jobId, batch)).snapshot).toMatchObject({
      state: 'running',
      providerStatus: 'PROCESSING',
    });
  });

  it('collects a COMPLETED job as all succeeded, reading /errors but not /imports', async () => {
    const batch = batchOf(users(3));
    const jobId = await startJob(h, batch);
    const snapshot = await pollUntilDone(h, jobId, batch);
    const { items } = await collect(h.ctx, jobId, batch, snapshot);
    expect(snapshot.state).toBe('succeeded');
    expect(items.map((i) => `${i.ref}:${i.outcome}`)).toEqual([
      'user-0:succeeded',
      'user-1:succeeded',
      'user-2:succeeded',
    ]);
    expect([requests('errors').length, requests('imports').length]).toEqual([1, 0]);
  });

  it('maps FAILED with imports to partial and collects both succeeded and failed users', async () => {
    const batch = batchOf([{ uid: 'ok-1' }, { uid: 'bad-FAIL' }, { uid: 'ok-2' }]);
    const jobId = await startJob(h, batch);
    const snapshot = await pollUntilDone(h, jobId, batch);
    const { items } = await collect(h.ctx, jobId, batch, snapshot);
    expect(snapshot).toMatchObject({ state: 'partial', counts: { total: 3, succeeded: 2, failed: 1, pending: 0 } });
    expect(items).toEqual([
      { ref: 'ok-1', outcome: 'succeeded' },
      { ref: 'bad-FAIL', outcome: 'failed', code: 'failed_precondition', message: expect.stringContaining('bad-FAIL') },
      { ref: 'ok-2', outcome: 'succeeded' },
    ]);
  });

  it('maps a job where every user failed to failed, every item failed', async () => {
    const batch = batchOf([{ uid: 'a-FAIL' }, { uid: 'b-FAIL' }]);
    const jobId = await startJob(h, batch);
    const snapshot = await pollUntilDone(h, jobId, batch);
    const { items } = await collect(h.ctx, jobId, batch, snapshot);
    expect([snapshot.state, items.map((i) => i.outcome)]).toEqual(['failed', ['failed', 'failed']]);
  });

  it('follows page_token to the end of both /errors and /imports', async () => {
    h.sim.setConfig({ pollsToComplete: 1, pageSize: 2 });
    const batch = batchOf([...users(5, 'FAIL-'), ...users(5, 'ok-')]);
    const jobId = await startJob(h, batch);
    const { items } = await collect(h.ctx, jobId, batch, await pollUntilDone(h, jobId, batch));
    expect(items.filter((i) => i.outcome === 'failed')).toHaveLength(5);
    expect(items.filter((i) => i.outcome === 'succeeded')).toHaveLength(5);
    for (const endpoint of ['errors', 'imports']) {
      const tokens = requests(endpoint).map((e) => e.query.page_token);
      expect(tokens).toHaveLength(3);
      expect([tokens[0], new Set(tokens).size]).toEqual([undefined, 3]);
    }
  });

  it('stops paging on an empty next_page_token', async () => {
    h.sim.setConfig({ pollsToComplete: 1, pageSize: 2, lastPageToken: 'empty' });
    const batch = batchOf(users(4, 'FAIL-'));
    const jobId = await startJob(h, batch);
    await collect(h.ctx, jobId, batch, await pollUntilDone(h, jobId, batch));
    expect(requests('errors')).toHaveLength(2);
  });

  it('throws a retryable ProviderUnavailableError on a 202 from /errors while processing, then collects on 200', async () => {
    const batch = batchOf(users(2));
    const jobId = await startJob(h, batch);
    const running = (await fullstoryImportUsers.poll(h.ctx, jobId, batch)).snapshot;
    await expect(collect(h.ctx, jobId, batch, running)).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
      retryable: true,
      details: { status: 202 },
      message: expect.stringContaining('not ready'),
    });
    const { items } = await collect(h.ctx, jobId, batch, await pollUntilDone(h, jobId, batch));
    expect(requests('errors').map((e) => e.status)).toEqual([202, 200]);
    expect(items).toHaveLength(2);
  });

  it('keeps the Retry-After of a 202 from /imports', async () => {
    const batch = batchOf(users(1, 'FAIL-'));
    const jobId = await startJob(h, batch);
    const snapshot = await pollUntilDone(h, jobId, batch);
    h.server.faults.add('fullstory.importUsers.imports', { kind: 'status', status: 202, retryAfter: '4' });
    await expect(collect(h.ctx, jobId, batch, snapshot)).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
      details: { status: 202, retryAfterMs: 4_000 },
    });
  });

  it('throws ProviderContractError when a page token comes back a second time', async () => {
    const batch = batchOf(users(1, 'FAIL-'));
    const jobId = await startJob(h, batch);
    const snapshot = await pollUntilDone(h, jobId, batch);
    const body = JSON.stringify({ results: [], next_page_token: 'same' });
    h.server.faults.add('fullstory.importUsers.errors', { kind: 'malformed', body }, 2);
    await expect(collect(h.ctx, jobId, batch, snapshot)).rejects.toMatchObject({
      name: 'ProviderContractError',
      path: 'next_page_token',
    });
  });

  it('throws ProviderRateLimitError with Retry-After and code when the org has too many batches in progress', async () => {
    h.sim.setConfig({ pollsToComplete: 5, maxInProgressBatches: 1, retryAfterSeconds: 7 });
    await startJob(h, batchOf(users(1)), 'a');
    await expect(startJob(h, batchOf(users(1, 'x')), 'b')).rejects.toMatchObject({
      name: 'ProviderRateLimitError',
      details: { status: 429, retryAfterMs: 7_000, code: 'too_many_requests' },
    });
  });

  it.each([
    [423, 'ProviderLockedError'],
    [503, 'ProviderUnavailableError'],
    [500, 'ProviderUnavailableError'],
  ])('throws a retryable error on a %i status answer: %s', async (status, name) => {
    const batch = batchOf(users(1));
    const jobId = await startJob(h, batch);
    h.server.faults.add('fullstory.importUsers.status', { kind: 'status', status, retryAfter: '2' });
    await expect(fullstoryImportUsers.poll(h.ctx, jobId, batch)).rejects.toMatchObject({ name, retryable: true });
  });

  it('throws ProviderUnavailableError when the connection is reset', async () => {
    h.server.faults.add('fullstory.importUsers.start', { kind: 'reset' });
    await expect(startJob(h, batchOf(users(1)))).rejects.toMatchObject({ name: 'ProviderUnavailableError' });
  });

  it('throws ProviderRejectedError with FullStory code and message when a create is refused (400)', async () => {
    await expect(startJob(h, rawBatch([{ email: 'a@example.com' }]))).rejects.toMatchObject({
      name: 'ProviderRejectedError',
      retryable: false,
      details: { status: 400, code: 'required_field', providerMessage: 'uid is required' },
    });
  });

  it('throws ProviderRejectedError idempotency_conflict when a key is re-used with another body', async () => {
    await startJob(h, batchOf(users(1)), 'k');
    await expect(startJob(h, batchOf(users(2)), 'k')).rejects.toMatchObject({
      name: 'ProviderRejectedError',
      details: { status: 409, code: 'idempotency_conflict' },
    });
  });

  it('throws ProviderAuthError unauthorized on a 401', async () => {
    h.server.faults.add('fullstory.importUsers.start', { kind: 'status', status: 401 });
    await expect(startJob(h, batchOf(users(1)))).rejects.toMatchObject({
      name: 'ProviderAuthError',
      details: { status: 401, code: 'unauthorized', providerMessage: 'access is unauthorized' },
    });
  });

  it('throws ProviderAuthError forbidden for a key without the permission (403)', async () => {
    const outcome = fullstoryImportUsers.start(h.forbiddenCtx, batchOf(users(1)), {
      idempotencyKey: 'k',
      dryRun: false,
    });
    await expect(outcome).rejects.toMatchObject({
      name: 'ProviderAuthError',
      details: { status: 403, code: 'forbidden' },
    });
  });

  it('throws ProviderNotFoundError resource_not_found when polling a job FullStory does not know', async () => {
    await expect(fullstoryImportUsers.poll(h.ctx, 'nope=', batchOf(users(1)))).rejects.toMatchObject({
      name: 'ProviderNotFoundError',
      details: { status: 404, code: 'resource_not_found' },
    });
  });

  it('throws ProviderContractError when the status body is not JSON', async () => {
    const batch = batchOf(users(1));
    const jobId = await startJob(h, batch);
    h.server.faults.add('fullstory.importUsers.status', { kind: 'malformed' });
    await expect(fullstoryImportUsers.poll(h.ctx, jobId, batch)).rejects.toMatchObject({
      name: 'ProviderContractError',
    });
  });

  it('refuses a dry run without sending anything', async () => {
    const outcome = fullstoryImportUsers.start(h.ctx, batchOf(users(1)), { idempotencyKey: 'k', dryRun: true });
    await expect(outcome).rejects.toMatchObject({ name: 'InvalidRequestError', field: 'dryRun' });
    expect(h.server.log.entries()).toHaveLength(0);
  });
});
