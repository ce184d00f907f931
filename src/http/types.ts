/** The shape of the one HTTP client. Implemented in `client.ts`; providers depend on this interface only. */
import type { ProviderName } from '../domain/errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  readonly method: HttpMethod;
  /** Path relative to the connection's base URL (e.g. `/v1/telephony/...`), or an absolute URL on the same host. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** JSON body; sent with `Content-Type: application/json`. */
  readonly json?: unknown;
  /** Form body (OAuth token requests); sent with `Content-Type: application/x-www-form-urlencoded`. Not with `json`. */
  readonly form?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Overrides the client's default per-request timeout. */
  readonly timeoutMs?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Final URL of the request. */
  readonly url: string;
  readonly text: string;
  /** Epoch ms at which the response was read. */
  readonly receivedAt: number;
  /** Not sent: an identical request's `Retry-After` window is still open, and this is its answer (retry-after-windows.ts). */
  readonly heldByRetryAfter?: true;
}

/**
 * One provider connection's HTTP client. Sends exactly one request per call and never retries: retrying is
 * Temporal's job. Throws `ProviderUnavailableError` on connection reset, DNS failure or timeout; every HTTP
 * answer (any status) is returned for `classify.ts` and the provider to interpret.
 */
export interface HttpClient {
  readonly provider: ProviderName;
  send(request: HttpRequest): Promise<HttpResponse>;
  /**
   * Obtains the credential the next request will send (a token command run, an OAuth refresh), sending nothing to
   * the provider: a start calls it before it records that it is sending. Thrown as `send` throws for the credential.
   */
  ready?(): Promise<void>;
}

/** Supplies the `Authorization` header for a connection; resolved at call time so secrets never leave activities. */
export type AuthHeaderProvider = () => string | Promise<string>;

/** What a renewable credential offers after the provider answered 401 to it. */
export type Renewal =
  /** A different value: the request is sent once more with it. */
  | { readonly kind: 'renewed'; readonly value: string }
  /** The refused value was fresh (never accepted since it was obtained), or can never change: the 401 stands. */
  | { readonly kind: 'stands' }
  /** The refused value had been accepted and nothing newer is there yet (a rotator is late): try again later. */
  | { readonly kind: 'notYet' };

/**
 * A connection's credential that can be renewed: an access token that expires (a rotated file or command, an OAuth
 * refresh). The client sends `header()`; on a 401 it asks `renewAfter` with the value it sent, and sends the same
 * request once more with the renewed value. A 401 means the provider refused the request before acting on it, so
 * sending it again is safe even for a start.
 */
export interface RenewableAuth {
  /** The `Authorization` value for the next request. */
  header(): Promise<string>;
  /** Called with the value of a request answered anything but 401: the provider accepted it. */
  accepted(value: string): void;
  /** What to do after `rejected` was answered 401. */
  renewAfter(rejected: string): Promise<Renewal>;
}
