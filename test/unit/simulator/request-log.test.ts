import { startSimulator, type SimRequest, type SimulatorServer } from '../../../src/simulator';
import { subjectOf } from '../../../src/simulator/dispatch';
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

  it('records the Retry-After an answer carried', async () => {
    server.faults.add('test.get', { kind: 'status', status: 429, retryAfter: '7' });
    await fetch(`${server.url}/v1/things/3`, { headers: auth });
    await fetch(`${server.url}/v1/things/3`, { headers: auth });
    expect(server.log.entries().map((e) => e.retryAfter)).toEqual(['7', undefined]);
  });

  it("records a handler's own Retry-After, whatever the header name's case", async () => {
    const own = await startSimulator({
      simulators: [
        {
          name: 'test.limited',
          routes: [
            {
              method: 'GET',
              pattern: '/limited',
              endpoint: 'test.limited',
              handle: () => ({ status: 429, headers: { 'Retry-After': '4' } }),
            },
          ],
        },
      ],
    });
    try {
      await fetch(`${own.url}/limited`);
      expect(own.log.entries()[0]?.retryAfter).toBe('4');
    } finally {
      await own.close();
    }
  });

  it('gives a start retried with the same body one subject, and another body another', async () => {
    const post = (body: string) => fetch(`${server.url}/v1/things`, { method: 'POST', headers: auth, body });
    await post('{"users":["a"]}');
    await post('{"users":["a"]}');
    await post('{"users":["b"]}');
    const [first, again, other] = server.log.entries().map((e) => e.subject);
    expect(first).toMatch(/^POST \/v1\/things\?#[0-9a-f]{16}$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('names a request by the job in its path, whatever the endpoint', () => {
    const route = { method: 'GET', pattern: '/j/:jobId', endpoint: 'x.status', handle: () => ({ status: 200 }) };
    const req = { method: 'GET', path: '/j/42', query: new URLSearchParams('page=2'), body: undefined };
    const match = { kind: 'matched', route, params: { jobId: '42' } } as const;
    expect(subjectOf(match, req as unknown as SimRequest)).toBe('job:42');
    const own = { ...route, subject: () => 'job:from-query' };
    expect(subjectOf({ ...match, route: own }, req as unknown as SimRequest)).toBe('job:from-query');
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
