import { startSimulator, type SimulatorServer } from '../../../src/simulator';
import { createEchoSimulator } from './echo-simulator';

describe('simulator request log', () => {
  let server: SimulatorServer;
  beforeEach(async () => {
    server = await startSimulator({ simulators: [createEchoSimulator()], auth: { bearerTokens: ['secret-token'] } });
  });
  afterEach(async () => {
    await server.close();
  });

  const auth = { authorization: 'Bearer secret-token' };

  it('records endpoint, method, path, query, status and times of each request', async () => {
    const before = Date.now();
    await fetch(`${server.url}/v1/things/3?orgId=o1`, { headers: auth });
    const [entry] = server.log.entries();
    expect(entry).toMatchObject({
      endpoint: 'test.get',
      method: 'GET',
      path: '/v1/things/3',
      query: { orgId: 'o1' },
      status: 200,
    });
    expect(entry?.receivedAt).toBeGreaterThanOrEqual(before);
    expect(entry?.answeredAt).toBeGreaterThanOrEqual(entry?.receivedAt ?? Infinity);
  });

  it('records a reset fault as status reset', async () => {
    server.faults.add('test.get', { kind: 'reset' });
    await fetch(`${server.url}/v1/things/3`, { headers: auth }).catch(() => undefined);
    expect(server.log.entries()[0]).toMatchObject({ status: 'reset', fault: 'reset' });
  });

  it('never records the Authorization header value', async () => {
    await fetch(`${server.url}/v1/things/3`, { headers: auth });
    expect(JSON.stringify(server.log.entries())).not.toContain('secret-token');
  });

  it('filters entries by endpoint and method', async () => {
    await fetch(`${server.url}/v1/things/3`, { headers: auth });
    await fetch(`${server.url}/v1/things`, { method: 'POST', headers: auth, body: '{}' });
    expect(server.log.entries({ endpoint: 'test.create' }).map((e) => e.method)).toEqual(['POST']);
    expect(server.log.entries({ method: 'get' }).map((e) => e.endpoint)).toEqual(['test.get']);
  });

  it('records unknown routes as endpoint unknown with a Webex-style 404', async () => {
    const res = await fetch(`${server.url}/v1/nowhere`, { headers: auth });
    expect(await res.json()).toMatchObject({
      message: expect.stringContaining('/v1/nowhere'),
      trackingId: expect.any(String),
    });
    expect(server.log.entries()[0]).toMatchObject({ endpoint: 'unknown', status: 404 });
  });

  it('answers 405 for a known path under another method', async () => {
    expect((await fetch(`${server.url}/v1/things/3`, { method: 'DELETE', headers: auth })).status).toBe(405);
  });

  it('empties on clear', async () => {
    await fetch(`${server.url}/v1/things/3`, { headers: auth });
    server.log.clear();
    expect(server.log.entries()).toEqual([]);
  });
});
