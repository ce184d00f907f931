/**
 * The one HTTP client: Node's global fetch, one request per call, per-request timeout, auth resolved at call time,
 * a span per request when the process traces (client-span.ts). Never retries (Temporal does, so every attempt is
 * visible) and never follows redirects (credentials must not leave the provider's origin; the retry table treats 3xx
 * as permanent).
 */
import type { ProviderName } from '../domain/errors';
import { inClientSpan } from './client-span';
import { toUnavailableError } from './network-error';
import type { RetryAfterWindows } from './retry-after-windows';
import type { AuthHeaderProvider, HttpClient, HttpRequest, HttpResponse } from './types';

/** Per-request timeout when neither the client nor the request sets one. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface HttpClientOptions {
  provider: ProviderName;
  /** Origin plus optional path prefix, e.g. `https://webexapis.com` or `http://127.0.0.1:1234/v1`. */
  baseUrl: string;
  /** Supplies the `Authorization` header value; called once per request. */
  auth?: AuthHeaderProvider;
  /**
   * Default per-request timeout in ms (connect, headers and body); 30 s when absent. A function is asked once per
   * request, so the bound can shrink as the caller's own deadline approaches.
   */
  timeoutMs?: number | (() => number);
  /** Replaces the global fetch (tests, instrumentation). */
  fetchImpl?: typeof fetch;
  /**
   * Windows shared with other clients of the worker, and this connection's name among them: inside the window of
   * an identical request, `send` answers from it without sending.
   */
  retryAfter?: { readonly windows: RetryAfterWindows; readonly scope: string };
}

/**
 * Creates the client of one provider connection. `send` returns every HTTP answer, whatever its status.
 * Thrown by `send`: `ProviderUnavailableError` on connection reset/refused, DNS failure or timeout (reason such as
 * `connection reset` or `timeout after 30000 ms`, never the credentials); a plain `Error` when the path points to
 * another origin than `baseUrl` or the auth value is not a legal header value.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = new URL(options.baseUrl);
  const fetchImpl = options.fetchImpl ?? fetch;
  const defaultTimeoutMs = (): number => {
    const configured = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return typeof configured === 'function' ? configured() : configured;
  };
  return {
    provider: options.provider,
    async send(request: HttpRequest): Promise<HttpResponse> {
      const url = resolveRequestUrl(base, request, options.provider);
      const headers = await buildHeaders(request, options.auth);
      const timeoutMs = request.timeoutMs ?? defaultTimeoutMs();
      const body = request.json === undefined ? undefined : JSON.stringify(request.json);
      const init: RequestInit = { method: request.method, headers, redirect: 'manual' };
      if (body !== undefined) init.body = body;
      const shared = options.retryAfter;
      const key = `${shared?.scope ?? ''}\n${request.method} ${url.href}\n${body ?? ''}`;
      const held = shared?.windows.heldAnswer(key);
      if (held) return held;
      const answer = await inClientSpan(options.provider, request.method, url, async () => {
        try {
          // The signal stays attached while the body streams, so the timeout covers reading it too.
          const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
          const text = await response.text();
          return { status: response.status, headers: response.headers, url: url.href, text, receivedAt: Date.now() };
        } catch (err) {
          throw toUnavailableError(options.provider, err, timeoutMs) ?? err;
        }
      });
      shared?.windows.record(key, answer);
      return answer;
    },
  };
}

/**
 * The absolute URL of `request`: `path` appended to the base URL's path prefix, or an absolute URL, then `query`
 * (undefined values skipped).
 * Thrown when the result is not on the base URL's origin: credentials are only ever sent to the provider.
 */
export function resolveRequestUrl(base: URL, request: Pick<HttpRequest, 'path' | 'query'>, provider: string): URL {
  const { path } = request;
  let url: URL;
  if (/^[A-Za-z][A-Za-z\d+.-]*:/.test(path)) {
    url = new URL(path);
  } else {
    const prefix = base.pathname.replace(/\/+$/, '');
    url = new URL(`${prefix}/${path.replace(/^\/+/, '')}`, base.origin);
  }
  if (url.origin !== base.origin) {
    throw new Error(`refusing a ${provider} request to ${url.origin}: not the origin of the connection's base URL`);
  }
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

async function buildHeaders(request: HttpRequest, auth: AuthHeaderProvider | undefined): Promise<Headers> {
  const headers = new Headers({ accept: 'application/json' });
  if (request.json !== undefined) headers.set('content-type', 'application/json');
  for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value);
  if (auth) {
    const value = await auth();
    // fetch's own complaint about an illegal header value quotes the value, i.e. the secret.
    if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(value))
      throw new Error('the Authorization value is not a legal header value');
    headers.set('authorization', value);
  }
  return headers;
}
