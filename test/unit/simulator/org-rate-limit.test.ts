import { setImmediate as nextTurn } from 'node:timers/promises';
import { OrgRateLimiter, startSimulator, type SimulatorServer } from '../../../src/simulator';
import { createEchoSimulator } from './echo-simulator';

const LIMIT = { endpointPrefix: 'test.', requestsPerSecond: 2, closeSeconds: 2 };

describe('OrgRateLimiter', () => {
  it('lets an org send its requests per second, then closes it for closeSeconds with Retry-After', () => {
    const limiter = new OrgRateLimiter();
    limiter.set(LIMIT);
    expect([0, 10].map((t) => limiter.check('test.get', 'org', t))).toEqual([undefined, undefined]);
    expect(limiter.check('test.get', 'org', 20)).toEqual({ retryAfterSeconds: 2 });
    // Closed: the rest of the closing, rounded up to whole seconds.
    expect(limiter.check('test.get', 'org', 1_500)).toEqual({ retryAfterSeconds: 1 });
    expect(limiter.check('test.get', 'org', 2_020)).toBeUndefined();
    expect(limiter.current().counts).toEqual({ requests: 5, refused: 2, windows: 1, insideAnnouncedWindow: 0 });
  });

  it('counts the requests of any client of the org that arrive inside a window announced earlier', () => {
    const limiter = new OrgRateLimiter();
    limiter.set(LIMIT);
    limiter.check('test.get', 'org', 0);
    limiter.check('test.get', 'org', 1);
    const refused = limiter.check('test.get', 'org', 2);
    limiter.announced('org', 5, refused ?? { retryAfterSeconds: 0 });
    limiter.check('test.create', 'org', 5); // in flight: the very millisecond of the announcement
    limiter.check('test.create', 'org', 6);
    limiter.check('test.get', 'other-org', 7);
    limiter.check('test.get', 'org', 2_005); // the window has ended
    expect(limiter.current().counts.insideAnnouncedWindow).toBe(1);
  });

  it('limits only endpoints under its prefix, and nothing once removed', () => {
    const limiter = new OrgRateLimiter();
    limiter.set({ ...LIMIT, requestsPerSecond: 1 });
    expect(limiter.check('other.get', 'org', 0)).toBeUndefined();
    expect(limiter.check('other.get', 'org', 1)).toBeUndefined();
    limiter.check('test.get', 'org', 2);
    expect(limiter.check('test.get', 'org', 3)).toBeDefined();
    limiter.set(undefined);
    expect(limiter.check('test.get', 'org', 4)).toBeUndefined();
    expect(limiter.current()).toEqual({
      limit: null,
      counts: { requests: 0, refused: 0, windows: 0, insideAnnouncedWindow: 0 },
    });
  });
});

describe('simulator org rate limit over /__sim/rate-limit', () => {
  let server: SimulatorServer;
  beforeEach(async () => {
    server = await startSimulator({ simulators: [createEchoSimulator()], auth: { bearerTokens: ['t', 'u'] } });
  });
  afterEach(async () => {
    await server.close();
  });

  const control = (method: string, body?: unknown): Promise<Response> =>
    fetch(`${server.url}/__sim/rate-limit`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const getThing = (token = 't'): Promise<Response> =>
    fetch(`${server.url}/v1/things/1`, { headers: { authorization: `Bearer ${token}` } });

  it('answers 429 with Retry-After once an org is over its limit, and counts requests inside the window', async () => {
    expect((await control('POST', LIMIT)).status).toBe(201);
    const statuses = [(await getThing()).status, (await getThing()).status];
    const refused = await getThing();
    expect([...statuses, refused.status]).toEqual([200, 200, 429]);
    expect(refused.headers.get('retry-after')).toBe('2');
    const announcedAt = server.log.entries().at(-1)?.answeredAt ?? 0;
    while (Date.now() <= announcedAt) await nextTurn();
    expect((await getThing()).status).toBe(429);
    expect((await getThing('u')).status).toBe(200);
    expect(server.log.entries().map((e) => e.fault)).toEqual([
      undefined,
      undefined,
      'orgRateLimit',
      'orgRateLimit',
      undefined,
    ]);
    const body = await (await control('GET')).json();
    expect(body).toEqual({ limit: LIMIT, counts: { requests: 5, refused: 2, windows: 1, insideAnnouncedWindow: 1 } });
  });

  it('refuses a limit with an unknown or missing field, naming it', async () => {
    const res = await control('POST', { ...LIMIT, perMinute: 3 });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('perMinute');
    const missing = await control('POST', { endpointPrefix: 'test.', requestsPerSecond: 2 });
    expect(JSON.stringify(await missing.json())).toContain('closeSeconds');
  });

  it('removes the limit with DELETE and with a reset', async () => {
    await control('POST', { ...LIMIT, requestsPerSecond: 1 });
    expect((await control('DELETE')).status).toBe(204);
    expect([(await getThing()).status, (await getThing()).status]).toEqual([200, 200]);
    await control('POST', { ...LIMIT, requestsPerSecond: 1 });
    server.reset();
    expect([(await getThing()).status, (await getThing()).status]).toEqual([200, 200]);
  });
});
