import { createHttpClient } from '../../../src/http/client';
import { ensureSuccess } from '../../../src/http/classify';
import { startSimulator, type SimulatorServer } from '../../../src/simulator';
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
  });

  it('lets a client time out during a delay fault', async () => {
    server.faults.add('test.get', { kind: 'delay', ms: 500 });
    await expect(client().send({ method: 'GET', path: '/v1/things/7', timeoutMs: 100 })).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
    });
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
