/** API job routes via inject() on a fake client: status codes, headers, problem shapes and field paths. */
import { IdempotencyConflictError, JobClosedError, JobNotFoundError } from '../../../src/client';
import {
  ControlAcceptedSchema,
  JobListSchema,
  JobViewSchema,
  ProblemSchema,
  StartedJobSchema,
} from '../../../src/api/schemas';
import { viewFromResult } from '../../../src/client/job-view';
import { jobInfo } from './fake-jobs';
import { body, bearer, moveRequest, OPS_KEY, ORG1_KEY, testApp } from './helpers';

const headers = bearer(OPS_KEY);

describe('POST /v1/jobs', () => {
  it('answers 202 with Location, a Retry-After hint and the job id, passing key, tenant and callback', async () => {
    const { app, jobs } = testApp();
    const payload = moveRequest(undefined, { callbackUrl: 'https://hooks.example.test/bulk' });
    const response = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: { ...headers, 'idempotency-key': 'move-2026-11' },
      payload,
    });

    expect(response.statusCode).toBe(202);
    expect(response.headers.location).toBe('/v1/jobs/move-2026-11');
    expect(response.headers['retry-after']).toBe('5');
    expect(StartedJobSchema.parse(body(response))).toEqual({ jobId: 'move-2026-11', state: 'planning' });
    expect(jobs.started[0]?.options).toEqual({
      requestedBy: 'ops@example.test',
      tenant: 'org-1',
      idempotencyKey: 'move-2026-11',
      callbackUrl: 'https://hooks.example.test/bulk',
    });
    expect(jobs.started[0]?.request).toMatchObject({
      operation: 'webex.moveUsers',
      connection: 'default',
      dryRun: false,
    });
  });

  const user = { userId: 'u1', locationId: 'l1' };
  it.each([
    ['a missing operation', { input: { users: [user] } }, 'operation'],
    ['an unknown operation', { operation: 'webex.launchRockets', input: {} }, 'operation'],
    ['an unknown top-level field', { ...moveRequest(), priority: 'high' }, 'priority'],
    ['a connection of the wrong type', { ...moveRequest(), connection: 7 }, 'connection'],
    ['an empty tenant', { ...moveRequest(), tenant: '' }, 'tenant'],
    ['a dryRun that is not a boolean', { ...moveRequest(), dryRun: 'yes' }, 'dryRun'],
    ['a missing input', { operation: 'webex.moveUsers' }, 'input'],
    ['an empty item list', moveRequest([]), 'input.users'],
    ['a missing required item field', moveRequest([{ userId: 'u1' }]), 'input.users[0].locationId'],
    ['an unknown item field', moveRequest([{ ...user, office: 'x' }]), 'input.users[0].office'],
    [
      'a bad phone number on the fourth user',
      moveRequest([
        user,
        { ...user, userId: 'u2' },
        { ...user, userId: 'u3' },
        { ...user, userId: 'u4', phoneNumber: '555' },
      ]),
      'input.users[3].phoneNumber',
    ],
    [
      'an http callback to a remote host',
      moveRequest(undefined, { callbackUrl: 'http://hooks.example.test/' }),
      'callbackUrl',
    ],
    ['a callback that is not a URL', moveRequest(undefined, { callbackUrl: 'not a url' }), 'callbackUrl'],
    [
      'a callback to a loopback port',
      moveRequest(undefined, { callbackUrl: 'HTTP://LOCALHOST:8787/__sim/reset' }),
      'callbackUrl',
    ],
    [
      'a callback to the metadata address',
      moveRequest(undefined, { callbackUrl: 'https://169.254.169.254/latest/meta-data/' }),
      'callbackUrl',
    ],
    [
      'a callback with credentials',
      moveRequest(undefined, { callbackUrl: 'https://user:pass@hooks.example.test/bulk?token=x' }),
      'callbackUrl',
    ],
    [
      'a dry run of an operation without one',
      { operation: 'webex.resendActivationEmails', dryRun: true, input: { orgId: 'org1' } },
      'dryRun',
    ],
  ])('answers 400 naming the field for %s, and starts nothing', async (_case, payload, field) => {
    const { app, jobs } = testApp();
    const response = await app.inject({ method: 'POST', url: '/v1/jobs', headers, payload });

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = ProblemSchema.parse(body(response));
    expect(problem).toMatchObject({ type: 'urn:bulkflow:problem:invalid-request', status: 400 });
    expect(problem.errors?.map((e) => e.field)).toContain(field);
    expect(jobs.started).toHaveLength(0);
  });

  it.each([
    ['webex.moveUsers', { tenant: 'org-1', input: { orgId: 'org-2', users: [user] } }],
    ['webex.resendActivationEmails', { tenant: 'org-1', input: { orgId: 'org-2' } }],
    ['oracle.syncUsers', { tenant: 'org-1', connection: 'org-2', input: { deleted: ['jdoe'] } }],
  ])(
    "answers 403 naming the tenant field when %s declares the key's tenant for another tenant's input",
    async (operation, rest) => {
      const { app, jobs } = testApp();
      const payload = { operation, ...rest };
      const response = await app.inject({ method: 'POST', url: '/v1/jobs', headers: bearer(ORG1_KEY), payload });

      expect(response.statusCode).toBe(403);
      expect(ProblemSchema.parse(body(response))).toMatchObject({
        code: 'TenantMismatchError',
        errors: [{ field: 'tenant', message: expect.stringContaining('org-2') }],
      });
      expect(jobs.started).toHaveLength(0);
    },
  );

  it('answers 403 when the input acts on a tenant the key lacks, whatever tenant it declares', async () => {
    const { app, jobs } = testApp();
    const other = { operation: 'webex.moveUsers', input: { orgId: 'org-2', users: [user] } };
    const oracle = { operation: 'oracle.syncUsers', input: { deleted: ['jdoe'] } };
    for (const payload of [other, oracle, { ...other, tenant: 'org-2' }]) {
      const response = await app.inject({ method: 'POST', url: '/v1/jobs', headers: bearer(ORG1_KEY), payload });
      expect([response.statusCode, body(response).code]).toEqual([403, 'ForbiddenError']);
    }
    expect(jobs.started).toHaveLength(0);
  });

  it("starts a job of the key's own tenant, labelled with the tenant derived from the input", async () => {
    const { app, jobs } = testApp();
    const payload = { ...moveRequest(), tenant: 'org-1' };
    const response = await app.inject({ method: 'POST', url: '/v1/jobs', headers: bearer(ORG1_KEY), payload });

    expect(response.statusCode).toBe(202);
    expect(jobs.started[0]?.options.tenant).toBe('org-1');
  });

  it('lists every invalid field, not only the first', async () => {
    const { app } = testApp();
    const payload = moveRequest([
      { userId: '', locationId: 'l1' },
      { userId: 'u2', locationId: 'l1', extension: 'x' },
    ]);
    const response = await app.inject({ method: 'POST', url: '/v1/jobs', headers, payload });

    expect(ProblemSchema.parse(body(response)).errors?.map((e) => e.field)).toEqual([
      'input.users[0].userId',
      'input.users[1].extension',
    ]);
  });

  it('answers 400 for an idempotency key outside the safe alphabet, naming the header', async () => {
    const { app, jobs } = testApp();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: { ...headers, 'idempotency-key': 'no spaces/or slashes' },
      payload: moveRequest(),
    });

    expect(response.statusCode).toBe(400);
    expect(ProblemSchema.parse(body(response)).errors?.[0]?.field).toBe('header["idempotency-key"]');
    expect(jobs.started).toHaveLength(0);
  });

  it('answers 400 problem for malformed JSON and 415 for another media type', async () => {
    const { app } = testApp();
    const json = { ...headers, 'content-type': 'application/json' };
    const malformed = await app.inject({ method: 'POST', url: '/v1/jobs', headers: json, payload: '{"operation":' });
    const xml = { ...headers, 'content-type': 'application/xml' };
    const plain = await app.inject({ method: 'POST', url: '/v1/jobs', headers: xml, payload: '<job/>' });

    expect([malformed.statusCode, plain.statusCode]).toEqual([400, 415]);
    expect(ProblemSchema.parse(body(malformed))).toMatchObject({ type: 'about:blank', status: 400 });
  });

  it('answers 409 problem when the key was used for a different request', async () => {
    const { app, jobs } = testApp();
    jobs.failWith = new IdempotencyConflictError('k1');
    const response = await app.inject({ method: 'POST', url: '/v1/jobs', headers, payload: moveRequest() });

    expect(response.statusCode).toBe(409);
    expect(body(response)).toMatchObject({
      code: 'IdempotencyConflictError',
      type: 'urn:bulkflow:problem:idempotency-conflict',
    });
  });

  it('answers 503 problem while Temporal does not answer', async () => {
    const { app, jobs } = testApp();
    const grpc = Object.assign(new Error('14 UNAVAILABLE: connect ECONNREFUSED 10.1.2.3:7233'), {
      code: 14,
      metadata: {},
    });
    jobs.failWith = new Error('Failed to start workflow', { cause: grpc });
    const response = await app.inject({ method: 'POST', url: '/v1/jobs', headers, payload: moveRequest() });

    expect(response.statusCode).toBe(503);
    expect(JSON.stringify(body(response))).not.toContain('10.1.2.3');
  });

  it('answers a bare 500 that leaks nothing for an unexpected error', async () => {
    const { app, jobs } = testApp();
    jobs.failWith = new Error('connect ECONNREFUSED 10.1.2.3:7233 at /srv/bulkflow/secret.ts');
    const response = await app.inject({ method: 'POST', url: '/v1/jobs', headers, payload: moveRequest() });

    expect(response.statusCode).toBe(500);
    expect(body(response)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
  });
});

