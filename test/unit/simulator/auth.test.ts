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
});
