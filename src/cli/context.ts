/** What every command shares: the client (connected from the environment), the requester, output streams. */
import { userInfo, hostname } from 'node:os';
import { BulkJobClient } from '../client';
import { escapeUnsafeChars } from '../domain/safe-text';
import type { ProgressMode } from './progress';

/** Streams and environment of one CLI run; tests run commands with their own. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readStdin: () => Promise<string>;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** Runs `fn` with a client connected per TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE / BULKFLOW_TASK_QUEUE; closes it after. */
export async function withClient<T>(io: CliIo, fn: (jobs: BulkJobClient) => Promise<T>): Promise<T> {
  const jobs = await BulkJobClient.connect({ env: io.env });
  try {
    return await fn(jobs);
  } finally {
    await jobs.close();
  }
}

/**
 * Runs `fn` with a client and the id of the job `idOrKey` names: a job id, or an idempotency key that names one job
 * (among several, the one `requestedBy`, else the requester of `requester()`, started).
 */
export async function withJob<T>(
  io: CliIo,
  idOrKey: string,
  fn: (jobs: BulkJobClient, jobId: string) => Promise<T>,
  requestedBy?: string,
): Promise<T> {
  return withClient(io, async (jobs) =>
    fn(jobs, await jobs.resolve(idOrKey, { requestedBy: requester(io, requestedBy) })),
  );
}

/** `--requested-by`, else BULKFLOW_REQUESTED_BY, else `user@host`. */
export function requester(io: CliIo, given?: string): string {
  if (given) return given;
  const fromEnv = io.env['BULKFLOW_REQUESTED_BY'];
  if (fromEnv) return fromEnv;
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    // No passwd entry (some containers): fall back to the host alone.
    return `cli@${hostname()}`;
  }
}

/** How to show progress: a live bar on a terminal, lines elsewhere, nothing with `--json`. */
export function progressMode(io: CliIo, json: boolean): ProgressMode {
  if (json) return 'none';
  return io.stderr.isTTY ? 'bar' : 'lines';
}

/** Line breaks and tabs that the CLI's own formatting writes; data values have theirs escaped (output.ts). */
export const LAYOUT_CHARS = '\n\t';

/**
 * Writes `text` and a line break. Control, bidi and zero-width characters other than the layout's own are escaped,
 * so nothing a provider or a caller put into a value can move the cursor, recolour or reorder the terminal.
 */
export function println(stream: NodeJS.WritableStream, text: string): void {
  stream.write(`${escapeUnsafeChars(text, LAYOUT_CHARS)}\n`);
}