describe('job reads and control', () => {
  it('answers GET /v1/jobs/{id} with the job view and a Retry-After while it runs', async () => {
    const { app } = testApp();
    const response = await app.inject({ method: 'GET', url: '/v1/jobs/job-7', headers });

    expect(response.statusCode).toBe(200);
    expect(response.headers['retry-after']).toBe('5');
    expect(JobViewSchema.parse(body(response))).toMatchObject({ jobId: 'job-7', state: 'running' });
  });

  it("answers a finished job's warnings in its view, in the documented shape", async () => {
    const { app, jobs } = testApp();
    const warning = {
      kind: 'countsDisagree' as const,
      batch: 0,
      providerJobId: 'pj-1',
      providerCounts: { total: 1, succeeded: 1, failed: 0, skipped: 0, pending: 0 },
      itemCounts: { total: 1, succeeded: 0, failed: 1, skipped: 0, pending: 0 },
      message: 'the provider counted 1 succeeded, but its item pages give 1 failed',
    };
    const finished = viewFromResult(jobInfo('job-8'), {
      jobId: 'job-8',
      operation: 'webex.moveUsers',
      dryRun: false,
      state: 'succeeded',
      counts: warning.providerCounts,
      providerJobs: [],
      items: [],
      warnings: [warning],
    });
    jobs.get = () => Promise.resolve(finished);
    const response = await app.inject({ method: 'GET', url: '/v1/jobs/job-8', headers });

    expect(JobViewSchema.parse(body(response)).warnings).toEqual([warning]);
  });

  it('answers 404 problem for an unknown job and for an unknown route', async () => {
    const { app, jobs } = testApp();
    jobs.failWith = new JobNotFoundError('nope');
    const job = await app.inject({ method: 'GET', url: '/v1/jobs/nope', headers });
    const route = await app.inject({ method: 'POST', url: '/v1/jobs/nope/explode', headers });

    expect([job.statusCode, route.statusCode]).toEqual([404, 404]);
    expect(body(job)).toMatchObject({ code: 'JobNotFoundError', type: 'urn:bulkflow:problem:job-not-found' });
    expect(ProblemSchema.parse(body(route)).status).toBe(404);
  });

  it.each(['cancel', 'pause', 'resume'])('sends %s as the caller and answers 202', async (action) => {
    const { app, jobs } = testApp();
    const response = await app.inject({ method: 'POST', url: `/v1/jobs/job-3/${action}`, headers });

    expect(response.statusCode).toBe(202);
    expect(ControlAcceptedSchema.parse(body(response))).toEqual({ jobId: 'job-3', action });
    expect(jobs.controls).toEqual([{ action, jobId: 'job-3', requestedBy: 'ops@example.test' }]);
  });

  it('answers 409 problem for control of a finished job', async () => {
    const { app, jobs } = testApp();
    jobs.cancel = () => Promise.reject(new JobClosedError('job-3', 'COMPLETED'));
    const response = await app.inject({ method: 'POST', url: '/v1/jobs/job-3/cancel', headers });

    expect(response.statusCode).toBe(409);
    expect(body(response)).toMatchObject({ code: 'JobClosedError' });
  });

  it('passes list filters through and answers one page', async () => {
    const { app, jobs } = testApp();
    const url = '/v1/jobs?operation=webex.moveUsers&state=failed&requestedBy=ops&limit=10&cursor=abc';
    const response = await app.inject({ method: 'GET', url, headers });

    expect(response.statusCode).toBe(200);
    expect(JobListSchema.parse(body(response)).nextCursor).toBe('abc');
    expect(jobs.listed[0]).toEqual({
      operation: 'webex.moveUsers',
      state: 'failed',
      requestedBy: 'ops',
      limit: 10,
      cursor: 'abc',
    });
  });

  it.each([
    ['/v1/jobs?state=sleeping', 'query.state'],
    ['/v1/jobs?limit=0', 'query.limit'],
    ['/v1/jobs?startedAfter=yesterday', 'query.startedAfter'],
    ["/v1/jobs?tenant=o'brien", 'query.tenant'],
    ['/v1/jobs?color=red', 'query.color'],
    ['/v1/jobs/job-1/items?limit=5000', 'query.limit'],
    ['/v1/jobs/job-1/items?outcome=maybe', 'query.outcome'],
  ])('answers 400 for GET %s naming %s', async (url, field) => {
    const { app } = testApp();
    const response = await app.inject({ method: 'GET', url, headers });

    expect(response.statusCode).toBe(400);
    expect(ProblemSchema.parse(body(response)).errors?.map((e) => e.field)).toContain(field);
  });
});
