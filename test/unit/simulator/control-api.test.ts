import {
  createWebexMoveUsersSimulator,
  type WebexMoveUsersSimulator,
} from '../../../src/providers/webex-move-users/simulator';
import { startSimulator, type SimulatorServer } from '../../../src/simulator';
import { createAllSimulators } from '../../../src/simulator-registry';
import { createEchoSimulator } from './echo-simulator';

describe('simulator control API', () => {
  let server: SimulatorServer;
  let webex: WebexMoveUsersSimulator;
  beforeEach(async () => {
    webex = createWebexMoveUsersSimulator({ pollsToComplete: 3 });
    server = await startSimulator({ simulators: [createEchoSimulator(), webex], auth: { bearerTokens: ['t'] } });
  });
  afterEach(async () => {
    await server.close();
  });

  const control = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${server.url}/__sim${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const getThing = (): Promise<Response> =>
    fetch(`${server.url}/v1/things/1`, { headers: { authorization: 'Bearer t' } });

  it('queues faults with POST /__sim/faults without needing a token', async () => {
    const res = await control('POST', '/faults', {
      endpoint: 'test.get',
      fault: { kind: 'status', status: 503 },
      times: 2,
    });
    expect(res.status).toBe(201);
    expect([(await getThing()).status, (await getThing()).status, (await getThing()).status]).toEqual([503, 503, 200]);
  });

  it('rejects an invalid fault with 400 naming the field', async () => {
    const res = await control('POST', '/faults', { endpoint: 'test.get', fault: { kind: 'status' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('fault.status');
  });

  it('clears faults with DELETE /__sim/faults', async () => {
    server.faults.add('test.get', { kind: 'status', status: 500 });
    expect((await control('DELETE', '/faults')).status).toBe(204);
    expect((await getThing()).status).toBe(200);
  });

  it('lists requests with GET /__sim/requests?endpoint=', async () => {
    await getThing();
    await fetch(`${server.url}/v1/things`, { method: 'POST', headers: { authorization: 'Bearer t' } });
    const { items } = (await (await control('GET', '/requests?endpoint=test.get')).json()) as { items: unknown[] };
    expect(items).toEqual([expect.objectContaining({ endpoint: 'test.get', status: 200 })]);
  });

  it('does not log control requests', async () => {
    await control('GET', '/health');
    expect(server.log.entries()).toEqual([]);
  });

  it('resets faults, log and simulator state with POST /__sim/reset', async () => {
    server.faults.add('test.get', { kind: 'status', status: 500 });
    await fetch(`${server.url}/v1/telephony/config/jobs/person/moveLocation`, {
      method: 'POST',
      headers: { authorization: 'Bearer t' },
      body: JSON.stringify({ usersList: [{ locationId: 'l', validate: false, users: [{ userId: 'u' }] }] }),
    });
    expect((await control('POST', '/reset')).status).toBe(204);
    expect([server.log.entries().length, webex.jobCount(), (await getThing()).status]).toEqual([0, 0, 200]);
  });

  it('replaces the Move Users configuration with POST /__sim/webex/move-users/config', async () => {
    const res = await control('POST', '/webex/move-users/config', { pollsToComplete: 1, failUsers: ['x'] });
    expect(res.status).toBe(200);
    expect(webex.getConfig()).toEqual({ pollsToComplete: 1, failUsers: ['x'] });
  });

  it('rejects an unknown Move Users configuration field with 400', async () => {
    expect((await control('POST', '/webex/move-users/config', { pollz: 1 })).status).toBe(400);
  });

  it('lists Move Users jobs with GET /__sim/webex/move-users/jobs', async () => {
    const { items } = (await (await control('GET', '/webex/move-users/jobs')).json()) as { items: unknown[] };
    expect(items).toEqual([]);
  });

  it('describes the mounted simulators and their endpoints on GET /__sim/health', async () => {
    const health = (await (await control('GET', '/health')).json()) as { simulators: Array<{ name: string }> };
    expect(health.simulators.map((s) => s.name)).toEqual(['test.echo', 'webex.moveUsers']);
  });

  it('answers 404 for an unknown control route', async () => {
    expect((await control('GET', '/nope')).status).toBe(404);
  });
});

describe('startSimulator', () => {
  it('refuses two simulators that declare the same endpoint', async () => {
    await expect(startSimulator({ simulators: [createEchoSimulator(), createEchoSimulator()] })).rejects.toMatchObject({
      name: 'ConfigError',
    });
  });

  it('mounts every registered simulator from createAllSimulators', async () => {
    const server = await startSimulator({ simulators: createAllSimulators() });
    try {
      const res = await fetch(`${server.url}/v1/telephony/config/jobs/person/moveLocation`);
      expect(await res.json()).toEqual({ items: [] });
    } finally {
      await server.close();
    }
  });
});
