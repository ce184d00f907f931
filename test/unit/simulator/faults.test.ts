import { createHttpClient } from '../../../src/http/client';
import { ensureSuccess } from '../../../src/http/classify';
import { SimFaults, startSimulator, type SimulatorServer } from '../../../src/simulator';
import { retryAfterValue } from '../../../src/simulator/faults';
import { waitFor } from '../../helpers/jobs';
import { createEchoSimulator, type EchoSimulator } from './echo-simulator';

describe('simulator faults', () => {
  let server: SimulatorServer;
  let echo: EchoSimulator;
  beforeEach(async () => {
    echo = createEchoSimulator();
    server = await startSimulator({ port: 0, simulators: [echo] });
  });
  afterEach(async () => {
    await server.close();
  });

  const getThing = (): Promise<Response> => fetch(`${server.url}/v1/things/7`);
  const client = (): ReturnType<typeof createHttpClient> =>
    createHttpClient({ provider: 'webex', baseUrl: server.url, timeoutMs: 1_000 });

  it('answers a status fault with the status and the Webex error body', async () => {
    server.faults.add('test.get', { kind: 'status', status: 503 });
    const res = await getThing();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      message: 'Service Unavailable',
      errors: [{ description: 'Service Unavailable' }],
    });
  });

  it('answers 429 with Retry-After while a rate-limit window lasts, and is logged as a status fault', async () => {
    server.faults.rateLimit('test.get', { untilMs: Date.now() + 60_000, spreadMs: 0 });
    const res = await getThing();
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    server.faults.rateLimit('test.get', undefined);
    expect((await getThing()).status).toBe(200);
    expect(server.log.entries({ endpoint: 'test.get' }).map((e) => e.status)).toEqual([429, 200]);
  });

  it('sets Retry-After in seconds on a 429 fault', async () => {
    server.faults.add('test.get', { kind: 'status', status: 429, retryAfter: '2' });
    expect((await getThing()).headers.get('retry-after')).toBe('2');
  });

  it('sets Retry-After as an HTTP-date on a 423 fault, which the client reads as a delay', async () => {
    const date = new Date(Date.now() + 30_000).toUTCString();
    server.faults.add('test.get', { kind: 'status', status: 423, retryAfter: date });
    const res = await client().send({ method: 'GET', path: '/v1/things/7' });
    expect(res.headers.get('retry-after')).toBe(date);
    const err = (() => {
      try {
        ensureSuccess('webex', res);
      } catch (e) {
        return e as { name: string; details: { retryAfterMs?: number } };
      }
      throw new Error('no error');
    })();
    expect(err.name).toBe('ProviderLockedError');
    expect(err.details.retryAfterMs).toBeGreaterThan(25_000);
  });

  it('sends a custom body when the status fault gives one', async () => {
    server.faults.add('test.get', { kind: 'status', status: 400, body: { error: [{ code: 1, message: 'x' }] } });
    expect(await (await getThing()).json()).toEqual({ error: [{ code: 1, message: 'x' }] });
  });

  it('applies a fault as many times as asked, then answers normally', async () => {
    server.faults.add('test.get', { kind: 'status', status: 500 }, 2);
    const statuses = [(await getThing()).status, (await getThing()).status, (await getThing()).status];
    expect(statuses).toEqual([500, 500, 200]);
  });

  it('consumes faults first in, first out', async () => {
    server.faults.add('test.get', { kind: 'status', status: 429 });
    server.faults.add('test.get', { kind: 'status', status: 503 });
    expect([(await getThing()).status, (await getThing()).status]).toEqual([429, 503]);
  });

  it('resets the connection without answering, and the client reports the provider unavailable', async () => {
    server.faults.add('test.get', { kind: 'reset' });
    await expect(client().send({ method: 'GET', path: '/v1/things/7' })).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
    });
    expect(echo.handled()).toBe(0);
  });

  it('delays the answer by the given time, then answers normally', async () => {
    server.faults.add('test.get', { kind: 'delay', ms: 150 });
    const started = Date.now();
    const res = await getThing();
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(server.log.entries()[0]).not.toHaveProperty('clientGoneAt');
  });

  it('lets a client time out during a delay fault, and logs when it went away', async () => {
    server.faults.add('test.get', { kind: 'delay', ms: 500 });
    await expect(client().send({ method: 'GET', path: '/v1/things/7', timeoutMs: 100 })).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
    });
    const [entry] = await waitFor('the late answer logged', () => {
      const entries = server.log.entries();
      return entries.length > 0 && entries;
    });
    expect(entry?.clientGoneAt).toBeGreaterThanOrEqual(entry?.receivedAt ?? Infinity);
    expect(entry?.clientGoneAt).toBeLessThan(entry?.answeredAt ?? -Infinity);
  });

  it('answers 200 with a body that is not JSON on a malformed fault', async () => {
    server.faults.add('test.get', { kind: 'malformed' });
    const res = await getThing();
    expect(res.status).toBe(200);
    await expect(res.clone().json()).rejects.toThrow();
  });

  it('answers 200 with the given wrong-shape body on a malformed fault', async () => {
    server.faults.add('test.get', { kind: 'malformed', body: '{"unexpected":true}' });
    expect(await (await getThing()).json()).toEqual({ unexpected: true });
  });

  it('runs the handler, then resets the connection, on acceptThenReset', async () => {
    server.faults.add('test.create', { kind: 'acceptThenReset' });
    await expect(client().send({ method: 'POST', path: '/v1/things', json: { a: 1 } })).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
    });
    expect(echo.handled()).toBe(1);
  });

  it('runs the handler first on an accepting delay fault, then answers late', async () => {
    server.faults.add('test.create', { kind: 'delay', ms: 400, accept: true });
    const sent = client().send({ method: 'POST', path: '/v1/things', json: { a: 1 }, timeoutMs: 100 });
    await expect(sent).rejects.toMatchObject({ name: 'ProviderUnavailableError' });
    // The client gave up at 100 ms; the provider had already done the work.
    expect(echo.handled()).toBe(1);
  });

  it('runs the handler after the wait on a plain delay fault', async () => {
    server.faults.add('test.create', { kind: 'delay', ms: 300 });
    const sent = client().send({ method: 'POST', path: '/v1/things', json: { a: 1 }, timeoutMs: 100 });
    await expect(sent).rejects.toMatchObject({ name: 'ProviderUnavailableError' });
    expect(echo.handled()).toBe(0);
  });

  it('cuts the answer short in transit on a truncated fault: the client reports a reset, the handler ran', async () => {
    server.faults.add('test.get', { kind: 'truncated' });
    await expect(client().send({ method: 'GET', path: '/v1/things/7' })).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
      message: expect.stringContaining('connection reset'),
    });
    expect(echo.handled()).toBe(1);
    expect(server.log.entries()[0]).toMatchObject({ status: 200, fault: 'truncated' });
    expect((await getThing()).status).toBe(200);
  });

  it('writes Retry-After as delta-seconds when the answer is sent', async () => {
    server.faults.add('test.get', { kind: 'status', status: 429, retryAfterIn: { seconds: 3, form: 'delta-seconds' } });
    expect((await getThing()).headers.get('retry-after')).toBe('3');
  });

  it('writes Retry-After as an HTTP-date at least the given seconds after the answer, on a whole second', async () => {
    server.faults.add('test.get', { kind: 'status', status: 423, retryAfterIn: { seconds: 2, form: 'http-date' } });
    const before = Date.now();
    const res = await getThing();
    const date = Date.parse(res.headers.get('retry-after') ?? '');
    expect(date % 1000).toBe(0);
    expect(date).toBeGreaterThanOrEqual(before + 2_000);
    expect(date).toBeLessThanOrEqual(Date.now() + 3_000);
    expect(server.log.entries()[0]?.retryAfter).toBe(res.headers.get('retry-after'));
  });

  it('leaves other endpoints alone', async () => {
    server.faults.add('test.create', { kind: 'status', status: 500 });
    expect((await getThing()).status).toBe(200);
  });

  it('drops every queued fault on clear', async () => {
    server.faults.add('test.get', { kind: 'status', status: 500 }, 3);
    server.faults.clear();
    expect((await getThing()).status).toBe(200);
  });
});

