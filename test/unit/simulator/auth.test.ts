import { startSimulator, type SimulatorServer } from '../../../src/simulator';
import { createEchoSimulator } from './echo-simulator';

describe('simulator auth', () => {
  let server: SimulatorServer;
  beforeEach(async () => {
    server = await startSimulator({
      simulators: [createEchoSimulator()],
      auth: { bearerTokens: ['good'], forbiddenTokens: ['readonly'] },
    });
  });
  afterEach(async () => {
    await server.close();
  });

  const get = (authorization?: string): Promise<Response> =>
    fetch(`${server.url}/v1/things/1`, authorization === undefined ? {} : { headers: { authorization } });

  it('answers 401 in the Webex error shape without an Authorization header', async () => {
    const res = await get();
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      message: expect.any(String),
      errors: [expect.any(Object)],
      trackingId: expect.any(String),
    });
  });

  it('answers 401 for an unknown bearer token', async () => {
    expect((await get('Bearer bad')).status).toBe(401);
  });

  it('answers 403 for a forbidden token', async () => {
    expect((await get('Bearer readonly')).status).toBe(403);
  });

  it('accepts a configured bearer token', async () => {
    expect((await get('Bearer good')).status).toBe(200);
  });

  it('does not consume a fault for a refused request', async () => {
    server.faults.add('test.get', { kind: 'status', status: 500 });
    await get();
    expect((await get('Bearer good')).status).toBe(500);
  });

  it('accepts any request when no tokens are configured', async () => {
    const open = await startSimulator({ simulators: [createEchoSimulator()] });
    try {
      expect((await fetch(`${open.url}/v1/things/1`)).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  const control = (path: string, body: unknown): Promise<Response> =>
    fetch(`${server.url}/__sim/credentials${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('expires a token on request: the requests that carry it are answered 401 from then on', async () => {
    expect((await get('Bearer good')).status).toBe(200);
    expect(await (await control('/expire', { token: 'good' })).json()).toEqual({ expired: 1 });
    expect((await get('Bearer good')).status).toBe(401);
  });

  it('accepts a rotated token once told to', async () => {
    expect((await get('Bearer rotated')).status).toBe(401);
    expect((await control('/accept', { token: 'rotated' })).status).toBe(204);
    expect((await get('Bearer rotated')).status).toBe(200);
  });

  it('accepts the access tokens it issues to an OAuth client until it expires them', async () => {
    const client = { clientId: 'app', clientSecret: 'shh', refreshToken: 'r-1' };
    expect((await control('/oauth-clients', client)).status).toBe(201);
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: 'app',
      client_secret: 'shh',
      refresh_token: 'r-1',
    });
    const issued = await fetch(`${server.url}/oauth/v2/token`, { method: 'POST', body: form });
    const { access_token: token } = (await issued.json()) as { access_token: string };
    expect((await get(`Zoho-oauthtoken ${token}`)).status).toBe(200);
    expect(await (await control('/expire', { clientId: 'app' })).json()).toEqual({ expired: 1 });
    expect((await get(`Zoho-oauthtoken ${token}`)).status).toBe(401);
  });

  it('restores the credentials of its start on reset', async () => {
    await control('/expire', { token: 'good' });
    server.reset();
    expect((await get('Bearer good')).status).toBe(200);
  });

  it('refuses a control request that names neither a token nor a client, naming the problem', async () => {
    expect((await control('/expire', {})).status).toBe(400);
  });
});
