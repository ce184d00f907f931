/**
 * Runs the Temporal CLI dev server (file-backed SQLite, Web UI) as a child process, with bulkflow's search
 * attributes registered, and waits until it answers.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SEARCH_ATTRIBUTES } from '../workflows/definitions';
import { connectClient, plainEndpoint } from '../temporal-connection';
import { FAST_TIMER_ARGS, TEMPORAL_CLI, requireTool } from './tools';

export interface DevServerOptions {
  readonly dbFilename: string;
  readonly port: number;
  /** Web UI port; 0 disables the UI. */
  readonly uiPort: number;
  readonly fastTimers?: boolean;
  /** Further `temporal server start-dev` arguments (e.g. `--dynamic-config-value` pairs), appended last. */
  readonly extraArgs?: readonly string[];
  readonly startTimeoutMs?: number;
}

export interface DevServer {
  readonly address: string;
  readonly uiUrl?: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export function devServerArgs(options: DevServerOptions): string[] {
  const args = ['server', 'start-dev', '--db-filename', options.dbFilename, '--ip', '127.0.0.1'];
  args.push('--port', String(options.port), '--log-level', 'warn');
  args.push(...(options.uiPort > 0 ? ['--ui-port', String(options.uiPort)] : ['--headless']));
  for (const key of Object.values(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${key.name}=Keyword`);
  if (options.fastTimers) args.push(...FAST_TIMER_ARGS);
  if (options.extraArgs) args.push(...options.extraArgs);
  return args;
}

async function waitUntilServing(address: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`temporal dev server exited with code ${child.exitCode}`);
    try {
      const connection = await connectClient(plainEndpoint(address), { extra: { connectTimeout: 1_000 } });
      await connection.healthService.check({});
      await connection.close();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`temporal dev server at ${address} did not answer`, { cause: err });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Starts the dev server. Thrown when it exits or does not answer within the timeout. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const dir = dirname(options.dbFilename);
  mkdirSync(dir, { recursive: true });
  // The server's own log goes next to its database, not into the terminal.
  const logFd = openSync(join(dir, 'temporal-server.log'), 'a');
  const child = spawn(requireTool(TEMPORAL_CLI), devServerArgs(options), { stdio: ['ignore', logFd, logFd] });
  const address = `127.0.0.1:${options.port}`;
  // Registered now: a server killed by a signal (Ctrl-C reaches the whole process group) has exitCode null.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntilServing(address, child, options.startTimeoutMs ?? 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    address,
    process: child,
    stop,
    ...(options.uiPort > 0 ? { uiUrl: `http://127.0.0.1:${options.uiPort}` } : {}),
  };
}
