/** The embedded stack's ports: each named with its service and variable, all checked before anything starts. */
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { assertPortsFree, devPorts } from '../../../src/dev/dev-ports';
import { freePort } from '../../../src/dev/free-port';

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const API = { host: '127.0.0.1', port: 8080 };

describe('the ports of npm start', () => {
  it('lists every service with the variable that moves it, the simulators only when they run', () => {
    const ports = devPorts({ env: {}, api: API, codecPort: 8081, simulated: true });
    expect(ports.map((p) => [p.variable, p.port])).toEqual([
      ['TEMPORAL_DEV_PORT', 7233],
      ['TEMPORAL_UI_PORT', 8233],
      ['BULKFLOW_API_PORT', 8080],
      ['BULKFLOW_CODEC_PORT', 8081],
      ['BULKFLOW_SIMULATOR_PORT', 8787],
    ]);
    const moved = devPorts({ env: { TEMPORAL_DEV_PORT: '17233' }, api: API, codecPort: 0, simulated: false });
    expect(moved.map((p) => [p.variable, p.port])).toEqual([
      ['TEMPORAL_DEV_PORT', 17233],
      ['TEMPORAL_UI_PORT', 18233],
      ['BULKFLOW_API_PORT', 8080],
    ]);
  });

  it('refuses a port variable that is not a port, naming it', () => {
    expect(() => devPorts({ env: { TEMPORAL_UI_PORT: 'eighty' }, api: API, codecPort: 0, simulated: true })).toThrow(
      'invalid configuration: TEMPORAL_UI_PORT: must be a port (0-65535)',
    );
  });

  it('names every busy port with its service and variable, and passes free ones', async () => {
    const [busyA, busyB, free] = [await freePort(), await freePort(), await freePort()];
    const servers = await Promise.all([listenOn(busyA), listenOn(busyB)]);
    try {
      const env = { TEMPORAL_DEV_PORT: String(busyA), TEMPORAL_UI_PORT: String(free) };
      const ports = devPorts({ env, api: { host: '127.0.0.1', port: busyB }, codecPort: 0, simulated: false });
      const check = assertPortsFree(ports);
      await expect(check).rejects.toMatchObject({ name: 'PortsInUseError' });
      await expect(check).rejects.toThrow(
        `port ${busyA} (the Temporal dev server) is in use by another process: stop it, or set TEMPORAL_DEV_PORT`,
      );
      await expect(check).rejects.toThrow(`port ${busyB} (the HTTP API) is in use by another process`);
      await expect(check).rejects.not.toThrow(String(free));
    } finally {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    }
    await expect(
      assertPortsFree(
        devPorts({
          env: { TEMPORAL_DEV_PORT: String(busyA), TEMPORAL_UI_PORT: String(free) },
          api: { host: '127.0.0.1', port: busyB },
          codecPort: 0,
          simulated: false,
        }),
      ),
    ).resolves.toBeUndefined();
  });
});
