/**
 * Workers as real OS processes (src/worker.ts, compiled once per run by global setup), for crash tests: they can be
 * SIGKILLed at any step and replaced. They load the run's prebuilt workflow bundle (`BULKFLOW_WORKFLOW_BUNDLE`).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { processArgs, withoutTemporalSetup } from './process-programs';
import { workflowBundlePath } from './workflow-bundles';

const ROOT = resolve(__dirname, '..', '..');

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Everything the process printed (pino JSON lines). */
  output(): string;
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/**
 * Spawns a worker (on the run's prebuilt workflow bundle unless `env` names another) and resolves once it logged "worker started"; with `logFile`, everything it prints is also appended
 * there, as a deployment keeps a worker's logs. Thrown when it exits or takes over 60 s.
 */
export async function spawnWorker(env: Readonly<Record<string, string>>, logFile?: string): Promise<WorkerProcess> {
  const child = spawn(process.execPath, processArgs('worker'), {
    cwd: ROOT,
    // Readiness is read from the worker's "worker started" info line.
    env: {
      ...withoutTemporalSetup(process.env),
      BULKFLOW_WORKFLOW_BUNDLE: workflowBundlePath('production'),
      ...env,
      BULKFLOW_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (logFile) appendFileSync(logFile, chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`worker did not start:\n${output}`)), 60_000);
    const check = (): void => {
      if (!output.includes('"worker started"')) return;
      clearTimeout(timer);
      ready();
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`worker exited with ${code} before starting:\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
