/**
 * A real Prometheus (Debian's package, installed by the bootstrap) as a child process: its own config and data
 * folder, on a free port, scraping `targets` every second; queried over its HTTP API.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../src/dev/free-port';
import { PROMETHEUS, requireTool } from '../../src/dev/tools';
import { waitFor } from './jobs';

/** One sample of an instant query. */
export interface PromSample {
  readonly metric: Record<string, string>;
  readonly value: number;
}

export interface PrometheusProcess {
  readonly url: string;
  /** Evaluates `expr` now. Thrown when Prometheus refuses it (a syntax error names the expression). */
  query(expr: string): Promise<PromSample[]>;
  /** Resolves once every target was scraped successfully at least once. */
  targetsUp(): Promise<void>;
  stop(): Promise<void>;
}

interface ApiAnswer<T> {
  readonly status: 'success' | 'error';
  readonly data?: T;
  readonly error?: string;
}

async function api<T>(url: string): Promise<T> {
  const answer = (await (await fetch(url)).json()) as ApiAnswer<T>;
  if (answer.status !== 'success' || answer.data === undefined) throw new Error(`${url}: ${answer.error ?? '?'}`);
  return answer.data;
}

/** Starts Prometheus in `dir` scraping each `host:port/metrics` URL of `targets`. */
export async function startPrometheus(dir: string, targets: readonly string[]): Promise<PrometheusProcess> {
  const config = join(dir, 'prometheus.yml');
  const hosts = targets.map((target) => new URL(target).host);
  const lines = ['global:', '  scrape_interval: 1s', 'scrape_configs:', '  - job_name: bulkflow'];
  writeFileSync(config, [...lines, '    static_configs:', `      - targets: ${JSON.stringify(hosts)}`, ''].join('\n'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    requireTool(PROMETHEUS),
    [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  const alive = () => {
    if (child.exitCode !== null) throw new Error(`prometheus exited:\n${stderr}`);
  };
  await waitFor('prometheus to be ready', async () => {
    alive();
    return (await fetch(`${url}/-/ready`).catch(() => undefined))?.ok === true;
  });
  return {
    url,
    query: async (expr) => {
      const data = await api<{ result: { metric: Record<string, string>; value: [number, string] }[] }>(
        `${url}/api/v1/query?query=${encodeURIComponent(expr)}`,
      );
      return data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
    },
    targetsUp: () =>
      waitFor('every target scraped', async () => {
        alive();
        const data = await api<{ activeTargets: { health: string }[] }>(`${url}/api/v1/targets`);
        return data.activeTargets.length === hosts.length && data.activeTargets.every((t) => t.health === 'up');
      }).then(() => undefined),
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
