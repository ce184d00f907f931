/**
 * The one HTTP client: Node's global fetch, one request per call, per-request timeout, auth resolved at call time.
 * Never retries (Temporal does, so every attempt is visible) and never follows redirects (credentials must not leave
 * the provider's origin; the retry table treats 3xx as permanent).
 */
import { ProviderCredentialExpiredError, type ProviderName } from '../domain/errors';
import { inClientSpan } from './client-span';
import { extractErrorDetails } from './error-details';
import { toUnavailableError } from './network-error';
import type { RetryAfterWindows } from './retry-after-windows';
import type { ScopeCooldowns } from './scope-cooldown';
import type { AuthHeaderProvider, HttpClient, HttpRequest, HttpResponse, RenewableAuth } from './types';

/** Per-request timeout when neither the client nor the request sets one. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface HttpClientOptions {
  provider: ProviderName;
  /** Origin plus optional path prefix, e.g. `https://webexapis.com` or `http://127.0.0.1:1234/v1`. */
  baseUrl: string;
  /** Supplies the `Authorization` header value; called once per request. Renewable: renewed once after a 401. */
  auth?: AuthHeaderProvider | RenewableAuth;
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
  retryAfter?: SharedRetryAfter;
}

/** What a client shares with the other clients of its worker about `Retry-After` (see `HttpClientOptions`). */
export interface SharedRetryAfter {
  readonly windows: RetryAfterWindows;
  /** The connection's rate-limit scope: its name among the windows, and the scope a 423/429 closes. */
  readonly scope: string;
  /** One cooldown per scope (scope-cooldown.ts); absent: only identical requests share a window. */
  readonly cooldowns?: ScopeCooldowns;
  /** Told each time a request is held back by a closed scope. */
  readonly onHeld?: () => void;
  /**
   * Asked whether a held request may wait `ms` for its slot (and waits, resolving `true`), or must be answered at
   * once with the held refusal (`false`). Waiting is preferred whenever the caller can afford it: a held answer
   * costs the caller an attempt, and retry policies back off by attempt. Absent: answered at once.
   */
  readonly hold?: (ms: number) => Promise<boolean>;
}

/**
 * Creates the client of one provider connection. `send` returns every HTTP answer, whatever its status; with a
 * `RenewableAuth`, a 401 is answered by the request sent once more with a renewed credential when there is one.
 * Thrown by `send`: `ProviderUnavailableError` on connection reset/refused, DNS failure or timeout (reason such as
 * `connection reset` or `timeout after 30000 ms`, never the credentials); `ProviderCredentialExpiredError`
 * (retryable) on a 401 to a credential that had worked when its source has nothing newer yet; a plain `Error` when
 * the path points to another origin than `baseUrl` or the auth value is not a legal header value.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = new URL(options.baseUrl);
  const fetchImpl = options.fetchImpl ?? fetch;
  const defaultTimeoutMs = (): number => {
    const configured = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return typeof configured === 'function' ? configured() : configured;
  };
  const exchange = async (request: HttpRequest, authorization: string | undefined): Promise<HttpResponse> => {
    const url = resolveRequestUrl(base, request, options.provider);
    const headers = buildHeaders(request, authorization);
    const body = bodyOf(request);
    const init: RequestInit = { method: request.method, headers, redirect: 'manual' };
    if (body !== undefined) init.body = body;
    const shared = options.retryAfter;
    const identity = `${request.method} ${url.href}\n${body ?? ''}`;
    const key = `${shared?.scope ?? ''}\n${identity}`;
    const held = (await throughScope(shared, identity, url.href)) ?? shared?.windows.heldAnswer(key);
    if (held) return held;
    // Asked after any wait for the scope, so a shrinking bound counts the time waited.
    const timeoutMs = request.timeoutMs ?? defaultTimeoutMs();
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
    shared?.cooldowns?.record(shared.scope, answer);
    return answer;
  };
  return {
    provider: options.provider,
    async ready(): Promise<void> {
      const auth = options.auth;
      if (typeof auth === 'function') await auth();
      else if (auth !== undefined) await auth.header();
    },
    async send(request: HttpRequest): Promise<HttpResponse> {
      const auth = options.auth;
      if (auth === undefined || typeof auth === 'function') {
        return exchange(request, auth === undefined ? undefined : await auth());
      }
      const sent = await auth.header();
      const answer = await exchange(request, sent);
      if (answer.status !== 401) return acceptedBy(auth, sent, answer);
      const renewal = await auth.renewAfter(sent);
      switch (renewal.kind) {
        case 'renewed':
          return acceptedBy(auth, renewal.value, await exchange(request, renewal.value));
        case 'stands':
          return answer;
        case 'notYet':
          throw new ProviderCredentialExpiredError(options.provider, extractErrorDetails(answer));
      }
    },
  };
}

/**
 * The held refusal when the request's scope is closed and the caller will not wait for its slot; `undefined` when
 * the request may be sent (at once, or after waiting for its slot).
 */
async function throughScope(
  shared: SharedRetryAfter | undefined,
  identity: string,
  url: string,
): Promise<HttpResponse | undefined> {
  const cooldowns = shared?.cooldowns;
  if (shared === undefined || cooldowns === undefined) return undefined;
  for (;;) {
    const admission = cooldowns.admit(shared.scope, identity, url);
    if (admission.kind === 'send') return undefined;
    shared.onHeld?.();
    const waitMs = admission.untilMs - admission.answer.receivedAt;
    if (!(await shared.hold?.(waitMs))) return admission.answer;
  }
}

/** `answer`, after telling `auth` that the provider accepted `value` unless the answer is a 401. */
function acceptedBy(auth: RenewableAuth, value: string, answer: HttpResponse): HttpResponse {
  if (answer.status !== 401 && !answer.heldByRetryAfter) auth.accepted(value);
  return answer;
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

function buildHeaders(request: HttpRequest, authorization: string | undefined): Headers {
  const headers = new Headers({ accept: 'application/json' });
  if (request.json !== undefined) headers.set('content-type', 'application/json');
  if (request.form !== undefined) headers.set('content-type', 'application/x-www-form-urlencoded');
  for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value);
  if (authorization !== undefined) {
    // fetch's own complaint about an illegal header value quotes the value, i.e. the secret.
    if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(authorization))
      throw new Error('the Authorization value is not a legal header value');
    headers.set('authorization', authorization);
  }
  return headers;
}

/** The request's body as sent: its JSON, or its form fields URL-encoded. */
function bodyOf(request: HttpRequest): string | undefined {
  if (request.json !== undefined) return JSON.stringify(request.json);
  if (request.form !== undefined) return new URLSearchParams(request.form).toString();
  return undefined;
}
