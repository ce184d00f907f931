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
  // A connection's OAuth client (docs/security.md#provider-credentials) and a token endpoint's fields.
  'oauthClientSecret',
  'oauthRefreshToken',
  '*.oauthClientSecret',
  '*.oauthRefreshToken',
  'access_token',
  'refresh_token',
  'client_secret',
  '*.access_token',
  '*.refresh_token',
  '*.client_secret',
];

/** What a request log line keeps of the URL's query: parameter names only. */
const REDACTED = '[redacted]';

/**
 * `url` (a request target such as `/v1/jobs?api_key=…`) fit for a log: the path as it is, every query value
 * replaced, and a query word without `=` replaced whole. Servers read credentials only from `Authorization`, but a
 * client may still put one in the URL by mistake.
 */
export function redactUrlQuery(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((part) => (part.includes('=') ? `${part.slice(0, part.indexOf('='))}=${REDACTED}` : part && REDACTED))
    .join('&');
  return `${url.slice(0, at)}?${query}`;
}

/** The fields of a Fastify request that its request log reads. */
interface LoggedRequest {
  readonly method: string;
  readonly url: string;
  readonly host?: string;
  readonly ip?: string;
  readonly socket?: { readonly remotePort?: number };
}

/** Fastify's request serializer with the URL's query redacted (see `redactUrlQuery`). */
export function serializeRequest(req: LoggedRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: redactUrlQuery(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** A child of `logger` whose request serializer redacts URL queries: the logger to give an HTTP server. */
export function withRedactedRequests(logger: Logger): Logger {
  return logger.child({}, { serializers: { req: serializeRequest } });
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'bulkflow' } };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
