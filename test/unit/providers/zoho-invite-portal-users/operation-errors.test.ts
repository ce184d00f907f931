import type { PlannedBatch } from '../../../../src/domain/job';
import { zohoInvitePortalUsers } from '../../../../src/providers/zoho-invite-portal-users';
import { batchOf, FORBIDDEN_TOKEN, invite, recordId, startHarness, type SimHarness } from './sim-context';

const options = { idempotencyKey: 'k1', dryRun: false };
const op = zohoInvitePortalUsers;

async function startJob(h: SimHarness, batch: PlannedBatch): Promise<string> {
  const outcome = await op.start(h.ctx, batch, options);
  if (outcome.kind !== 'started') throw new Error(`expected a job, got ${outcome.kind}`);
  return outcome.providerJobId;
}

describe('zohoInvitePortalUsers errors against the simulator', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startHarness({ pollsToComplete: 2 });
  });
  afterEach(async () => {
    await h.server.close();
  });

  it('throws a permanent ProviderNotFoundError (JobNotFound) when the status answers 204', async () => {
    const error = await op.poll(h.ctx, '5020928000009999999', batchOf([invite(recordId(1))])).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ProviderNotFoundError',
      retryable: false,
      details: { status: 204, code: 'JobNotFound' },
    });
  });

  it('throws ProviderContractError naming the path for the single-invite answer (no job id)', async () => {
    h.sim.setConfig({ startShape: 'singleInvite' });
    await expect(op.start(h.ctx, batchOf([invite(recordId(1))]), options)).rejects.toMatchObject({
      name: 'ProviderContractError',
      path: 'portal_invite[0].details.job_id',
      problem: expect.stringContaining('record_id'),
    });
  });

  it('throws ProviderRejectedError with MANDATORY_NOT_FOUND and the json_path of a missing field', async () => {
    const details = { api_name: 'user_type_id', json_path: '$.portal_invite[0].data[0].user_type_id' };
    const body = { code: 'MANDATORY_NOT_FOUND', details, message: 'required field not found', status: 'error' };
    h.server.faults.add('zoho.invitePortalUsers.start', { kind: 'status', status: 400, body });
    await expect(op.start(h.ctx, batchOf([invite(recordId(1))]), options)).rejects.toMatchObject({
      name: 'ProviderRejectedError',
      details: { status: 400, code: 'MANDATORY_NOT_FOUND', providerMessage: expect.stringContaining('json_path') },
    });
  });

  it('throws ProviderRejectedError with INVALID_DATA for a 400 whose error sits inside portal_invite[]', async () => {
    const entry = { code: 'INVALID_DATA', details: { api_name: 'id' }, message: 'invalid data', status: 'error' };
    h.server.faults.add('zoho.invitePortalUsers.start', {
      kind: 'status',
      status: 400,
      body: { portal_invite: [entry] },
    });
    await expect(op.start(h.ctx, batchOf([invite(recordId(1))]), options)).rejects.toMatchObject({
      name: 'ProviderRejectedError',
      details: { status: 400, code: 'INVALID_DATA', providerMessage: 'invalid data (api_name id)' },
    });
  });

  it('throws ProviderRejectedError with INVALID_REQUEST_METHOD as Zoho answers a wrong method', async () => {
    const body = {
      code: 'INVALID_REQUEST_METHOD',
      details: {},
      message: 'The http request method type is not a valid one',
      status: 'error',
    };
    h.server.faults.add('zoho.invitePortalUsers.status', { kind: 'status', status: 400, body });
    await expect(op.poll(h.ctx, '1', batchOf([invite(recordId(1))]))).rejects.toMatchObject({
      name: 'ProviderRejectedError',
      retryable: false,
      details: { code: 'INVALID_REQUEST_METHOD' },
    });
  });

  it('throws ProviderRejectedError for an error entry inside portal_invite[] of a 200', async () => {
    const body = {
      portal_invite: [{ code: 'INVALID_DATA', details: { api_name: 'id' }, message: 'invalid data', status: 'error' }],
    };
    h.server.faults.add('zoho.invitePortalUsers.start', { kind: 'status', status: 200, body });
    await expect(op.start(h.ctx, batchOf([invite(recordId(1))]), options)).rejects.toMatchObject({
      name: 'ProviderRejectedError',
      details: { status: 200, code: 'INVALID_DATA' },
    });
  });

  it('throws ProviderAuthError with NO_PERMISSION when the token lacks the scope', async () => {
    await h.server.close();
    h = await startHarness({ pollsToComplete: 2 }, FORBIDDEN_TOKEN);
    await expect(op.start(h.ctx, batchOf([invite(recordId(1))]), options)).rejects.toMatchObject({
      name: 'ProviderAuthError',
      details: { status: 403, code: 'NO_PERMISSION' },
    });
  });

  it('throws ProviderRateLimitError without a delay on a 429 TOO_MANY_REQUESTS (no Retry-After)', async () => {
    h.server.faults.add('zoho.invitePortalUsers.start', { kind: 'status', status: 429 });
    const error = await op.start(h.ctx, batchOf([invite(recordId(1))]), options).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ProviderRateLimitError',
      details: { status: 429, code: 'TOO_MANY_REQUESTS' },
    });
    expect((error as { details: object }).details).not.toHaveProperty('retryAfterMs');
    expect(h.sim.jobCount()).toBe(0);
  });

  it('throws ProviderLockedError with the delay on a 423 with Retry-After', async () => {
    const batch = batchOf([invite(recordId(1))]);
    const jobId = await startJob(h, batch);
    h.server.faults.add('zoho.invitePortalUsers.status', { kind: 'status', status: 423, retryAfter: '3' });
    await expect(op.poll(h.ctx, jobId, batch)).rejects.toMatchObject({
      name: 'ProviderLockedError',
      details: { retryAfterMs: 3_000 },
    });
  });

  it('throws a retryable ProviderUnavailableError on a 5xx status answer', async () => {
    const batch = batchOf([invite(recordId(1))]);
    const jobId = await startJob(h, batch);
    h.server.faults.add('zoho.invitePortalUsers.status', { kind: 'status', status: 503 });
    await expect(op.poll(h.ctx, jobId, batch)).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
      retryable: true,
      details: { code: 'INTERNAL_ERROR' },
    });
  });

  it('throws ProviderContractError when the status body is not JSON', async () => {
    const batch = batchOf([invite(recordId(1))]);
    const jobId = await startJob(h, batch);
    h.server.faults.add('zoho.invitePortalUsers.status', { kind: 'malformed' });
    await expect(op.poll(h.ctx, jobId, batch)).rejects.toMatchObject({ name: 'ProviderContractError' });
  });

  it('throws ProviderContractError when the answer is about another job', async () => {
    const batch = batchOf([invite(recordId(1))]);
    await startJob(h, batch);
    const body = { portal_invite: [{ data: null, job_id: '1', status: 'in_progress' }] };
    h.server.faults.add('zoho.invitePortalUsers.status', { kind: 'status', status: 200, body });
    await expect(op.poll(h.ctx, '2', batch)).rejects.toMatchObject({
      name: 'ProviderContractError',
      path: 'portal_invite',
    });
  });

  it('refuses a dry run, which Zoho does not offer', async () => {
    await expect(op.start(h.ctx, batchOf([invite(recordId(1))]), { ...options, dryRun: true })).rejects.toMatchObject({
      name: 'InvalidRequestError',
      field: 'dryRun',
    });
  });
});
