import {
  createZohoInvitePortalUsersSimulator,
  type ZohoInvitePortalUsersSimulator,
} from '../../../../../src/providers/zoho-invite-portal-users/simulator';
import {
  PortalInviteStartResponseSchema,
  PortalInviteStatusResponseSchema,
} from '../../../../../src/providers/zoho-invite-portal-users/schemas';
import { startSimulator, type SimulatorServer } from '../../../../../src/simulator';
import { body, PATH, rec, recordId } from '../sim-context';

describe('Zoho portal invite simulator', () => {
  let server: SimulatorServer;
  let sim: ZohoInvitePortalUsersSimulator;
  beforeEach(async () => {
    sim = createZohoInvitePortalUsersSimulator({ pollsToComplete: 2 });
    server = await startSimulator({ simulators: [sim] });
  });
  afterEach(async () => {
    await server.close();
  });

  const post = async (payload: unknown, path = PATH): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', body: JSON.stringify(payload) });
    return { status: res.status, json: await res.json() };
  };
  const get = async (query = ''): Promise<Response> => fetch(`${server.url}${PATH}${query}`);
  const status = async (jobId: string): Promise<unknown> => (await get(`?job_id=${jobId}`)).json();
  const startJob = async (...records: Array<Record<string, unknown>>): Promise<string> => {
    const { json } = await post(body(...records));
    return PortalInviteStartResponseSchema.parse(json).portal_invite[0]?.details.job_id ?? '';
  };

  it('keeps a ledger of each job: its records pending until the job completes, then invited or failed', async () => {
    const jobId = await startJob(rec(recordId(1)), rec('5020928000002000999'));
    expect(sim.ledger()[0]).toMatchObject({ id: jobId, finished: false, users: [{ outcome: 'pending' }, {}] });
    await status(jobId);
    await status(jobId);
    expect(sim.ledger()[0]).toMatchObject({
      finished: true,
      users: [
        { ref: recordId(1), outcome: 'succeeded' },
        { ref: '5020928000002000999', outcome: 'failed' },
      ],
    });
  });

  it('answers a start with 200 SCHEDULED and a 19-digit job id, as a string', async () => {
    const { status: code, json } = await post(body(rec(recordId(1))));
    expect(code).toBe(200);
    expect(json).toMatchObject({
      portal_invite: [{ code: 'SCHEDULED', details: { job_id: expect.stringMatching(/^\d{19}$/) }, status: 'success' }],
    });
  });

  it('writes job_id as a bare JSON number, digit for digit, when configured', async () => {
    sim.setConfig({ numericJobIds: true, pollsToComplete: 1 });
    const res = await fetch(`${server.url}${PATH}`, { method: 'POST', body: JSON.stringify(body(rec('1'))) });
    const jobId = sim.getJobs()[0]?.id ?? '';
    expect(await res.text()).toContain(`"job_id":${jobId}}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('shows a job in_progress with data null, then completed with one result per record', async () => {
    const jobId = await startJob(rec(recordId(1)), rec('5020928000002000999'));
    const first = PortalInviteStatusResponseSchema.parse(await status(jobId)).portal_invite[0];
    const second = PortalInviteStatusResponseSchema.parse(await status(jobId)).portal_invite[0];
    expect(first).toEqual({ data: null, job_id: jobId, status: 'in_progress' });
    expect(second?.status).toBe('completed');
    expect(second?.data?.map((r) => [r.details.id, r.code, r.status])).toEqual([
      [recordId(1), 'SUCCESS', 'success'],
      ['5020928000002000999', 'CANNOT_PROCESS', 'error'],
    ]);
  });

  it('fails an unknown type per record with empty details, as in the documented example', async () => {
    sim.setConfig({ pollsToComplete: 1 });
    const jobId = await startJob(rec('1', { type: 'resend' }));
    expect(PortalInviteStatusResponseSchema.parse(await status(jobId)).portal_invite[0]?.data).toEqual([
      { details: {}, code: 'CANNOT_PROCESS', message: 'Invalid type for the portal invite', status: 'error' },
    ]);
  });

  it('fails a second invite of the same record, telling to reinvite', async () => {
    sim.setConfig({ pollsToComplete: 1 });
    await startJob(rec('7'));
    const jobId = await startJob(rec('7'));
    const [result] = PortalInviteStatusResponseSchema.parse(await status(jobId)).portal_invite[0]?.data ?? [];
    expect(result).toMatchObject({ code: 'CANNOT_PROCESS', message: expect.stringContaining('reinvite') });
  });

  it('answers 204 with an empty body for an unknown job id', async () => {
    const res = await get('?job_id=5020928000000000001');
    expect([res.status, await res.text()]).toEqual([204, '']);
  });

  it('lists every job of the module, oldest first, and 204 when there is none', async () => {
    expect((await get()).status).toBe(204);
    const older = await startJob(rec('1'));
    const newer = await startJob(rec('2'));
    const listing = PortalInviteStatusResponseSchema.parse(await (await get()).json());
    expect(listing.portal_invite.map((j) => j.job_id)).toEqual([older, newer]);
  });

  it('completes by wall time when configured with durationMs', async () => {
    sim.setConfig({ durationMs: 0 });
    const jobId = await startJob(rec('1'));
    expect(PortalInviteStatusResponseSchema.parse(await status(jobId)).portal_invite[0]?.status).toBe('completed');
  });

  it('answers another method with 400 INVALID_REQUEST_METHOD', async () => {
    const res = await fetch(`${server.url}${PATH}`, { method: 'PUT', body: '{}' });
    expect([res.status, await res.json()]).toEqual([400, expect.objectContaining({ code: 'INVALID_REQUEST_METHOD' })]);
  });

  it('answers an unknown API version with 404 INVALID_URL_PATTERN', async () => {
    const { status: code, json } = await post(body(rec('1')), '/crm/v1/Contacts/actions/portal_invite');
    expect([code, json]).toEqual([404, expect.objectContaining({ code: 'INVALID_URL_PATTERN' })]);
  });

  it('answers 429 TOO_MANY_REQUESTS without Retry-After beyond the concurrency limit', async () => {
    sim.setConfig({ maxConcurrentRequests: 1, latencyMs: 150 });
    const [a, b] = await Promise.all([get(), get()]);
    const limited = [a, b].find((r) => r.status === 429);
    expect([a?.status, b?.status].sort()).toEqual([204, 429]);
    expect(limited?.headers.get('retry-after')).toBeNull();
    expect(await limited?.json()).toEqual({
      code: 'TOO_MANY_REQUESTS',
      details: {},
      message: expect.stringContaining('concurrency limit'),
      status: 'error',
    });
  });

  it('gives scripted faults Zoho error bodies, and a scripted 204 no body', async () => {
    server.faults.add('zoho.invitePortalUsers.status', { kind: 'status', status: 429 });
    server.faults.add('zoho.invitePortalUsers.status', { kind: 'status', status: 204 });
    const limited = await get();
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, null]);
    expect(await limited.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 'error' });
    const empty = await get('?job_id=1');
    expect([empty.status, await empty.text()]).toEqual([204, '']);
  });

  it('serves its configuration and jobs on the control routes', async () => {
    await fetch(`${server.url}/__sim/zoho/invite-portal-users/config`, {
      method: 'POST',
      body: JSON.stringify({ pollsToComplete: 5 }),
    });
    await startJob(rec('1'));
    const jobs = (await (await fetch(`${server.url}/__sim/zoho/invite-portal-users/jobs`)).json()) as {
      items: unknown[];
    };
    expect(sim.getConfig()).toEqual({ pollsToComplete: 5 });
    expect(jobs.items).toEqual([expect.objectContaining({ recordIds: ['1'], status: 'in_progress' })]);
  });

  it('forgets its jobs, invites and configuration on reset', async () => {
    sim.setConfig({ pollsToComplete: 9 });
    await startJob(rec('1'));
    server.reset();
    expect([sim.jobCount(), sim.getConfig()]).toEqual([0, { pollsToComplete: 2 }]);
  });
});

describe('Zoho portal invite simulator with auth', () => {
  it('answers an unknown token with 401 INVALID_TOKEN in the Zoho shape', async () => {
    const sim = createZohoInvitePortalUsersSimulator();
    const server = await startSimulator({ simulators: [sim], auth: { bearerTokens: ['good'] } });
    try {
      const res = await fetch(`${server.url}${PATH}`, { headers: { authorization: 'Zoho-oauthtoken bad' } });
      expect([res.status, await res.json()]).toEqual([
        401,
        expect.objectContaining({ code: 'INVALID_TOKEN', status: 'error' }),
      ]);
    } finally {
      await server.close();
    }
  });
});
