/**
 * The HTTP API over a real socket, on the real dev server, worker and simulators: start and poll a job, page its
 * items, idempotency, cancel, listings, authentication and rejected input.
 */
import { randomUUID } from 'node:crypto';
import { sha256Hex } from '../../src/api-keys-config';
import { BulkJobClient, jobIdFor } from '../../src/client';
import { ItemsPageSchema, JobListSchema, JobViewSchema, ProblemSchema, StartedJobSchema } from '../../src/api/schemas';
import { startApiServer } from '../../src/api/server';
import type { ApiServer } from '../../src/api/server';
import { createLogger } from '../../src/logger';
import { jobId, moveUsers, waitFor } from '../helpers/jobs';
import { startStack } from '../helpers/stack';
import { uniqueTaskQueue } from '../helpers/temporal';
import type { Stack } from '../helpers/stack';

const KEY = 'integration-api-key-0123456789';
const LIMITED_KEY = 'integration-limited-key-0123456';
const TERMINAL = ['succeeded', 'partial', 'failed', 'cancelled'];

describe('HTTP API over a socket', () => {
  let stack: Stack;
  let api: ApiServer;
  const caller = `api-${randomUUID().slice(0, 8)}`;
  const orgId = `org-api-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    stack = await startStack({ name: 'api', simulators: { 'webex.moveUsers': { pollsToComplete: 1 } } });
    const keys = [
      { caller, keySha256: sha256Hex(KEY), tenants: '*' as const },
      { caller: 'limited', keySha256: sha256Hex(LIMITED_KEY), tenants: ['org-allowed'] },
    ];
    const config = { ...stack.config, api: { port: 0, host: '127.0.0.1', keys } };
    api = await startApiServer({ config, jobs: stack.jobs, log: createLogger('silent') });
  });

  afterAll(async () => {
    await api.close();
    await stack.close();
  });

  beforeEach(() => {
    stack.sim.reset();
    stack.webexMove.setConfig({ pollsToComplete: 1 });
  });

  async function call(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; key?: string | null } = {},
  ) {
    const key = options.key === undefined ? KEY : options.key;
    const headers: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}), ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = { method, headers };
    if (options.body !== undefined)
      init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const response = await fetch(new URL(path, api.url), init);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
    };
  }

  const request = (users: unknown[], extra: Record<string, unknown> = {}) => ({
    operation: 'webex.moveUsers',
    input: { orgId, users },
    ...extra,
  });

  async function poll(location: string): Promise<Record<string, unknown>> {
    return waitFor('a terminal state', async () => {
      const { json } = await call('GET', location);
      return TERMINAL.includes(String(json['state'])) ? json : undefined;
    });
  }

  it('starts a job (202 + Location) and reports it through GET until it finishes, then pages its items', async () => {
    const started = await call('POST', '/v1/jobs', { body: request(moveUsers(5, 'loc-A', [3])) });
    expect(started.status).toBe(202);
    expect(started.headers.get('retry-after')).toBe('5');
    const { jobId: id } = StartedJobSchema.parse(started.json);
    const location = started.headers.get('location') ?? '';
    expect(location).toBe(`/v1/jobs/${id}`);

    const view = JobViewSchema.parse(await poll(location));
    expect(view).toMatchObject({
      state: 'partial',
      requestedBy: caller,
      tenant: orgId,
      counts: { total: 5, failed: 1 },
    });
    const first = await call('GET', `${location}/items?limit=3`);
    const second = await call('GET', `${location}/items?limit=3&cursor=${String(first.json['nextCursor'])}`);
    const refs = [...(first.json['items'] as { ref: string }[]), ...(second.json['items'] as { ref: string }[])].map(
      (i) => i.ref,
    );
    expect(new Set(refs).size).toBe(5);
    expect(second.json['nextCursor']).toBeUndefined();
    const failed = await call('GET', `${location}/items?outcome=failed`);
    expect(failed.json).toMatchObject({ total: 1, complete: true });
  });

  it('returns the same job for the same Idempotency-Key and body, and 409 for a different body', async () => {
    const headers = { 'idempotency-key': jobId('api-idem') };
    const first = await call('POST', '/v1/jobs', { body: request(moveUsers(2, 'loc-A')), headers });
    const again = await call('POST', '/v1/jobs', { body: request(moveUsers(2, 'loc-A'), { dryRun: false }), headers });
    const other = await call('POST', '/v1/jobs', { body: request(moveUsers(3, 'loc-A')), headers });

    expect([first.status, again.status, other.status]).toEqual([202, 202, 409]);
    expect(again.json['jobId']).toBe(first.json['jobId']);
    expect(ProblemSchema.parse(other.json).code).toBe('IdempotencyConflictError');
    await poll(String(first.headers.get('location')));
    expect(stack.webexMove.jobCount()).toBe(1);
  });

  it('cancels a running job, then answers 409 to a second cancel', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 1_000_000 });
    const started = await call('POST', '/v1/jobs', { body: request(moveUsers(2, 'loc-A')) });
    const location = String(started.headers.get('location'));
    await waitFor('the provider job', () => stack.webexMove.jobCount() === 1);

    const cancel = await call('POST', `${location}/cancel`);
    expect(cancel.status).toBe(202);
    expect(await poll(location)).toMatchObject({ state: 'cancelled', cancelledBy: caller });
    expect((await call('POST', `${location}/cancel`)).status).toBe(409);
  });

  it('pages the users a cancelled job left not done (?outcome=pending); all items cover every user', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 1_000_000 });
    const users = [...moveUsers(2, 'loc-A'), ...moveUsers(3, 'loc-B')];
    const started = await call('POST', '/v1/jobs', { body: request(users) });
    const location = String(started.headers.get('location'));
    await waitFor('the provider job', () => stack.webexMove.jobCount() === 1);
    await call('POST', `${location}/cancel`);
    await poll(location);

    const pending = ItemsPageSchema.parse((await call('GET', `${location}/items?outcome=pending&limit=1000`)).json);
    const all = ItemsPageSchema.parse((await call('GET', `${location}/items?limit=1000`)).json);

    const neverStarted = moveUsers(3, 'loc-B').map((u) => u.userId);
    expect(pending.items.map((i) => i.ref)).toEqual(expect.arrayContaining(neverStarted));
    expect(pending.items.every((i) => i.outcome === 'pending')).toBe(true);
    expect([pending.total, pending.complete]).toEqual([pending.items.length, true]);
    expect([all.total, all.complete]).toEqual([5, true]);
    expect(all.items.map((i) => i.ref).sort()).toEqual(users.map((u) => u.userId).sort());
  });

  it('says in the job view that no worker polls the task queue of a job nobody picks up', async () => {
    const queue = uniqueTaskQueue('api-no-worker');
    const id = await new BulkJobClient(stack.client, queue).start(request(moveUsers(1, 'loc-A')), {
      requestedBy: caller,
    });
    try {
      const { status, json } = await call('GET', `/v1/jobs/${encodeURIComponent(id)}`);
      expect(status).toBe(200);
      expect(JobViewSchema.parse(json).noWorker).toEqual({
        taskQueue: queue,
        waitingSeconds: expect.any(Number) as number,
        message: expect.stringContaining(`the task queue ${queue} has no pollers`) as string,
      });
    } finally {
      await stack.client.workflow.getHandle(id).terminate('no worker: test done');
    }
  });

  it('answers 503 naming the task queue, not a hang, for the items of a running job no worker serves', async () => {
    const queue = uniqueTaskQueue('api-no-worker-items');
    const jobs = new BulkJobClient(stack.client, queue);
    const id = await jobs.start(request(moveUsers(1, 'loc-A')), { requestedBy: caller });
    try {
      // A signal makes the history longer than an unstarted one's, so the items must come from a worker's query.
      await jobs.pause(id, caller);
      const { status, json } = await call('GET', `/v1/jobs/${encodeURIComponent(id)}/items`);
      expect(status).toBe(503);
      expect(json).toMatchObject({ code: 'NoWorkerError' });
      expect(String(json['detail'])).toContain(`the task queue ${queue} has no pollers`);
    } finally {
      await stack.client.workflow.getHandle(id).terminate('no worker: test done');
    }
  });

  it('lists jobs by operation, requester and state', async () => {
    const started = await call('POST', '/v1/jobs', { body: request(moveUsers(1, 'loc-A', [0])) });
    await poll(String(started.headers.get('location')));
    const query = `operation=webex.moveUsers&requestedBy=${caller}&state=failed`;

    const list = await waitFor('visibility to index the job', async () => {
      const { json } = await call('GET', `/v1/jobs?${query}`);
      const page = JobListSchema.parse(json);
      return page.jobs.some((j) => j.jobId === started.json['jobId']) ? page : undefined;
    });
    expect(list.jobs.every((j) => j.state === 'failed' && j.requestedBy === caller)).toBe(true);
  });

  it('answers 401 without or with an unknown key, and 403 for a tenant the key lacks', async () => {
    const none = await call('GET', '/v1/jobs', { key: null });
    const unknown = await call('GET', '/v1/jobs', { key: 'wrong-key-0000000000000000' });
    const key = jobId('api-forbidden');
    const headers = { 'idempotency-key': key };
    const forbidden = await call('POST', '/v1/jobs', {
      body: request(moveUsers(1, 'loc-A')),
      key: LIMITED_KEY,
      headers,
    });

    expect([none.status, unknown.status, forbidden.status]).toEqual([401, 401, 403]);
    expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    await expect(stack.jobs.info(jobIdFor(orgId, 'limited', key))).rejects.toMatchObject({ name: 'JobNotFoundError' });
  });

  it("refuses a tenant-bound key's job on another tenant's input, whatever tenant it declares, and calls no provider", async () => {
    const key = jobId('api-bypass');
    const attack = {
      operation: 'webex.moveUsers',
      tenant: 'org-allowed',
      input: { orgId: 'org-other', users: moveUsers(2, 'loc-A') },
    };
    const declared = await call('POST', '/v1/jobs', {
      body: attack,
      key: LIMITED_KEY,
      headers: { 'idempotency-key': key },
    });
    const { tenant: _tenant, ...undeclared } = attack;
    const derived = await call('POST', '/v1/jobs', { body: undeclared, key: LIMITED_KEY });
    const oracle = { operation: 'oracle.syncUsers', tenant: 'org-allowed', input: { deleted: ['jdoe'] } };
    const viaConnection = await call('POST', '/v1/jobs', { body: oracle, key: LIMITED_KEY });

    expect([declared.status, derived.status, viaConnection.status]).toEqual([403, 403, 403]);
    expect(ProblemSchema.parse(declared.json)).toMatchObject({
      code: 'TenantMismatchError',
      errors: [{ field: 'tenant', message: expect.stringContaining('org-other') }],
    });
    expect(ProblemSchema.parse(derived.json).code).toBe('ForbiddenError');
    expect(ProblemSchema.parse(viaConnection.json).code).toBe('TenantMismatchError');
    await expect(stack.jobs.info(jobIdFor('org-other', 'limited', key))).rejects.toMatchObject({
      name: 'JobNotFoundError',
    });
    expect(stack.sim.log.entries().filter((e) => e.method === 'POST')).toEqual([]);
  });

  it.each([
    ['an unknown operation', { operation: 'webex.nope', input: {} }, 'operation'],
    [
      'an unknown field',
      { ...{ operation: 'webex.moveUsers', input: { users: moveUsers(1, 'x') } }, colour: 'red' },
      'colour',
    ],
    ['a dryRun string', { operation: 'webex.moveUsers', dryRun: 'no', input: { users: moveUsers(1, 'x') } }, 'dryRun'],
    [
      'a bad phone number',
      {
        operation: 'webex.moveUsers',
        input: { users: [...moveUsers(3, 'x'), { userId: 'u', locationId: 'l', phoneNumber: '1' }] },
      },
      'input.users[3].phoneNumber',
    ],
    [
      'a non-https callback',
      { operation: 'webex.moveUsers', callbackUrl: 'http://example.test/cb', input: { users: moveUsers(1, 'x') } },
      'callbackUrl',
    ],
  ])('rejects %s with 400 naming the field, and starts nothing', async (_case, body, field) => {
    const key = jobId('api-bad');
    const response = await call('POST', '/v1/jobs', { body, headers: { 'idempotency-key': key } });

    expect(response.status).toBe(400);
    expect(ProblemSchema.parse(response.json).errors?.map((e) => e.field)).toContain(field);
    await expect(stack.jobs.info(jobIdFor('default', caller, key))).rejects.toMatchObject({ name: 'JobNotFoundError' });
  });

  it('serves health, readiness and the OpenAPI document without a key', async () => {
    const [health, ready, doc] = await Promise.all(
      ['/healthz', '/readyz', '/openapi.json'].map((p) => call('GET', p, { key: null })),
    );

    expect([health?.status, ready?.status, doc?.status]).toEqual([200, 200, 200]);
    expect(doc?.json['openapi']).toBe('3.1.0');
  });
});
