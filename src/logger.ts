/** The root pino logger. Redacts credentials wherever they could appear in a logged object. */
import pino from 'pino';
import type { Logger } from 'pino';

/** Paths whose values are never written to logs. */
export const REDACT_PATHS = [
  'authorization',
  'Authorization',
  'token',
  'password',
  'apiKey',
  '*.authorization',
  '*.Authorization',
  '*.token',
  '*.password',
  '*.apiKey',
  'headers.authorization',
  '*.headers.authorization',
  'connection.token',
  'connection.password',
  'connection.apiKey',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'bulkflow' } };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
