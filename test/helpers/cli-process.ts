/** The `bulkflow` CLI spawned as a real process (compiled once per run by global setup), with its output collected. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { processArgs, withoutTemporalSetup } from './process-programs';

const ROOT = resolve(__dirname, '..', '..');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `env` without any bulkflow or Temporal variable: what a new user's shell holds. */
export function withoutBulkflowVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept = Object.entries(env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !/^(BULKFLOW|TEMPORAL)_/.test(entry[0]),
  );
  return Object.fromEntries(kept);
}

export interface CliRunOptions {
  /** The working directory (default: the checkout). */
  readonly cwd?: string;
  /** Start from an environment with no bulkflow or Temporal variable instead of this process's. */
  readonly bare?: boolean;
}

/**
 * Runs `bulkflow <args>` with `env` added to this process's environment (or, `bare`, to one without any bulkflow
 * variable); `stdin` is written then closed.
 */
export function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  stdin = '',
  options: CliRunOptions = {},
): Promise<CliRun> {
  const base = withoutTemporalSetup(options.bare ? withoutBulkflowVariables(process.env) : process.env);
  const child = spawn(process.execPath, [...processArgs('cli'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...base, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}
