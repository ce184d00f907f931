/** The `bulkflow` CLI spawned as a real process (compiled once per run by global setup), with its output collected. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { processArgs } from './process-programs';

const ROOT = resolve(__dirname, '..', '..');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bulkflow <args>` with `env` added to this process's environment; `stdin` is written then closed. */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>>, stdin = ''): Promise<CliRun> {
  const child = spawn(process.execPath, [...processArgs('cli'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}
