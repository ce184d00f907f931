/**
 * Spawns bench/worker/worker-main.ts as a child process (optionally under `--cpu-prof`) and samples it; compiled or
 * through tsx, as the harness itself runs (paths.ts).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { benchBundlePath } from './bundle';
import { onCleanup } from './cleanup';
import { inheritedEnv } from './own-env';
import { ROOT, programArgs } from './paths';

export interface WorkerProcess {
  readonly pid: number;
  /** SIGTERM, then wait for exit (the profile, if any, is written on exit). */
  stop(): Promise<void>;
}

export interface SpawnWorkerOptions {
  readonly mode: 'bulkflow' | 'trivial';
  readonly env: Readonly<Record<string, string>>;
  /** Profile the worker (`--cpu-prof`): the folder, and the prefix of the worker's own folder in it (profiles.ts). */
  readonly profile?: { readonly dir: string; readonly name: string };
  /**
   * `false`: the bulkflow worker keeps no cooldown per rate-limit scope, only identical requests share a
   * `Retry-After` window (as `sharedCooldown` of an in-process stack worker). Default: on, as deployed.
   */
  readonly sharedCooldown?: boolean;
}

/** Resolves once the worker printed its ready line. Thrown when it exits first or takes over 90 s. */
export async function spawnWorker(options: SpawnWorkerOptions): Promise<WorkerProcess> {
  const { profile: p } = options;
  // A folder per worker and node's own file names: one profile per thread (a fixed name let the main thread's
  // profile overwrite the workflow threads', so workflow code never showed).
  const profileDir = p ? join(p.dir, `${p.name}-${Date.now()}`) : undefined;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const child = spawn(process.execPath, [...profile, ...programArgs('bench/worker/worker-main')], {
    cwd: ROOT,
    env: {
      // Nothing of the developer's Temporal or bulkflow settings: only the stack's own (own-env.ts).
      ...inheritedEnv(process.env),
      ...options.env,
      BENCH_WORKER_MODE: options.mode,
      BENCH_WORKFLOW_BUNDLE: await benchBundlePath(),
      ...(options.sharedCooldown === false ? { BENCH_SHARED_COOLDOWN: 'off' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`worker did not start:\n${output}`)), 90_000);
    child.stdout.on('data', () => {
      if (!output.includes('BENCH_WORKER_READY')) return;
      clearTimeout(timer);
      ready();
    });
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`worker exited before starting:\n${output}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('worker process has no pid');
  const stop = onCleanup(`worker process ${pid}`, async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(killer);
  });
  return { pid, stop };
}
