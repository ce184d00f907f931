import {
  BatchImportErrorsPageSchema,
  BatchImportImportsPageSchema,
  CreateBatchImportResponseSchema,
  JobStatusResponseSchema,
} from '../../../../../src/providers/fullstory-import-users/schemas';
import {
  createFullStoryImportUsersSimulator,
  type FullStoryImportUsersSimulator,
} from '../../../../../src/providers/fullstory-import-users/simulator';
import { startSimulator, type SimulatorServer } from '../../../../../src/simulator';
import { loadFixture } from '../../../../helpers/fixtures';
import { API_KEY, BATCH_PATH, FORBIDDEN_KEY } from '../sim-context';

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: unknown;
}

const requests = (n: number, prefix = 'u'): Array<{ uid: string }> =>
  Array.from({ length: n }, (_, i) => ({ uid: `${prefix}${i}` }));

describe('FullStory batch import simulator', () => {
  let server: SimulatorServer;
  let sim: FullStoryImportUsersSimulator;
  beforeEach(async () => {
    sim = createFullStoryImportUsersSimulator({ pollsToComplete: 2 });
    server = await startSimulator({
      simulators: [sim],
      auth: { bearerTokens: [API_KEY], forbiddenTokens: [FORBIDDEN_KEY] },
    });
  });
  afterEach(async () => {
    await server.close();
  });

  const call = async (path: string, init: RequestInit = {}, key = API_KEY): Promise<Answer> => {
    const headers = { authorization: `Basic ${key}`, ...(init.headers as Record<string, string>) };
    const res = await fetch(`${server.url}${BATCH_PATH}${path}`, { ...init, headers });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
  const post = (body: unknown, key?: string): Promise<Answer> =>
    call('', { method: 'POST', body: JSON.stringify(body), headers: key ? { 'idempotency-key': key } : {} });
  const create = async (list: unknown[] = requests(2), key?: string): Promise<string> =>
    CreateBatchImportResponseSchema.parse((await post({ requests: list }, key)).json).job.id;
  const status = async (id: string) => JobStatusResponseSchema.parse((await call(`/${encodeURIComponent(id)}`)).json);
  const list = (id: string, endpoint: 'errors' | 'imports', token?: string): Promise<Answer> =>
    call(`/${encodeURIComponent(id)}/${endpoint}${token === undefined ? '' : `?page_token=${token}`}`);

  it('keeps a ledger of each job: its users by uid, pending until imported or failed', async () => {
    const id = await create([{ uid: 'ok' }, { uid: 'bad-FAIL' }]);
    expect(sim.ledger()[0]).toMatchObject({ id, finished: false, users: [{ ref: 'ok', outcome: 'pending' }, {}] });
    await status(id);
    await status(id);
    expect(sim.ledger()[0]).toMatchObject({
      finished: true,
      users: [
        { ref: 'ok', outcome: 'succeeded' },
        { ref: 'bad-FAIL', outcome: 'failed' },
      ],
    });
  });

  it('counts summaryExtraImports more imports in every status answer, while its pages list only the users sent', async () => {
    sim.setConfig({ pollsToComplete: 1, summaryExtraImports: 40 });
    const id = await create([{ uid: 'ok' }, { uid: 'bad-FAIL' }]);
    expect(await status(id)).toMatchObject({ imports: 41, errors: 1, job: { status: 'FAILED' } });
    const imported = BatchImportImportsPageSchema.parse((await list(id, 'imports')).json).results;
    expect(imported.map((user) => user.uid)).toEqual(['ok']);
  });

  it('answers a create with 200 and a PROCESSING job', async () => {
    const { status: code, json } = await post({ requests: requests(1) });
    expect(code).toBe(200);
    expect(CreateBatchImportResponseSchema.parse(json).job).toMatchObject({
      status: 'PROCESSING',
      created: expect.any(String),
    });
  });

  it('progresses PROCESSING then COMPLETED over the configured reads, without errors and with finished', async () => {
    const id = await create();
    const [first, second] = [await status(id), await status(id)];
    expect([first.job.status, second.job.status]).toEqual(['PROCESSING', 'COMPLETED']);
    expect(second).toEqual({ imports: 2, job: expect.objectContaining({ id, finished: expect.any(String) }) });
  });

  it('ends FAILED with imports and errors when some users fail', async () => {
    sim.setConfig({ pollsToComplete: 1 });
    const id = await create([{ uid: 'ok' }, { uid: 'bad-FAIL' }]);
    expect(await status(id)).toMatchObject({ imports: 1, errors: 1, job: { status: 'FAILED' } });
  });

  it('completes by wall time when configured with durationMs', async () => {
    sim.setConfig({ durationMs: 0 });
    expect((await status(await create())).job.status).toBe('COMPLETED');
  });

  it('replays the saved answer to a repeated Idempotency-Key and body, creating one job', async () => {
    const first = await post({ requests: requests(2) }, 'wf/batch-0');
    const again = await post({ requests: requests(2) }, 'wf/batch-0');
    expect(again).toMatchObject({ status: first.status, json: first.json });
    expect(sim.jobCount()).toBe(1);
    expect(sim.getJobs()[0]?.idempotencyKey).toBe('wf/batch-0');
  });

  it('refuses a repeated Idempotency-Key with another body (409 idempotency_conflict), creating nothing', async () => {
    await create(requests(2), 'k');
    const conflict = await post({ requests: requests(3) }, 'k');
    expect([conflict.status, conflict.json]).toEqual([409, expect.objectContaining({ code: 'idempotency_conflict' })]);
    expect(sim.jobCount()).toBe(1);
  });

  it('creates a new job for a key whose saved answer has expired, and for requests without a key', async () => {
    sim.setConfig({ pollsToComplete: 2, idempotencyTtlMs: 0 });
    await create(requests(1), 'k');
    await create(requests(1), 'k');
    await create(requests(1));
    expect(sim.jobCount()).toBe(3);
  });

  it.each([
    ['an empty requests list', 'required_field', { requests: [] }],
    ['a user without uid or id', 'required_field', { requests: [{ email: 'a@example.com' }] }],
    ['more than 50,000 requests', 'invalid_argument', { requests: requests(50_001) }],
  ])('answers 400 for %s, with code %s', async (_what, code, body) => {
    const answer = await post(body);
    expect([answer.status, answer.json]).toEqual([400, expect.objectContaining({ code })]);
  });

  it('answers 429 with Retry-After and the documented body at the in-progress batch limit, not saving it', async () => {
    sim.setConfig({ pollsToComplete: 1, maxInProgressBatches: 1, retryAfterSeconds: 3 });
    const blocker = await create();
    const limited = await post({ requests: requests(1) }, 'k');
    expect([limited.status, limited.headers.get('retry-after'), limited.json]).toEqual([
      429,
      '3',
      loadFixture('fullstory-error-429'),
    ]);
    await status(blocker);
    expect((await post({ requests: requests(1) }, 'k')).status).toBe(200);
  });

  it('answers 429 at the in-progress operations limit', async () => {
    sim.setConfig({ pollsToComplete: 1, maxInProgressOperations: 3 });
    await create(requests(3));
    expect((await post({ requests: requests(1) })).status).toBe(429);
  });

  it('queues batches beyond the running slots until one finishes', async () => {
    sim.setConfig({ pollsToComplete: 1, maxRunningBatches: 1 });
    const first = await create();
    const second = await create();
    expect(sim.getJobs().map((j) => j.queued)).toEqual([false, true]);
    expect((await status(second)).job.status).toBe('PROCESSING');
    expect((await status(first)).job.status).toBe('COMPLETED');
    expect((await status(second)).job.status).toBe('COMPLETED');
  });

  it('answers /errors and /imports 202 while the job is processing, then 200', async () => {
    const id = await create();
    expect([(await list(id, 'errors')).status, (await list(id, 'imports')).status]).toEqual([202, 202]);
    await status(id);
    await status(id);
    expect([(await list(id, 'errors')).status, (await list(id, 'imports')).status]).toEqual([200, 200]);
  });

  it('pages /errors with page_token and omits next_page_token on the last page', async () => {
    sim.setConfig({ pollsToComplete: 1, pageSize: 2 });
    const id = await create(requests(5, 'FAIL-'));
    await status(id);
    const first = BatchImportErrorsPageSchema.parse((await list(id, 'errors')).json);
    const second = BatchImportErrorsPageSchema.parse((await list(id, 'errors', first.next_page_token ?? '')).json);
    const third = BatchImportErrorsPageSchema.parse((await list(id, 'errors', second.next_page_token ?? '')).json);
    expect([first, second, third].map((p) => p.results.map((r) => r.user?.uid))).toEqual([
      ['FAIL-0', 'FAIL-1'],
      ['FAIL-2', 'FAIL-3'],
      ['FAIL-4'],
    ]);
    expect([first.total_records, third.next_page_token]).toEqual([5, undefined]);
  });

  it('writes an empty next_page_token on the last page when so configured', async () => {
    sim.setConfig({ pollsToComplete: 1, lastPageToken: 'empty' });
    const id = await create();
    await status(id);
    expect((await list(id, 'imports')).json).toMatchObject({ next_page_token: '' });
  });

  it('lists imported users shaped like the documented example', async () => {
    sim.setConfig({ pollsToComplete: 1 });
    const id = await create([{ uid: 'xyz123', display_name: 'Daniel Falko', properties: { pricing_plan: 'paid' } }]);
    await status(id);
    const page = BatchImportImportsPageSchema.parse((await list(id, 'imports')).json);
    expect(page.results[0]).toMatchObject({
      uid: 'xyz123',
      display_name: 'Daniel Falko',
      schema: null,
      type_conflicts: null,
    });
  });

  it('answers 400 invalid_argument to a page_token of another job', async () => {
    sim.setConfig({ pollsToComplete: 1 });
    const id = await create();
    await status(id);
    expect((await list(id, 'errors', 'bm90LWEtdG9rZW4')).status).toBe(400);
  });

  it.each([
    ['an invalid e-mail', 'invalid_argument', { uid: 'a', email: 'nope' }, 'email'],
    ['an invalid property name', 'invalid_argument', { uid: 'b', properties: { 'bad-name': 1 } }, 'bad-name'],
    ['a uid containing FAIL', 'failed_precondition', { uid: 'c-FAIL' }, 'c-FAIL'],
  ])('fails %s inside the job with code %s, echoing the user', async (_what, code, user, mention) => {
    sim.setConfig({ pollsToComplete: 1 });
    const id = await create([user]);
    await status(id);
    const [result] = BatchImportErrorsPageSchema.parse((await list(id, 'errors')).json).results;
    expect(result).toEqual({ code, message: expect.stringContaining(mention), user });
  });

  it('answers 404 with the documented body for an unknown job', async () => {
    expect(await call('/nope')).toMatchObject({ status: 404, json: loadFixture('fullstory-error-404') });
  });

  it('answers 401 and 403 with the documented bodies for unknown and forbidden keys', async () => {
    expect(await call('/x', {}, 'wrong')).toMatchObject({ status: 401, json: loadFixture('fullstory-error-401') });
    expect(await call('/x', {}, FORBIDDEN_KEY)).toMatchObject({
      status: 403,
      json: loadFixture('fullstory-error-403'),
    });
  });

  it('forgets its jobs, saved keys and configuration on reset', async () => {
    sim.setConfig({ pollsToComplete: 9 });
    await create(requests(1), 'k');
    server.reset();
    await create(requests(2), 'k');
    expect([sim.jobCount(), sim.getConfig()]).toEqual([1, { pollsToComplete: 2 }]);
  });

  it('serves its configuration and jobs under /__sim/fullstory/import-users', async () => {
    await fetch(`${server.url}/__sim/fullstory/import-users/config`, {
      method: 'POST',
      body: JSON.stringify({ pollsToComplete: 4 }),
    });
    await create();
    const jobs = (await (await fetch(`${server.url}/__sim/fullstory/import-users/jobs`)).json()) as {
      items: unknown[];
    };
    expect([sim.getConfig(), jobs.items.length]).toEqual([{ pollsToComplete: 4 }, 1]);
  });
});
