import {
  createOracleSyncUsersSimulator,
  type OracleSyncUsersSimulator,
} from '../../../../../src/providers/oracle-sync-users/simulator';
import { UserDataStoreResultSchema } from '../../../../../src/providers/oracle-sync-users/schemas';
import { startSimulator, type SimulatorServer } from '../../../../../src/simulator';
import { BASIC, TOKEN, user } from '../sim-context';

const V1 = '/cloudapi/restapi/user';
const V3 = '/cloudapi/restapi/v3/user';

describe('Oracle user-sync simulator', () => {
  let server: SimulatorServer;
  let sim: OracleSyncUsersSimulator;
  beforeEach(async () => {
    sim = createOracleSyncUsersSimulator({ pollsToComplete: 2 });
    server = await startSimulator({ simulators: [sim], auth: { bearerTokens: [BASIC, TOKEN] } });
  });
  afterEach(async () => {
    await server.close();
  });

  const call = async (path: string, init: RequestInit = {}, auth = `Basic ${BASIC}`): Promise<Response> =>
    fetch(`${server.url}${path}`, { ...init, headers: { authorization: auth, 'content-type': 'application/json' } });
  const post = (body: unknown, root = V1, auth?: string): Promise<Response> =>
    call(root, { method: 'POST', body: JSON.stringify(body) }, auth);
  const start = async (body: unknown = { added: [user('A')] }): Promise<string> => {
    const res = await post(body);
    expect(res.status).toBe(202);
    return String(await res.json());
  };
  const status = async (id: string): Promise<Response> => call(`${V1}/status/${id}`);

  it('keeps a ledger of each job: its users by login id in processing order, pending until processed', async () => {
    const id = await start({ added: [user('A'), user('B-FAIL')], deleted: ['NOBODY'] });
    expect(sim.ledger()[0]).toMatchObject({ id, finished: false, users: [{ ref: 'A', outcome: 'pending' }, {}, {}] });
    await status(id);
    await status(id);
    expect(sim.ledger()[0]).toMatchObject({
      finished: true,
      users: [
        { ref: 'A', outcome: 'succeeded' },
        { ref: 'B-FAIL', outcome: 'failed' },
        { ref: 'NOBODY', outcome: 'failed' },
      ],
    });
  });

  it('answers a start with 202, a relative Location to the status and the bare job id as body', async () => {
    const res = await post({ added: [user('A')] });
    expect([res.status, res.headers.get('location'), await res.text()]).toEqual([
      202,
      '/cloudapi/restapi/user/status/95733',
      '95733',
    ]);
  });

  it('gives an absolute Location when configured, and none in the body-only variant', async () => {
    sim.setConfig({ durationMs: 0, locationStyle: 'absolute' });
    expect((await post({ deleted: ['X'] })).headers.get('location')).toBe(`${server.url}${V1}/status/95733`);
    sim.setConfig({ durationMs: 0, locationStyle: 'none', startBody: 'object' });
    const res = await post({ deleted: ['Y'] });
    expect([res.headers.get('location'), await res.json()]).toEqual([null, { jobId: 95734 }]);
  });

  it('answers status 202 with Location (and Retry-After when configured) until the job is done, then 200', async () => {
    sim.setConfig({ pollsToComplete: 2, retryAfterSeconds: 1 });
    const id = await start();
    const first = await status(id);
    expect([first.status, first.headers.get('location'), first.headers.get('retry-after')]).toEqual([
      202,
      `${V1}/status/${id}`,
      '1',
    ]);
    expect(UserDataStoreResultSchema.parse(await first.json()).added?.[0]?.processed).toBe(false);
    const second = await status(id);
    expect(second.status).toBe(200);
    expect(UserDataStoreResultSchema.parse(await second.json())).toMatchObject({
      added: [{ loginId: 'A', statusInfo: 'User created', statusInfoOK: true, processed: true, roles: [{}] }],
      message: 'Create/Modify Users job has been successfully executed.',
    });
  });

  it('completes by wall time when configured with durationMs', async () => {
    sim.setConfig({ durationMs: 0 });
    expect((await status(await start())).status).toBe(200);
  });

  it('fails users by data: FAIL in the login id, an invalid.example address, an unknown delete', async () => {
    sim.setConfig({ durationMs: 0, knownUsers: ['KNOWN'] });
    const body = {
      added: [user('A-FAIL'), user('B', { emailAddress: 'b@invalid.example' })],
      deleted: ['KNOWN', 'NOPE'],
    };
    const result = UserDataStoreResultSchema.parse(await (await status(await start(body))).json());
    expect(result.added?.map((u) => [u.loginId, u.statusInfoOK])).toEqual([
      ['A-FAIL', false],
      ['B', false],
    ]);
    expect(result.deleteFailed).toEqual([{ loginId: 'NOPE', statusInfo: 'User NOPE not found', statusInfoOK: false }]);
  });

  it('lets a user added by an earlier job be deleted', async () => {
    sim.setConfig({ durationMs: 0 });
    await start({ added: [user('NEW')] });
    const result = UserDataStoreResultSchema.parse(await (await status(await start({ deleted: ['new'] }))).json());
    expect(result.deleteFailed).toEqual([]);
  });

  it('ends a job with a job-level exception when configured', async () => {
    sim.setConfig({ durationMs: 0, jobException: { exception: 'IDM_DOWN', message: 'IDM down', afterUsers: 0 } });
    const result = UserDataStoreResultSchema.parse(await (await status(await start())).json());
    expect(result).toMatchObject({ exception: 'IDM_DOWN', message: 'IDM down', added: [{ processed: false }] });
  });

  it('refuses a second job while one runs with 409 in Oracle’s error shape, and accepts it once done', async () => {
    const id = await start();
    const refused = await post({ deleted: ['X'] });
    expect([refused.status, await refused.json()]).toEqual([
      409,
      expect.objectContaining({ exception: 'USER_JOB_IN_PROGRESS', message: expect.stringContaining('must complete') }),
    ]);
    await status(id);
    await status(id);
    expect((await post({ deleted: ['X'] })).status).toBe(202);
  });

  it.each([
    ['a user without firstName', { added: [{ ...user('A'), firstName: undefined }] }, 'added[0].firstName is required'],
    ['an empty request', {}, 'no users'],
    ['a repeated login id', { added: [user('A')], deleted: ['a'] }, 'appears more than once'],
    ['a body that is no UserDataStore', { added: 'x' }, 'not a UserDataStore'],
  ])('answers 400 INVALID_INPUT for %s', async (_what, body, problem) => {
    const res = await post(body);
    expect([res.status, await res.json()]).toEqual([
      400,
      expect.objectContaining({ exception: 'INVALID_INPUT', message: expect.stringContaining(problem) }),
    ]);
  });

  it('answers 400 above the configured users per request', async () => {
    sim.setConfig({ maxUsersPerRequest: 2 });
    expect((await post({ deleted: ['A', 'B', 'C'] })).status).toBe(400);
  });

  it('serves the failed users as CSV at /draft and a text log at /log', async () => {
    sim.setConfig({ durationMs: 0 });
    const id = await start({ added: [user('OK'), user('X-FAIL', { lastName: 'Smith, Jr.' })] });
    const csv = await (await call(`${V1}/status/${id}/draft`)).text();
    expect(csv.split('\r\n')).toEqual([
      'Login ID,First Name,Last Name,Email Address,Company,Action,Status Info',
      'X-FAIL,Jim,"Smith, Jr.",x-fail@company.example,sfo,added,User creation failed: rejected by the identity store',
      '',
    ]);
    const log = await (await call(`${V1}/status/${id}/log`)).text();
    expect(log).toMatch(/ERROR added X-FAIL: User creation failed/);
    expect(log).toContain(`Job ${id} finished`);
  });

  it('answers 404 JOB_NOT_FOUND for an unknown job', async () => {
    const res = await status('1');
    expect([res.status, await res.json()]).toEqual([404, expect.objectContaining({ exception: 'JOB_NOT_FOUND' })]);
  });

  it('serves v3 paths to Bearer tokens and refuses Bearer on v1 and Basic on v3 with 401', async () => {
    expect((await post({ deleted: ['X'] }, V3, `Bearer ${TOKEN}`)).status).toBe(202);
    expect((await post({ deleted: ['Y'] }, V1, `Bearer ${TOKEN}`)).status).toBe(401);
    expect((await post({ deleted: ['Z'] }, V3, `Basic ${BASIC}`)).status).toBe(401);
    expect(sim.getJobs().map((j) => j.version)).toEqual(['v3']);
  });

  it('answers scripted status faults with Oracle’s error body', async () => {
    server.faults.add('oracle.syncUsers.v3.status', { kind: 'status', status: 429, retryAfter: '3' });
    const res = await call(`${V3}/status/1`, {}, `Bearer ${TOKEN}`);
    expect([res.status, res.headers.get('retry-after'), await res.json()]).toEqual([
      429,
      '3',
      { exception: 'TOO_MANY_REQUESTS', localizedException: false, message: 'Too Many Requests' },
    ]);
  });

  it('is configured and inspected through its control routes', async () => {
    const set = await fetch(`${server.url}/__sim/oracle/sync-users/config`, {
      method: 'POST',
      body: JSON.stringify({ durationMs: 0, startBody: 'string' }),
    });
    expect(set.status).toBe(200);
    expect(await (await post({ deleted: ['X'] })).json()).toBe('95733');
    const jobs = await (await fetch(`${server.url}/__sim/oracle/sync-users/jobs`)).json();
    expect(jobs).toMatchObject({ items: [{ id: '95733', deleted: ['X'], complete: true }] });
    const bad = await fetch(`${server.url}/__sim/oracle/sync-users/config`, { method: 'POST', body: '{"nope":1}' });
    expect(bad.status).toBe(400);
  });

  it('forgets its jobs, users and configuration on reset', async () => {
    sim.setConfig({ pollsToComplete: 9 });
    await start();
    server.reset();
    expect([sim.jobCount(), sim.getConfig()]).toEqual([0, { pollsToComplete: 2 }]);
  });
});
