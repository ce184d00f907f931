import {
  createWebexMoveUsersSimulator,
  type WebexMoveUsersSimulator,
} from '../../../../../src/providers/webex-move-users/simulator';
import {
  MoveUsersErrorsResponseSchema,
  MoveUsersJobListSchema,
  MoveUsersJobSchema,
  MoveUsersStartResponseSchema,
  MoveUsersValidateResponseSchema,
} from '../../../../../src/providers/webex-move-users/schemas';
import { startSimulator, type SimulatorServer } from '../../../../../src/simulator';

const PATH = '/v1/telephony/config/jobs/person/moveLocation';
const users = (n: number, prefix = 'u'): Array<{ userId: string }> =>
  Array.from({ length: n }, (_, i) => ({ userId: `${prefix}${i}` }));
const body = (list: Array<Record<string, unknown>>, validate = false): unknown => ({
  usersList: [{ locationId: 'loc', validate, users: list }],
});

describe('Webex Move Users simulator', () => {
  let server: SimulatorServer;
  let sim: WebexMoveUsersSimulator;
  beforeEach(async () => {
    sim = createWebexMoveUsersSimulator({ pollsToComplete: 2 });
    server = await startSimulator({ simulators: [sim] });
  });
  afterEach(async () => {
    await server.close();
  });

  const post = async (payload: unknown): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(`${server.url}${PATH}`, { method: 'POST', body: JSON.stringify(payload) });
    return { status: res.status, json: await res.json() };
  };
  const get = async (path: string): Promise<unknown> => (await fetch(`${server.url}${PATH}${path}`)).json();
  const codesOf = (json: unknown): unknown[] => (json as { error: Array<{ code: unknown }> }).error.map((e) => e.code);
  const startJob = async (list = users(2)): Promise<string> =>
    MoveUsersJobSchema.parse(MoveUsersStartResponseSchema.parse((await post(body(list))).json).response).id;

  it.each([
    ['an empty users list', body([]), 'BATCH-400'],
    ['a user without userId', body([{ extension: '12' }]), 'BATCH-400'],
    ['more than 100 users', body(users(101)), 1026018],
    ['a duplicate user', body([{ userId: 'a' }, { userId: 'a' }]), 1026019],
    ['validate true with two users', body(users(2), true), 1026020],
    ['a phone number that is not E.164', body([{ userId: 'a', phoneNumber: '555' }]), 1026017],
  ])('answers 400 with the documented code for %s', async (_what, payload, code) => {
    const { status, json } = await post(payload);
    expect(status).toBe(400);
    expect(codesOf(json)).toContain(code);
  });

  it('answers 400 BATCH-400 when the location is missing', async () => {
    const { json } = await post({ usersList: [{ validate: false, users: users(1) }] });
    expect(codesOf(json)).toContain('BATCH-400');
  });

  it('keeps a ledger of each job: its users pending, then moved or failed', async () => {
    const id = await startJob([{ userId: 'a' }, { userId: 'b-FAIL' }]);
    expect(sim.ledger()).toEqual([
      expect.objectContaining({
        id,
        finished: false,
        users: [
          { ref: 'a', outcome: 'pending' },
          { ref: 'b-FAIL', outcome: 'pending' },
        ],
      }),
    ]);
    await get(`/${id}`);
    await get(`/${id}`);
    expect(sim.ledger()[0]).toMatchObject({
      finished: true,
      users: [
        { ref: 'a', outcome: 'succeeded' },
        { ref: 'b-FAIL', outcome: 'failed' },
      ],
    });
  });

  it('answers a validate request with 200 and a result that parses', async () => {
    const { status, json } = await post(body(users(1), true));
    expect(status).toBe(200);
    expect(MoveUsersValidateResponseSchema.parse(json).response).toHaveLength(1);
  });

  it('answers a start with 201 and a STARTING job with inProgress and notStarted counts', async () => {
    const { status, json } = await post(body(users(3)));
    expect(status).toBe(201);
    expect(MoveUsersStartResponseSchema.parse(json).response).toMatchObject({
      name: 'moveusers',
      latestExecutionStatus: 'STARTING',
      latestExecutionExitCode: 'UNKNOWN',
      counts: { totalMoves: 3, moved: 0, inProgress: 0, notStarted: 3 },
    });
  });

  it('progresses STARTED then COMPLETED over the configured number of status reads', async () => {
    const id = await startJob();
    const first = MoveUsersJobSchema.parse(await get(`/${encodeURIComponent(id)}`));
    const second = MoveUsersJobSchema.parse(await get(`/${encodeURIComponent(id)}`));
    expect([first.latestExecutionStatus, second.latestExecutionStatus]).toEqual(['STARTED', 'COMPLETED']);
    expect(second.counts).toMatchObject({ totalMoves: 2, moved: 2 });
  });

  it('completes by wall time when configured with durationMs', async () => {
    sim.setConfig({ durationMs: 0 });
    const id = await startJob();
    expect(MoveUsersJobSchema.parse(await get(`/${id}`)).latestExecutionExitCode).toBe('COMPLETED');
  });

  it('renders a finished job like the documented example: step, elapsed time and CSV link', async () => {
    sim.setConfig({ pollsToComplete: 1 });
    const job = MoveUsersJobSchema.parse(await get(`/${await startJob()}`));
    expect(job.jobExecutionStatus[0]?.stepExecutionStatuses?.[0]?.name).toBe('moveusersvalidateAndMove');
    expect(job.jobExecutionStatus[0]?.timeElapsed).toMatch(/^PT[\d.]+S$/);
    expect(job.trackingId).toMatch(/^ROUTER_/);
    expect(job.csvFileDownloadUrl).toMatch(new RegExp(`^${server.url}/`));
  });

  it('serves the errors CSV the status links to', async () => {
    sim.setConfig({ pollsToComplete: 1 });
    const job = MoveUsersJobSchema.parse(await get(`/${await startJob([{ userId: 'x-FAIL' }])}`));
    const csv = await (await fetch(job.csvFileDownloadUrl ?? '')).text();
    expect(csv).toContain('x-FAIL');
  });

  it('ends COMPLETED_WITH_ERRORS when some users fail', async () => {
    sim.setConfig({ pollsToComplete: 1 });
    const id = await startJob([{ userId: 'ok' }, { userId: 'bad-FAIL' }]);
    expect(MoveUsersJobSchema.parse(await get(`/${id}`)).latestExecutionExitCode).toBe('COMPLETED_WITH_ERRORS');
  });

  it('lists jobs newest first, paged with start and max', async () => {
    const older = await startJob();
    const newer = await startJob();
    const all = MoveUsersJobListSchema.parse(await get(''));
    const second = MoveUsersJobListSchema.parse(await get('?start=1&max=1'));
    expect(all.items.map((j) => j.id)).toEqual([newer, older]);
    expect(second.items.map((j) => j.id)).toEqual([older]);
  });

  it('pages errors with a paging object like the documented example', async () => {
    sim.setConfig({ pollsToComplete: 1 });
    const id = await startJob(users(5, 'FAIL'));
    await get(`/${id}`);
    const page = MoveUsersErrorsResponseSchema.parse(await get(`/${id}/errors?start=2&max=2`));
    expect(page.items.map((i) => i.itemNumber)).toEqual([3, 4]);
    expect(page.paging).toMatchObject({ limit: 2, offset: 2, count: 5, next: [expect.stringContaining('start=4')] });
  });

  it('answers 404 in the Webex error shape for an unknown job', async () => {
    const res = await fetch(`${server.url}${PATH}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      message: 'Job not found.',
      trackingId: expect.stringMatching(/^ROUTER_/),
    });
  });

  it('answers pause with 202 and no body', async () => {
    const res = await fetch(`${server.url}${PATH}/${await startJob()}/actions/pause/invoke`, { method: 'POST' });
    expect([res.status, await res.text()]).toEqual([202, '']);
  });

  it('reports an abandoned job as ABANDONED with exit STOPPED', async () => {
    const id = await startJob();
    await fetch(`${server.url}${PATH}/${id}/actions/abandon/invoke`, { method: 'POST' });
    const job = MoveUsersJobSchema.parse(await get(`/${id}`));
    expect([job.latestExecutionStatus, job.latestExecutionExitCode]).toEqual(['ABANDONED', 'STOPPED']);
  });

  it('records a second execution when a paused job is resumed', async () => {
    const id = await startJob();
    await fetch(`${server.url}${PATH}/${id}/actions/pause/invoke`, { method: 'POST' });
    await fetch(`${server.url}${PATH}/${id}/actions/resume/invoke`, { method: 'POST' });
    expect(MoveUsersJobSchema.parse(await get(`/${id}`)).jobExecutionStatus).toHaveLength(2);
  });

  it('forgets its jobs and configuration on reset', async () => {
    sim.setConfig({ pollsToComplete: 9 });
    await startJob();
    server.reset();
    expect([sim.jobCount(), sim.getConfig()]).toEqual([0, { pollsToComplete: 2 }]);
  });
});
