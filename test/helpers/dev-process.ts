/**
 * The embedded stack of `npm start` as a real process (src/dev/index.ts, compiled once per run by global setup), on
 * free ports and a data folder of its own (`BULKFLOW_DEV_DATA_DIR`), loading the run's prebuilt workflow bundle.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../../src/dev/free-port';
import { withoutBulkflowVariables } from './cli-process';
import { processArgs } from './process-programs';
import { workflowBundlePath } from './workflow-bundles';

const ROOT = resolve(__dirname, '..', '..');

export interface DevProcess {
  readonly child: ChildProcess;
  /** Everything it printed on stdout and stderr. */
  output(): { stdout: string; stderr: string };
  /** Resolves with the exit code once it exited (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Sends SIGINT (the Ctrl-C of a terminal) and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Every port variable of the stack, each set to a port free right now. */
export async function freeDevPorts(): Promise<Record<string, string>> {
  const names = ['TEMPORAL_DEV_PORT', 'TEMPORAL_UI_PORT', 'BULKFLOW_SIMULATOR_PORT', 'BULKFLOW_API_PORT'];
  const entries = [...names, 'BULKFLOW_CODEC_PORT'].map(async (name) => [name, String(await freePort())] as const);
  return Object.fromEntries(await Promise.all(entries));
}

/** Starts `npm start`'s program with `env` over an environment holding no bulkflow variable. */
export function spawnDev(env: Readonly<Record<string, string>>): DevProcess {
  const child = spawn(process.execPath, processArgs('dev'), {
    cwd: ROOT,
    env: {
      ...withoutBulkflowVariables(process.env),
      BULKFLOW_WORKFLOW_BUNDLE: workflowBundlePath('production'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    child,
    output: () => ({ stdout, stderr }),
    exited,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}
