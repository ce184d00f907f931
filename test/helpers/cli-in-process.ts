/** `bulkflow <args>` run in this process (no child, no Temporal unless the command connects), for unit tests. */
import { PassThrough } from 'node:stream';
import { buildProgram, reportError } from '../../src/cli';
import type { CliIo } from '../../src/cli/context';

export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bulkflow <args>` with `env` as its whole environment; an error it ends with is reported as the CLI does. */
export async function runCliInProcess(env: Record<string, string>, args: readonly string[]): Promise<InProcessRun> {
  const [stdout, stderr] = [new PassThrough(), new PassThrough()];
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const io: CliIo = { stdout, stderr, env, readStdin: () => Promise.resolve('') };
  let code = -1;
  try {
    await buildProgram(io, (c) => (code = c))
      .exitOverride()
      .parseAsync(['node', 'bulkflow', ...args]);
  } catch (error) {
    reportError(io, error);
    code = 1;
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}
