import type { PlannedBatch, ProviderJobSnapshot } from '../../../../src/domain/job';
import { oracleSyncUsers } from '../../../../src/providers/oracle-sync-users';
import type { OracleSyncUsersSimConfig } from '../../../../src/providers/oracle-sync-users/simulator';
import type { OperationContext } from '../../../../src/providers/types';
import { batchOf, startHarness, user, type SimHarness } from './sim-context';

const options = { idempotencyKey: 'k1', dryRun: false };

async function startJob(ctx: OperationContext, batch: PlannedBatch): Promise<string> {
  const outcome = await oracleSyncUsers.start(ctx, batch, options);
  if (outcome.kind !== 'started') throw new Error(`expected a job, got ${outcome.kind}`);
  return outcome.providerJobId;
}

async function pollUntilDone(ctx: OperationContext, jobId: string, batch: PlannedBatch): Promise<ProviderJobSnapshot> {
  for (let i = 0; i < 20; i += 1) {
    const { snapshot } = await oracleSyncUsers.poll(ctx, jobId, batch);
    if (snapshot.state !== 'running') return snapshot;
  }
  throw new Error('job never finished');
}

describe('oracleSyncUsers start against the simulator', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startHarness({ pollsToComplete: 2 });
  });
  afterEach(async () => {
    await h.server.close();
  });

  const started = async (config: OracleSyncUsersSimConfig): Promise<string> => {
    h.sim.setConfig(config);
    return startJob(h.ctx, batchOf({ added: [user('JSMITH')] }));
  };

  it('posts with Basic auth to the v1 path and reads the id from a relative Location', async () => {
    expect(await started({ locationStyle: 'relative', startBody: 'empty' })).toBe(h.sim.getJobs()[0]?.id);
    expect(h.server.log.entries().map((e) => e.path)).toEqual(['/cloudapi/restapi/user']);
  });

  it('posts with Bearer auth to the v3 path', async () => {
    const jobId = await startJob(h.bearer, batchOf({ added: [user('JSMITH')] }));
    expect(h.sim.getJobs()[0]).toMatchObject({ id: jobId, version: 'v3' });
    expect(h.server.log.entries().map((e) => e.endpoint)).toEqual(['oracle.syncUsers.v3.start']);
  });

  it('reads the id from an absolute Location', async () => {
    expect(await started({ locationStyle: 'absolute', startBody: 'empty' })).toBe(h.sim.getJobs()[0]?.id);
  });

  it.each([['number'], ['string'], ['object']] as const)(
    'reads the id from a %s body when there is no Location',
    async (startBody) => {
      expect(await started({ locationStyle: 'none', startBody })).toBe(h.sim.getJobs()[0]?.id);
    },
  );

  it('throws ProviderContractError naming Location when neither header nor body carries an id', async () => {
    await expect(started({ locationStyle: 'none', startBody: 'empty' })).rejects.toMatchObject({
      name: 'ProviderContractError',
      path: 'Location',
      message: expect.stringContaining('Primavera Administration'),
    });
  });

  it('throws ProviderLockedError (retryable) when another create job is still running', async () => {
    await startJob(h.ctx, batchOf({ added: [user('FIRST')] }));
    await expect(oracleSyncUsers.start(h.ctx, batchOf({ added: [user('SECOND')] }), options)).rejects.toMatchObject({
      name: 'ProviderLockedError',
      retryable: true,
      details: { status: 409, code: 'USER_JOB_IN_PROGRESS', providerMessage: expect.stringContaining('must complete') },
    });
    expect(h.sim.jobCount()).toBe(1);
  });

  it('keeps any other 409 permanent: ProviderRejectedError with the provider code', async () => {
    const body = { exception: 'DUPLICATE_EMAIL', message: 'The e-mail address is used by another user.' };
    h.server.faults.add('oracle.syncUsers.start', { kind: 'status', status: 409, body });
    await expect(oracleSyncUsers.start(h.ctx, batchOf({ added: [user('A')] }), options)).rejects.toMatchObject({
      name: 'ProviderRejectedError',
      retryable: false,
      details: { status: 409, code: 'DUPLICATE_EMAIL', providerMessage: body.message },
    });
  });

  it('throws ProviderRejectedError with Oracle’s code and message when the start is invalid', async () => {
    const batch = { ...batchOf({ added: [user('A')] }), payload: { body: { added: [{ loginId: 'A' }] } } };
    await expect(oracleSyncUsers.start(h.ctx, batch, options)).rejects.toMatchObject({
      name: 'ProviderRejectedError',
      details: { status: 400, code: 'INVALID_INPUT', providerMessage: expect.stringContaining('Invalid input') },
    });
  });

  it.each([
    [401, 'ProviderAuthError', 'UNAUTHORIZED'],
    [403, 'ProviderAuthError', 'FORBIDDEN'],
    [429, 'ProviderRateLimitError', 'TOO_MANY_REQUESTS'],
    [500, 'ProviderUnavailableError', 'INTERNAL_SERVER_ERROR'],
  ])('maps a %i start answer to %s keeping the code %s', async (status, name, code) => {
    h.server.faults.add('oracle.syncUsers.start', { kind: 'status', status });
    await expect(oracleSyncUsers.start(h.ctx, batchOf({ added: [user('A')] }), options)).rejects.toMatchObject({
      name,
      details: { status, code },
    });
  });

  it('reports users processed synchronously (a 200 with per-user results) as final items', async () => {
    const body = { added: [{ loginId: 'A', statusInfo: 'User created', statusInfoOK: true }] };
    h.server.faults.add('oracle.syncUsers.start', { kind: 'status', status: 200, body });
    const outcome = await oracleSyncUsers.start(h.ctx, batchOf({ added: [user('A')] }), options);
    expect(outcome).toEqual({
      kind: 'validated',
      items: [{ ref: 'A', outcome: 'succeeded', message: 'User created' }],
    });
  });
});

