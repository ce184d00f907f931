/** What every command shares: the client (connected from the environment), the requester, output streams. */
import { userInfo, hostname } from 'node:os';
import { BulkJobClient, locateTemporal, parseRequestedBy } from '../client';
import type { TemporalLocation } from '../client';
import { loadTemporalConfig } from '../config';
import type { TemporalConfig } from '../config';
import type { TemporalFlags } from '../temporal-connection';
import { startTracing } from '../tracing';
import { escapeUnsafeChars } from '../domain/safe-text';
import type { ProgressMode } from './progress';

/** Streams and environment of one CLI run; tests run commands with their own. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads standard input; stops once more than `maxBytes` came (what it returns is then only the start). */
  readonly readStdin: (maxBytes?: number) => Promise<string>;
  /** The `temporal` CLI's connection flags given to this run (src/cli/temporal-options.ts). */
  readonly temporalFlags?: () => TemporalFlags;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    readStdin: async (maxBytes = Number.POSITIVE_INFINITY) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        bytes += (chunk as Buffer).length;
        // Leaving the loop stops reading: an input over the bound is refused without being held whole.
        if (bytes > maxBytes) break;
      }
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** The Temporal of this run: its flags, else TEMPORAL_* variables, else the profile, else the embedded stack's. */
export function temporalLocation(io: CliIo): TemporalLocation {
  return locateTemporal(io.env, io.temporalFlags?.());
}

/** The Temporal settings of this run (keys and blob store too, beside `npm start` those of its descriptor). */
export function temporalConfig(io: CliIo): TemporalConfig {
  const { env, endpoint } = temporalLocation(io);
  return loadTemporalConfig(env, { endpoint });
}

/** Runs `fn` with a client connected per the connection flags, TEMPORAL_* variables, profile; closes it after. */
export async function withClient<T>(io: CliIo, fn: (jobs: BulkJobClient) => Promise<T>): Promise<T> {
  // The command's calls to Temporal are the first spans of a job's trace when OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const tracing = await startTracing(io.env, 'bulkflow-cli');
  const jobs = await BulkJobClient.connectTo(temporalConfig(io));
  try {
    return await fn(jobs);
  } finally {
    await jobs.close();
    await tracing.flush();
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

/** `user@host` of this process, or `cli@host` without a passwd entry (some containers). */
function defaultRequester(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return `cli@${hostname()}`;
  }
}

/**
 * `--requested-by`, else BULKFLOW_REQUESTED_BY, else `user@host`. Thrown when the one used breaks the requester
 * rule: `RequestValidationError` naming the flag or the variable.
 */
export function requester(io: CliIo, given?: string): string {
  if (given !== undefined) return parseRequestedBy(given, '--requested-by');
  const fromEnv = io.env['BULKFLOW_REQUESTED_BY'];
  if (fromEnv) return parseRequestedBy(fromEnv, 'BULKFLOW_REQUESTED_BY');
  return parseRequestedBy(defaultRequester(), 'requester (user@host; set --requested-by)');
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
