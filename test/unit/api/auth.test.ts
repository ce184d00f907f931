/** API authentication and tenant rights, via inject() on a fake client. */
import { ProblemSchema } from '../../../src/api/schemas';
import { jobIdFor } from '../../../src/client';
import { body, bearer, moveRequest, OPS_KEY, ORG1_KEY, testApp } from './helpers';

describe('API authentication', () => {
  it.each([
    ['no Authorization header', {}],
    ['a non-bearer scheme', { authorization: `Basic ${OPS_KEY}` }],
    ['an unknown key', bearer('not-a-configured-key-000000')],
  ])('answers 401 problem+json with WWW-Authenticate for %s', async (_case, headers) => {
    const { app, jobs } = testApp();
    const response = await app.inject({ method: 'POST', url: '/v1/jobs', headers, payload: moveRequest() });

    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(ProblemSchema.parse(body(response))).toMatchObject({ status: 401, code: 'UnauthenticatedError' });
    expect(jobs.started).toHaveLength(0);
  });

  it("records the key's caller identity as requestedBy", async () => {
    const { app, jobs } = testApp();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: bearer(OPS_KEY),
      payload: moveRequest(),
    });

    expect(response.statusCode).toBe(202);
    expect(jobs.started[0]?.options.requestedBy).toBe('ops@example.test');
  });

  it('answers 403 when the tenant derived from the input is not granted to the key, and starts nothing', async () => {
    const { app, jobs } = testApp();
    const payload = {
      operation: 'webex.moveUsers',
      input: { orgId: 'org-2', users: [{ userId: 'u', locationId: 'l' }] },
    };
    const response = await app.inject({ method: 'POST', url: '/v1/jobs', headers: bearer(ORG1_KEY), payload });

    expect(response.statusCode).toBe(403);
    expect(body(response)).toMatchObject({ code: 'ForbiddenError', detail: expect.stringContaining('org-2') });
    expect(jobs.started).toHaveLength(0);
  });

  it('lets a tenant-bound key start on its tenant, derived from the input, with or without naming it', async () => {
    const { app, jobs } = testApp();
    const derived = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: bearer(ORG1_KEY),
      payload: moveRequest(),
    });
    const named = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: bearer(ORG1_KEY),
      payload: { ...moveRequest(), tenant: 'org-1' },
    });

    expect([derived.statusCode, named.statusCode]).toEqual([202, 202]);
    expect(jobs.started.map((s) => s.options.tenant)).toEqual(['org-1', 'org-1']);
  });

  it("refuses a key's own tenant named on an input that acts on the connection's tenant", async () => {
    const { app, jobs } = testApp();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: bearer(ORG1_KEY),
      payload: { operation: 'webex.moveUsers', tenant: 'org-1', input: { users: [{ userId: 'u', locationId: 'l' }] } },
    });

    expect([response.statusCode, body(response).code]).toEqual([403, 'TenantMismatchError']);
    expect(jobs.started).toHaveLength(0);
  });

  it("answers another tenant's job exactly as a job that does not exist, on every per-job route", async () => {
    const tagged = jobIdFor('org-2', 'svc', 'k1');
    const { app, jobs } = testApp({ 'job-of-org-2': 'org-2', [tagged]: 'org-2' });
    jobs.unknown.add('no-such-job');
    const headers = bearer(ORG1_KEY);
    const routes = (id: string) =>
      Promise.all([
        app.inject({ method: 'GET', url: `/v1/jobs/${id}`, headers }),
        app.inject({ method: 'GET', url: `/v1/jobs/${id}/items`, headers }),
        app.inject({ method: 'GET', url: `/v1/jobs/${id}/audit`, headers }),
        app.inject({ method: 'POST', url: `/v1/jobs/${id}/cancel`, headers }),
        app.inject({ method: 'POST', url: `/v1/jobs/${id}/pause`, headers }),
        app.inject({ method: 'POST', url: `/v1/jobs/${id}/resume`, headers }),
      ]);
    const shape = (r: { statusCode: number; json: () => Record<string, unknown> }) => {
      const { detail: _detail, ...rest } = r.json();
      return [r.statusCode, rest];
    };

    const unknown = (await routes('no-such-job')).map(shape);
    for (const id of ['job-of-org-2', encodeURIComponent(tagged)]) {
      expect((await routes(id)).map(shape)).toEqual(unknown);
    }
    expect(unknown[0]).toEqual([404, expect.objectContaining({ code: 'JobNotFoundError' })]);
    expect(jobs.controls).toHaveLength(0);
  });

  it("refuses another tenant's tagged job id without asking Temporal", async () => {
    const tagged = jobIdFor('org-2', 'svc', 'k1');
    const { app, jobs } = testApp({ [tagged]: 'org-2' });
    const response = await app.inject({ method: 'GET', url: `/v1/jobs/${tagged}`, headers: bearer(ORG1_KEY) });

    expect(response.statusCode).toBe(404);
    expect(jobs.reads).toEqual([]);
  });

  it('restricts listings of a tenant-bound key to its tenants, and refuses a filter on another tenant', async () => {
    const { app, jobs } = testApp();
    const own = await app.inject({ method: 'GET', url: '/v1/jobs?state=running', headers: bearer(ORG1_KEY) });
    const other = await app.inject({ method: 'GET', url: '/v1/jobs?tenant=org-2', headers: bearer(ORG1_KEY) });
    const all = await app.inject({ method: 'GET', url: '/v1/jobs', headers: bearer(OPS_KEY) });

    expect([own.statusCode, other.statusCode, all.statusCode]).toEqual([200, 403, 200]);
    expect(jobs.listed[0]).toMatchObject({ state: 'running', tenants: ['org-1'] });
    expect(jobs.listed[1]).not.toHaveProperty('tenants');
  });

  it('serves /healthz, /readyz and /openapi.json without a key', async () => {
    const { app, jobs } = testApp();
    const [health, ready, doc] = await Promise.all(
      ['/healthz', '/readyz', '/openapi.json'].map((url) => app.inject({ method: 'GET', url })),
    );
    jobs.ready = false;
    const notReady = await app.inject({ method: 'GET', url: '/readyz' });

    expect([health?.statusCode, ready?.statusCode, doc?.statusCode]).toEqual([200, 200, 200]);
    expect(notReady.statusCode).toBe(503);
    expect(JSON.stringify(body(notReady))).not.toContain('10.0.0.1');
  });
});
