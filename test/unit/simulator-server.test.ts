import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DEFAULT_SIMULATOR_PORT, parseSimulatorCli } from '../../src/simulator-server';
import { thrownBy } from '../helpers/thrown';

const ROOT = path.resolve(__dirname, '../..');

describe('parseSimulatorCli', () => {
  it('defaults to port 8787 on 127.0.0.1', () => {
    expect(parseSimulatorCli([], {})).toMatchObject({ port: DEFAULT_SIMULATOR_PORT, host: '127.0.0.1' });
  });

  it('prefers --port over BULKFLOW_SIMULATOR_PORT', () => {
    expect(parseSimulatorCli(['--port', '9001'], { BULKFLOW_SIMULATOR_PORT: '9002' }).port).toBe(9001);
  });

  it('reads BULKFLOW_SIMULATOR_PORT when no --port is given', () => {
    expect(parseSimulatorCli([], { BULKFLOW_SIMULATOR_PORT: '9002' }).port).toBe(9002);
  });

  it('throws ConfigError naming --port for a port that is not a number', () => {
    expect(thrownBy(() => parseSimulatorCli(['--port', 'abc'], {}))).toMatchObject({
      name: 'ConfigError',
      source: '--port',
    });
  });
});

describe('simulator process', () => {
  it('logs its URL, serves requests and exits 0 on SIGTERM', async () => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/simulator-server.ts', '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', () => reject(new Error('simulator exited before logging its URL')));
      createInterface({ input: child.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'simulator ready' && entry.url) resolve(entry.url);
      });
    });
    const health = (await (await fetch(`${url}/__sim/health`)).json()) as { ok: boolean };
    child.kill('SIGTERM');
    expect([health.ok, await exited]).toEqual([true, 0]);
  }, 30_000);
});
