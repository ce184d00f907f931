/**
 * The HTTP API as an attacker and a careless caller would use it, over a real socket on the real dev server and
 * simulators: every route against no key, a wrong key, another tenant's key and a declared tenant that disagrees
 * with the input; and the hostile inputs that used to give 500s or leak which jobs exist.
 */
import { randomUUID } from 'node:crypto';
import { sha256Hex } from '../../src/api-keys-config';
import { JobListSchema, ProblemSchema, StartedJobSchema } from '../../src/api/schemas';
import { startApiServer } from '../../src/api/server';
import type { ApiServer } from '../../src/api/server';
import { createLogger } from '../../src/logger';
import { jobId, moveUsers, waitFor } from '../helpers/jobs';
import { startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

const KEY_A = 'attacks-key-of-tenant-a-0123456789';
const KEY_B = 'attacks-key-of-tenant-b-0123456789';
const WRONG = 'attacks-key-nobody-has-0123456789';

interface Answer {
  readonly status: number;
  readonly json: Record<string, unknown>;
}

describe('HTTP API under attack', () => {
  let stack: Stack;
  let api: ApiServer;
  const orgA = `org-a-${randomUUID().slice(0, 8)}`;
  const orgB = `org-b-${randomUUID().slice(0, 8)}`;
  let jobOfA: string;

  async function call(method: string, path: string, key: string | null, body?: string | object): Promise<Answer> {
    const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(new URL(path, api.url), init);
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  const moveFor = (orgId: string, extra: Record<string, unknown> = {}) => ({
    operation: 'webex.moveUsers',
    input: { orgId, users: moveUsers(2, 'loc-A') },
    ...extra,
  });
  const starts = () => stack.sim.log.entries({ endpoint: 'webex.moveUsers.start' }).length;

  beforeAll(async () => {
    stack = await startStack({ name: 'attacks', simulators: { 'webex.moveUsers': { pollsToComplete: 1 } } });
    const keys = [
      { caller: 'caller-a', keySha256: sha256Hex(KEY_A), tenants: [orgA] },
      { caller: 'caller-b', keySha256: sha256Hex(KEY_B), tenants: [orgB] },
    ];
    const config = { ...stack.config, api: { port: 0, host: '127.0.0.1', keys } };
    api = await startApiServer({ config, jobs: stack.jobs, log: createLogger('silent') });
    const started = await call('POST', '/v1/jobs', KEY_A, moveFor(orgA));
    jobOfA = StartedJobSchema.parse(started.json).jobId;
    await stack.jobs.result(jobOfA);
  });

  afterAll(async () => {
    await api.close();
    await stack.close();
  });

  const perJob = (id: string): Array<[string, string]> => [
    ['GET', `/v1/jobs/${encodeURIComponent(id)}`],
    ['GET', `/v1/jobs/${encodeURIComponent(id)}/items`],
    ['GET', `/v1/jobs/${encodeURIComponent(id)}/audit`],
    ['POST', `/v1/jobs/${encodeURIComponent(id)}/cancel`],
    ['POST', `/v1/jobs/${encodeURIComponent(id)}/pause`],
    ['POST', `/v1/jobs/${encodeURIComponent(id)}/resume`],
  ];

  it('answers 401 on every route without a key or with a wrong one', async () => {
    const routes: Array<[string, string, object?]> = [
      ['POST', '/v1/jobs', moveFor(orgA)],
      ['GET', '/v1/jobs'],
      ...perJob(jobOfA),
    ];
    for (const [method, path, body] of routes) {
      for (const key of [null, WRONG]) {
        const answer = await call(method, path, key, body);
        expect([method, path, key, answer.status]).toEqual([method, path, key, 401]);
        expect(ProblemSchema.parse(answer.json).code).toBe('UnauthenticatedError');
      }
    }
  });

  it("answers another tenant's job on every per-job route exactly as a job that does not exist", async () => {
    const unknownId = `${jobOfA.slice(0, jobOfA.lastIndexOf('.'))}.no-such-key`;
    const unknownRoutes = perJob(unknownId);
    for (const [i, [method, path]] of perJob(jobOfA).entries()) {
      const asB = await call(method, path, KEY_B);
      const unknown = await call(method, unknownRoutes[i]?.[1] ?? '', KEY_A);
      expect([path, asB.status, asB.json['code']]).toEqual([path, 404, 'JobNotFoundError']);
      expect({ ...asB.json, detail: '' }).toEqual({ ...unknown.json, detail: '' });
    }
    expect((await call('GET', `/v1/jobs/${encodeURIComponent(jobOfA)}`, KEY_A)).status).toBe(200);
  });

  it("refuses a start on another tenant's input, whatever tenant is declared, and calls no provider", async () => {
    const before = starts();
    const undeclared = await call('POST', '/v1/jobs', KEY_B, moveFor(orgA));
    const declaredOwn = await call('POST', '/v1/jobs', KEY_B, moveFor(orgA, { tenant: orgB }));
    const declaredTheirs = await call('POST', '/v1/jobs', KEY_B, moveFor(orgA, { tenant: orgA }));

    expect([undeclared.status, undeclared.json['code']]).toEqual([403, 'ForbiddenError']);
    expect(ProblemSchema.parse(declaredOwn.json)).toMatchObject({
      status: 403,
      code: 'TenantMismatchError',
      errors: [{ field: 'tenant', message: expect.stringContaining(orgA) }],
    });
    expect([declaredTheirs.status, declaredTheirs.json['code']]).toEqual([403, 'ForbiddenError']);
    expect(starts()).toBe(before);
  });

  it("lists only the key's own tenants' jobs, and refuses a filter on another tenant", async () => {
    const own = await waitFor('the job to be listed for its tenant', async () => {
      const page = JobListSchema.parse((await call('GET', '/v1/jobs', KEY_A)).json);
      return page.jobs.some((j) => j.jobId === jobOfA) ? page : undefined;
    });
    const other = JobListSchema.parse((await call('GET', '/v1/jobs', KEY_B)).json);
    const filtered = await call('GET', `/v1/jobs?tenant=${orgA}`, KEY_B);

    expect(own.jobs.every((j) => j.tenant === orgA)).toBe(true);
    expect(other.jobs.map((j) => j.jobId)).not.toContain(jobOfA);
    expect([filtered.status, filtered.json['code']]).toEqual([403, 'ForbiddenError']);
  });

  it('gives each caller its own jobs for the same idempotency key: no 409 across callers', async () => {
    const key = jobId('shared-key');
    const first = await fetch(new URL('/v1/jobs', api.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY_A}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(moveFor(orgA)),
    });
    const second = await fetch(new URL('/v1/jobs', api.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY_B}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(moveFor(orgB)),
    });
    const [a, b] = [StartedJobSchema.parse(await first.json()), StartedJobSchema.parse(await second.json())];

    expect([first.status, second.status]).toEqual([202, 202]);
    expect(a.jobId).not.toBe(b.jobId);
    await Promise.all([stack.jobs.result(a.jobId), stack.jobs.result(b.jobId)]);
  });

  it.each([
    [
      'a FullStory schema nested 5,000 levels deep',
      `{"operation":"fullstory.importUsers","input":{"users":[{"uid":"u1","properties":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}]}}`,
      /^input\.users\[0\]\.properties(\.a)+$/,
    ],
    [
      'a __proto__ key in a user',
      `{"operation":"webex.moveUsers","input":{"users":[{"userId":"u","locationId":"l","__proto__":{"x":1}}]}}`,
      /^input\.users\[0\]\.__proto__$/,
    ],
    ['a tenant with NUL, path and query characters', moveFor('x', { tenant: 'org\u0000A/../../x?y=1#' }), /^tenant$/],
    ['a tenant with a bidi override', moveFor('x', { tenant: 'org\u202eA' }), /^tenant$/],
    ['a connection with a path', moveFor('x', { connection: '../../etc' }), /^connection$/],
  ])('answers 400 naming the field for %s, and starts nothing', async (_case, body, field) => {
    const before = starts();
    const answer = await call('POST', '/v1/jobs', KEY_A, body);

    expect(answer.status).toBe(400);
    const fields = ProblemSchema.parse(answer.json).errors?.map((e) => e.field) ?? [];
    expect(fields.some((f) => field.test(f))).toBe(true);
    expect(starts()).toBe(before);
  });

  it('answers 400 naming the cursor for a listing cursor it never handed out', async () => {
    for (const cursor of ['AAAA', 'not-a-cursor', `AQID.${'x'.repeat(16)}`]) {
      const answer = await call('GET', `/v1/jobs?cursor=${encodeURIComponent(cursor)}`, KEY_A);
      expect([cursor, answer.status]).toEqual([cursor, 400]);
      expect(ProblemSchema.parse(answer.json).errors?.[0]?.field).toBe('cursor');
    }
  });
  it.each([
    ['40,000 users with unknown keys (a stack overflow, once)', 40_000, () => ({ a: 1, b: 1, c: 1 })],
    [
      '30,000 users with three problems each (a 10.8 MB answer, once)',
      30_000,
      (i: number) => ({ userId: '', locationId: 'l', phoneNumber: `x${i}` }),
    ],
  ])('answers %s with 400: the first 100 problems, a count, under 64 KiB', async (_case, count, user) => {
    const before = starts();
    const body = JSON.stringify({
      operation: 'webex.moveUsers',
      input: { orgId: orgA, users: Array.from({ length: count }, (_, i) => user(i)) },
    });
    const response = await fetch(new URL('/v1/jobs', api.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY_A}`, 'content-type': 'application/json' },
      body,
    });
    const text = await response.text();

    expect(response.status).toBe(400);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(64 * 1024);
    const problem = ProblemSchema.parse(JSON.parse(text));
    expect(problem.errors).toHaveLength(100);
    expect(problem.errors?.[0]?.field).toBe('input.users[0].userId');
    expect(problem.errorCount).toBeGreaterThanOrEqual(100);
    expect(problem.errorCountExact).toBe(false);
    expect(starts()).toBe(before);
  });

  it('answers a formula cell sent as JSON with 400 naming the field, and starts nothing', async () => {
    const before = starts();
    const users = [{ userId: 'u1', locationId: '=SUM(A1)' }];
    const answer = await call('POST', '/v1/jobs', KEY_A, {
      operation: 'webex.moveUsers',
      input: { orgId: orgA, users },
    });

    expect(answer.status).toBe(400);
    expect(ProblemSchema.parse(answer.json).errors).toEqual([
      { field: 'input.users[0].locationId', message: expect.stringContaining('spreadsheet formula') },
    ]);
    expect(starts()).toBe(before);
  });
});
