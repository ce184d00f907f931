/**
 * What `npm start` writes. On a terminal: a short banner (where everything is, the dev API key, how to use the CLI),
 * the log in a file under the data folder, and only warnings and errors on the terminal, one readable line each.
 * Into a file or a pipe: the JSON log on stdout, as before, for whatever reads it.
 */
import { openSync } from 'node:fs';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createLogger } from '../logger';
import type { Logger } from '../logger';

const LEVEL_NAMES: Record<number, string> = { 40: 'warning', 50: 'error', 60: 'fatal' };

/** A stream that writes each JSON log line it receives as `warning: <message> (<error>)` on `out`. */
export function readableLines(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        try {
          const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
          const why = entry.err?.message ? ` (${entry.err.message})` : '';
          out.write(`${LEVEL_NAMES[entry.level ?? 0] ?? 'log'}: ${entry.msg ?? ''}${why}\n`);
        } catch {
          out.write(`${line}\n`);
        }
      }
      done();
    },
  });
}

export interface DevLog {
  readonly log: Logger;
  /** The file the whole log goes to, on a terminal. */
  readonly logFile?: string;
}

/**
 * The stack's logger. On a terminal: every line at `level` into `logFile` (0600, appended), and warnings and errors
 * also on `stderr` as readable lines. Elsewhere: JSON on stdout.
 */
export function devLogger(level: string, terminal: boolean, logFile: string, stderr: NodeJS.WritableStream): DevLog {
  if (!terminal) return { log: createLogger(level) };
  // Synchronous: a log line is in the file before the process could die of what it reports.
  const file = pino.destination({ dest: openSync(logFile, 'a', 0o600), sync: true });
  const streams = pino.multistream([
    { level, stream: file },
    { level: 'warn', stream: readableLines(stderr) },
  ]);
  return { log: createLogger(level, streams), logFile };
}

/** Where the running stack is, for the banner. */
export interface BannerInfo {
  readonly ui?: string;
  readonly api: string;
  readonly codec?: string;
  readonly simulator?: string;
  readonly metrics?: string;
  readonly temporal: { readonly address: string; readonly namespace: string; readonly taskQueue: string };
  /** The dev API key, when the stack uses it. */
  readonly devApiKey?: string;
  readonly descriptorFile: string;
  readonly logFile?: string;
}

/** The banner `npm start` prints on a terminal once everything is up. */
export function renderBanner(info: BannerInfo): string {
  const row = (name: string, value: string | undefined): string[] => (value ? [`  ${name.padEnd(11)}${value}`] : []);
  const { temporal } = info;
  const key = info.devApiKey ?? 'as configured (api.keys, BULKFLOW_API_KEY)';
  const lines = [
    '',
    `bulkflow is up${info.simulator ? ' on the provider simulators' : ''}`,
    ...row('Web UI', info.ui),
    ...row('HTTP API', `${info.api}  (API key: ${key})`),
    ...row('codec', info.codec),
    ...row('simulators', info.simulator),
    ...row('metrics', info.metrics),
    ...row('Temporal', `${temporal.address}  namespace ${temporal.namespace}, task queue ${temporal.taskQueue}`),
    '',
    'The CLI finds this stack with nothing to set (it reads the descriptor below while nothing names a Temporal):',
    '  npm run cli -- list',
    ...(info.devApiKey ? [`  curl -H 'Authorization: Bearer ${info.devApiKey}' ${info.api}/v1/jobs`] : []),
    `  descriptor ${info.descriptorFile}`,
    ...(info.logFile ? [`  log        ${info.logFile} (warnings and errors show here too)`] : []),
    'Ctrl-C stops it.',
    '',
  ];
  return lines.join('\n');
}