describe('retryAfterValue', () => {
  it('rounds an HTTP-date up to the next whole second, so the window is never shorter than asked', () => {
    expect(retryAfterValue({ seconds: 2, form: 'http-date' }, Date.UTC(2026, 10, 1, 8, 0, 0, 1))).toBe(
      'Sun, 01 Nov 2026 08:00:03 GMT',
    );
    expect(retryAfterValue({ seconds: 2, form: 'http-date' }, Date.UTC(2026, 10, 1, 8, 0, 0, 0))).toBe(
      'Sun, 01 Nov 2026 08:00:02 GMT',
    );
  });

  it('writes delta-seconds as given', () => {
    expect(retryAfterValue({ seconds: 0, form: 'delta-seconds' }, 5)).toBe('0');
  });
});

describe('simulator rate-limit window', () => {
  let now = 1_000_000;
  const faults = (): SimFaults =>
    new SimFaults(
      () => now,
      () => 0.5,
    );

  it('answers 429 with a Retry-After that points past the window end, plus its share of the spread', () => {
    const f = faults();
    f.rateLimit('test.get', { untilMs: now + 10_200, spreadMs: 4_000 });
    // 10.2 s to the end + 0.5 × 4 s of spread = 12.2 s, rounded up to whole seconds.
    expect(f.take('test.get')).toEqual({ kind: 'status', status: 429, retryAfter: '13' });
    expect(f.take('other.endpoint')).toBeUndefined();
  });

  it('never asks for less than one second', () => {
    const f = faults();
    f.rateLimit('test.get', { untilMs: now + 10, spreadMs: 0 });
    expect(f.take('test.get')).toEqual({ kind: 'status', status: 429, retryAfter: '1' });
  });

  it('lets requests through once the window has ended, or when lifted', () => {
    const f = faults();
    f.rateLimit('test.get', { untilMs: now + 5_000, spreadMs: 0 });
    now += 5_000;
    expect(f.take('test.get')).toBeUndefined();
    f.rateLimit('test.get', { untilMs: now + 5_000, spreadMs: 0 });
    f.rateLimit('test.get', undefined);
    expect(f.take('test.get')).toBeUndefined();
    f.rateLimit('test.get', { untilMs: now + 5_000, spreadMs: 0 });
    f.clear();
    expect(f.take('test.get')).toBeUndefined();
  });

  it('serves queued faults first', () => {
    const f = faults();
    f.rateLimit('test.get', { untilMs: now + 5_000, spreadMs: 0 });
    f.add('test.get', { kind: 'status', status: 503 });
    expect(f.take('test.get')).toEqual({ kind: 'status', status: 503 });
    expect(f.take('test.get')).toMatchObject({ status: 429, retryAfter: '5' });
  });
});
