/** A key may spend only connections that serve its tenant (connections.<provider>.<name>.tenants), via inject(). */
import { ProblemSchema } from '../../../src/api/schemas';
import { body, bearer, OPS_KEY, ORG1_KEY, testApp } from './helpers';

const moveOn = (connection: string, orgId = 'org-1') => ({
  operation: 'webex.moveUsers',
  connection,
  input: { orgId, users: [{ userId: 'u1', locationId: 'l1' }] },
});

describe('API connection authorization', () => {
  it("refuses a key scoped to org-1 on another tenant's connection with a 403 naming `connection`", async () => {
    const { app, jobs } = testApp();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: bearer(ORG1_KEY),
      payload: moveOn('conn-b'),
    });

    expect(ProblemSchema.parse(body(response))).toMatchObject({
      status: 403,
      code: 'ConnectionNotServedError',
      errors: [{ field: 'connection', message: expect.stringContaining('connections.webex.conn-b.tenants: org-2') }],
    });
    expect(jobs.started).toHaveLength(0);
  });

  it('refuses every key, the all-tenants key too, a tenant the connection does not serve', async () => {
    const { app, jobs } = testApp();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: bearer(OPS_KEY),
      payload: moveOn('conn-b'),
    });

    expect([response.statusCode, body(response).code]).toEqual([403, 'ConnectionNotServedError']);
    expect(jobs.started).toHaveLength(0);
  });

  it('lets a key start on a connection that serves its tenant', async () => {
    const { app, jobs } = testApp();
    const own = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: bearer(OPS_KEY),
      payload: moveOn('conn-b', 'org-2'),
    });
    const anyTenant = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: bearer(ORG1_KEY),
      payload: moveOn('default'),
    });

    expect([own.statusCode, anyTenant.statusCode]).toEqual([202, 202]);
    expect(jobs.started).toHaveLength(2);
  });

  it('keeps a connection that names no tenants to keys for every tenant, naming the setting to a scoped key', async () => {
    const { app, jobs } = testApp();
    const scoped = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: bearer(ORG1_KEY),
      payload: moveOn('shared'),
    });
    const all = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: bearer(OPS_KEY),
      payload: moveOn('shared'),
    });

    expect(ProblemSchema.parse(body(scoped))).toMatchObject({
      status: 403,
      errors: [
        {
          field: 'connection',
          message: expect.stringContaining('names no tenants (connections.webex.shared.tenants)'),
        },
      ],
    });
    expect(all.statusCode).toBe(202);
    expect(jobs.started).toHaveLength(1);
  });
});
