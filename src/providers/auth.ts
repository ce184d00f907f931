/**
 * How connections authenticate (docs/contracts.md#authentication). Every operation declares its provider's
 * `ConnectionAuth` (`ProviderOperation.auth`); these are the kinds the providers use, and a new provider picks one or
 * writes its own next to its operation. A token may be given inline, kept in a file or printed by a command that an
 * outside rotator keeps current, or (where the provider documents the grant) refreshed by bulkflow over OAuth; the
 * HTTP client renews it after a 401 (docs/security.md#provider-credentials).
 */
import { ConfigError } from '../domain/errors';
import type { ProviderName } from '../domain/errors';
import type { AuthHeaderProvider, RenewableAuth } from '../http/types';
import { oauthTokenSource, type RefreshGrant } from './credentials/oauth-refresh';
import { runTokenCommand } from './credentials/token-command';
import { readTokenFile } from './credentials/token-file';
import { CachedTokenSource, rereadTokenSource, staticTokenSource, type TokenSource } from './credentials/token-source';

/** The credential fields of a connection (see `connections-config.ts`). */
export interface ConnectionCredentials {
  readonly token?: string | undefined;
  readonly tokenFile?: string | undefined;
  readonly tokenCommand?: readonly string[] | undefined;
  readonly oauthTokenUrl?: string | undefined;
  readonly oauthClientId?: string | undefined;
  readonly oauthClientSecret?: string | undefined;
  readonly oauthRefreshToken?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly apiKey?: string | undefined;
}

/** A credential a connection may need (`tokenFile`, `tokenCommand` and the `oauth*` fields are other ways to a token). */
export type CredentialField = 'token' | 'apiKey' | 'username' | 'password';

/** What the HTTP client sends as `Authorization`: a fixed header, or a token renewed after a 401. */
export type ConnectionCredential = AuthHeaderProvider | RenewableAuth;

/** How a provider's connections authenticate. */
export interface ConnectionAuth {
  /** The fields a connection needs (the dev stack and tests fill these in for the simulators). */
  readonly credentials: readonly CredentialField[];
  /** The provider's documented OAuth refresh-token grant; absent, a connection may not set the `oauth*` fields. */
  readonly refreshGrant?: RefreshGrant;
  /** The scheme of the `Authorization` header this connection sends (Oracle's paths differ by it). */
  scheme(connection: ConnectionCredentials): string;
  /**
   * The `Authorization` header of a connection whose credentials are inline or in a `tokenFile` (read now).
   * Thrown when the connection lacks them: `ConfigError` naming `<provider> connection`.
   */
  authorization(provider: ProviderName, connection: ConnectionCredentials): string;
  /**
   * What the HTTP client sends for the connection. Build it once per connection and worker (a token source holds
   * the current token and renews it for every request at once). Thrown as `authorization`.
   */
  credential(provider: ProviderName, connection: ConnectionCredentials): ConnectionCredential;
}

/**
 * `<scheme> <token>`: the token inline, in `tokenFile` (read at each request), printed by `tokenCommand` or
 * refreshed over OAuth with `refreshGrant`; `token` wins over `tokenFile`. The config allows one of the others only.
 */
export function tokenAuth(scheme: string, refreshGrant?: RefreshGrant): ConnectionAuth {
  return {
    credentials: ['token'],
    ...(refreshGrant ? { refreshGrant } : {}),
    scheme: () => scheme,
    authorization: (provider, c) => `${scheme} ${tokenOf(provider, c)}`,
    credential: (provider, c) => renewableHeader(scheme, tokenSourceOf(provider, c, refreshGrant)),
  };
}

/** `<scheme> <apiKey>`, the key as given, not encoded. */
export function apiKeyAuth(scheme: string): ConnectionAuth {
  const authorization = (provider: ProviderName, c: ConnectionCredentials): string => {
    if (!c.apiKey) throw new ConfigError(`${provider} connection`, 'apiKey is required');
    return `${scheme} ${c.apiKey}`;
  };
  return {
    credentials: ['apiKey'],
    scheme: () => scheme,
    authorization,
    credential: (provider, c) => {
      const header = authorization(provider, c);
      return () => header;
    },
  };
}

/** Bearer with the connection's token. */
export const bearerTokenAuth: ConnectionAuth = tokenAuth('Bearer');

const oracleBearer = tokenAuth('Bearer');

/** Basic with base64 of `username:password` when both are set, else Bearer with the token. */
export const basicOrBearerAuth: ConnectionAuth = {
  credentials: ['username', 'password'],
  scheme: (c) => (c.username && c.password ? 'Basic' : 'Bearer'),
  authorization: (provider, c) => basicOf(c) ?? oracleBearer.authorization(provider, c),
  credential: (provider, c) => {
    const basic = basicOf(c);
    return basic === undefined ? oracleBearer.credential(provider, c) : () => basic;
  },
};

function basicOf(c: ConnectionCredentials): string | undefined {
  if (!c.username || !c.password) return undefined;
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

function tokenOf(provider: ProviderName, c: ConnectionCredentials): string {
  if (c.token) return c.token;
  if (c.tokenFile) return readTokenFile(provider, c.tokenFile);
  throw new ConfigError(`${provider} connection`, 'a token (or tokenFile) is required');
}

/** Where the connection's token comes from. Thrown when it names none: `ConfigError` naming `<provider> connection`. */
function tokenSourceOf(provider: ProviderName, c: ConnectionCredentials, grant?: RefreshGrant): TokenSource {
  if (c.token) return staticTokenSource(c.token);
  const { tokenFile, tokenCommand } = c;
  if (tokenFile) return rereadTokenSource(() => Promise.resolve(readTokenFile(provider, tokenFile)));
  if (tokenCommand)
    return new CachedTokenSource(async () => ({ value: await runTokenCommand(provider, tokenCommand) }));
  const { oauthTokenUrl: tokenUrl, oauthClientId: clientId, oauthClientSecret: clientSecret } = c;
  const refreshToken = c.oauthRefreshToken;
  if (grant && tokenUrl && clientId && clientSecret && refreshToken) {
    return oauthTokenSource(provider, grant, { tokenUrl, clientId, clientSecret, refreshToken });
  }
  throw new ConfigError(
    `${provider} connection`,
    'a token (or tokenFile, tokenCommand, or the oauth* fields) is required',
  );
}

/** The `Authorization` header over a token source: `<scheme> <token>`, renewed by the source after a 401. */
function renewableHeader(scheme: string, source: TokenSource): RenewableAuth {
  const prefix = `${scheme} `;
  const tokenIn = (header: string): string => (header.startsWith(prefix) ? header.slice(prefix.length) : header);
  return {
    header: async () => `${prefix}${await source.current()}`,
    accepted: (header) => source.accepted(tokenIn(header)),
    renewAfter: async (rejected) => {
      const renewal = await source.renewAfter(tokenIn(rejected));
      return renewal.kind === 'renewed' ? { kind: 'renewed', value: `${prefix}${renewal.value}` } : renewal;
    },
  };
}
