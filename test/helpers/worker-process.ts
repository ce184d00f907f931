/**
 * bulkflow's long-running programs (the worker, the API, the codec server; compiled once per run by global setup) as
 * real OS processes: started with an environment, ready once they log their start line, stopped by a signal. Crash
 * tests SIGKILL workers at any step and replace them; the topology test SIGTERMs one to watch it drain.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withoutBulkflowVariables } from './cli-process';
import { processArgs, withoutTemporalSetup } from './process-programs';
import type { Program } from './process-programs';
import { workflowBundlePath } from './workflow-bundles';

const ROOT = resolve(__dirname, '..', '..');

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Everything the process printed (pino JSON lines). */
  output(): string;
  /** The parsed log line the process announced itself with (e.g. `{ url }` of a listening server). */
  readonly started: Readonly<Record<string, unknown>>;
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

export type WorkerProcess = ServiceProcess;

export interface SpawnOptions {
  /** The info line (pino `msg`) the process logs once it serves. */
  readonly readyLine: string;
  /** Everything the process prints is also appended here, as a deployment keeps its logs. */
  readonly logFile?: string;
  /** Start from an environment without any bulkflow or Temporal variable, so only `env` configures it. */
  readonly bare?: boolean;
}

/** The first complete pino line of `output` whose message is `msg`, parsed. */
function logLine(output: string, msg: string): Record<string, unknown> | undefined {
  for (const line of output.split('\n').slice(0, -1)) {
    if (!line.includes(`"msg":"${msg}"`)) continue;
    return JSON.parse(line) as Record<string, unknown>;
  }
  return undefined;
}

/** Spawns `program` and resolves once it logged its ready line. Thrown when it exits first or takes over 60 s. */
export async function spawnService(
  program: Program,
  env: Readonly<Record<string, string>>,
  options: SpawnOptions,
): Promise<ServiceProcess> {
  const base = options.bare ? withoutBulkflowVariables(process.env) : process.env;
  const child = spawn(process.execPath, processArgs(program), {
    cwd: ROOT,
    // No developer Temporal settings (variables, profile file): only `env` names the Temporal it connects to.
    env: { ...withoutTemporalSetup(base), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (options.logFile) appendFileSync(options.logFile, chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const started = await new Promise<Record<string, unknown>>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`${program} did not start:\n${output}`)), 60_000);
    const check = (): void => {
      const line = logLine(output, options.readyLine);
      if (!line) return;
      clearTimeout(timer);
      ready(line);
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`${program} exited with ${code} before starting:\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    started,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * Spawns a worker (on the run's prebuilt workflow bundle unless `env` names another) and resolves once it logged
 * "worker started"; with `logFile`, everything it prints is also appended there. Thrown when it exits or takes over
 * 60 s.
 */
export function spawnWorker(env: Readonly<Record<string, string>>, logFile?: string): Promise<WorkerProcess> {
  const workerEnv = {
    BULKFLOW_WORKFLOW_BUNDLE: workflowBundlePath('production'),
    ...env,
    // Readiness is read from the worker's "worker started" info line.
    BULKFLOW_LOG_LEVEL: 'info',
  };
  return spawnService('worker', workerEnv, { readyLine: 'worker started', ...(logFile ? { logFile } : {}) });
}
