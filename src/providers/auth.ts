/** How each provider expects its credentials (CONTRACTS.md §0 "Auth"). Called by the HTTP client per request. */
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

function tokenOf(provider: ProviderName, c: ConnectionCredentials): string {
  if (c.token) return c.token;
  if (c.tokenFile) return readFileSync(c.tokenFile, 'utf8').trim();
  throw new ConfigError(`${provider} connection`, 'a token (or tokenFile) is required');
}

/** The auth scheme a connection uses with its provider. */
export function authSchemeFor(
  provider: ProviderName,
  c: ConnectionCredentials,
): 'Bearer' | 'Basic' | 'Zoho-oauthtoken' {
  switch (provider) {
    case 'webex':
      return 'Bearer';
    case 'zoho':
      return 'Zoho-oauthtoken';
    case 'fullstory':
      return 'Basic';
    case 'oracle':
      return c.username && c.password ? 'Basic' : 'Bearer';
  }
}

/** The `Authorization` header value. Thrown when the connection lacks what the provider needs: `ConfigError`. */
export function authorizationFor(provider: ProviderName, c: ConnectionCredentials): string {
  switch (provider) {
    case 'webex':
      return `Bearer ${tokenOf(provider, c)}`;
    case 'zoho':
      return `Zoho-oauthtoken ${tokenOf(provider, c)}`;
    case 'fullstory':
      // FullStory takes the raw key after "Basic", not base64(user:pass).
      if (!c.apiKey) throw new ConfigError('fullstory connection', 'apiKey is required');
      return `Basic ${c.apiKey}`;
    case 'oracle':
      if (c.username && c.password) return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
      return `Bearer ${tokenOf(provider, c)}`;
  }
}