describe('oracleSyncUsers poll against the simulator', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startHarness({ pollsToComplete: 3 });
  });
  afterEach(async () => {
    await h.server.close();
  });

  it('answers running on 202 and done on the 200 that follows', async () => {
    const batch = batchOf({ added: [user('A'), user('B')], deleted: ['GONE'] });
    const jobId = await startJob(h.ctx, batch);
    const states: string[] = [];
    for (let i = 0; i < 3; i += 1) states.push((await oracleSyncUsers.poll(h.ctx, jobId, batch)).snapshot.state);
    expect(states).toEqual(['running', 'running', 'partial']);
    expect(h.server.log.entries({ endpoint: 'oracle.syncUsers.status' }).map((e) => e.status)).toEqual([202, 202, 200]);
  });

  it('reports progress from the 202 body and passes its Retry-After on', async () => {
    h.sim.setConfig({ pollsToComplete: 2, retryAfterSeconds: 1 });
    const batch = batchOf({ added: [user('A'), user('B-FAIL')] });
    const outcome = await oracleSyncUsers.poll(h.ctx, await startJob(h.ctx, batch), batch);
    expect(outcome).toEqual({
      snapshot: {
        state: 'running',
        counts: { total: 2, succeeded: 1, failed: 0, skipped: 0, pending: 1 },
        providerStatus: 'HTTP 202 (running)',
      },
      retryAfterMs: 1_000,
    });
  });

  it('polls the v3 path with Bearer auth', async () => {
    const batch = batchOf({ deleted: ['X'] });
    await pollUntilDone(h.bearer, await startJob(h.bearer, batch), batch);
    expect(h.server.log.entries().every((e) => e.path.startsWith('/cloudapi/restapi/v3/user'))).toBe(true);
  });

  it('throws ProviderNotFoundError with Oracle’s code when the job is unknown', async () => {
    await expect(oracleSyncUsers.poll(h.ctx, '1', batchOf({ deleted: ['X'] }))).rejects.toMatchObject({
      name: 'ProviderNotFoundError',
      details: { status: 404, code: 'JOB_NOT_FOUND' },
    });
  });

  it.each([
    [423, '1', 'ProviderLockedError', 1_000],
    [429, '2', 'ProviderRateLimitError', 2_000],
    [503, undefined, 'ProviderUnavailableError', undefined],
  ])('throws on a %i status answer: %s', async (status, retryAfter, name, retryAfterMs) => {
    const batch = batchOf({ deleted: ['X'] });
    const jobId = await startJob(h.ctx, batch);
    h.server.faults.add('oracle.syncUsers.status', { kind: 'status', status, ...(retryAfter ? { retryAfter } : {}) });
    const error = await oracleSyncUsers.poll(h.ctx, jobId, batch).catch((err: unknown) => err);
    expect(error).toMatchObject({ name, details: { status, ...(retryAfterMs ? { retryAfterMs } : {}) } });
  });

  it('throws ProviderContractError when the 200 body is not JSON', async () => {
    const batch = batchOf({ deleted: ['X'] });
    const jobId = await startJob(h.ctx, batch);
    h.server.faults.add('oracle.syncUsers.status', { kind: 'malformed' });
    await expect(oracleSyncUsers.poll(h.ctx, jobId, batch)).rejects.toMatchObject({ name: 'ProviderContractError' });
  });

  it('throws ProviderContractError naming the field when the 200 body breaks the contract', async () => {
    const batch = batchOf({ deleted: ['X'] });
    const jobId = await startJob(h.ctx, batch);
    h.server.faults.add('oracle.syncUsers.status', { kind: 'malformed', body: '{"added":[{"statusInfo":"x"}]}' });
    await expect(oracleSyncUsers.poll(h.ctx, jobId, batch)).rejects.toMatchObject({
      name: 'ProviderContractError',
      path: 'added[0].loginId',
    });
  });
});
