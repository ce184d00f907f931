/**
 * How connections authenticate (docs/contracts.md#authentication). Every operation declares its provider's
 * `ConnectionAuth` (`ProviderOperation.auth`); these are the kinds the providers use, and a new provider picks one or
 * writes its own next to its operation. The HTTP client asks for the header at every request.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../domain/errors';
import type { ProviderName } from '../domain/errors';

/** The credential fields of a connection (see `config.ts`). */
export interface ConnectionCredentials {
  readonly token?: string | undefined;
  readonly tokenFile?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly apiKey?: string | undefined;
}

/** A credential a connection may need (`tokenFile` is another way to give `token`). */
export type CredentialField = 'token' | 'apiKey' | 'username' | 'password';

/** How a provider's connections authenticate. */
export interface ConnectionAuth {
  /** The fields a connection needs (the dev stack and tests fill these in for the simulators). */
  readonly credentials: readonly CredentialField[];
  /** The scheme of the `Authorization` header this connection sends (Oracle's paths differ by it). */
  scheme(connection: ConnectionCredentials): string;
  /**
   * The `Authorization` header value, read at every call (a rotated `tokenFile` is picked up).
   * Thrown when the connection lacks what the provider needs: `ConfigError` naming `<provider> connection`.
   */
  authorization(provider: ProviderName, connection: ConnectionCredentials): string;
}

/** `<scheme> <token>`, the token given inline or read (trimmed) from `tokenFile`; `token` wins when both are set. */
export function tokenAuth(scheme: string): ConnectionAuth {
  return {
    credentials: ['token'],
    scheme: () => scheme,
    authorization: (provider, c) => `${scheme} ${tokenOf(provider, c)}`,
  };
}

/** `<scheme> <apiKey>`, the key as given, not encoded. */
export function apiKeyAuth(scheme: string): ConnectionAuth {
  return {
    credentials: ['apiKey'],
    scheme: () => scheme,
    authorization: (provider, c) => {
      if (!c.apiKey) throw new ConfigError(`${provider} connection`, 'apiKey is required');
      return `${scheme} ${c.apiKey}`;
    },
  };
}

/** Bearer with the connection's token. */
export const bearerTokenAuth: ConnectionAuth = tokenAuth('Bearer');

/** Basic with base64 of `username:password` when both are set, else Bearer with the token. */
export const basicOrBearerAuth: ConnectionAuth = {
  credentials: ['username', 'password'],
  scheme: (c) => (c.username && c.password ? 'Basic' : 'Bearer'),
  authorization: (provider, c) => {
    if (c.username && c.password) return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
    return `Bearer ${tokenOf(provider, c)}`;
  },
};

/**
 * The token in `path`. Thrown when it cannot be read: an `Error` (retryable, as the file may be rotating) naming the
 * setting and the error code, not the path: the message becomes an activity failure, which API callers may read.
 */
function readTokenFile(provider: ProviderName, path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const reason = typeof code === 'string' ? code : 'unreadable';
    throw Object.assign(new Error(`${provider} connection: tokenFile cannot be read (${reason})`), { code: reason });
  }
}

function tokenOf(provider: ProviderName, c: ConnectionCredentials): string {
  if (c.token) return c.token;
  if (c.tokenFile) return readTokenFile(provider, c.tokenFile);
  throw new ConfigError(`${provider} connection`, 'a token (or tokenFile) is required');
}
