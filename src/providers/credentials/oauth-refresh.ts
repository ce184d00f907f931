/**
 * OAuth 2 access tokens that bulkflow refreshes itself with the connection's refresh token (RFC 6749 §6), for the
 * providers that document the grant (docs/contracts.md#authentication). The token endpoint is the connection's
 * `oauthTokenUrl`, on an origin of its own (Zoho's accounts server is not its API domain). Its URL is never logged
 * nor put in an error: where a provider documents the fields in the query, the URL holds the secrets.
 */
import type { z } from 'zod';
import { ProviderAuthError, ProviderContractError, type ProviderName } from '../../domain/errors';
import { fieldPath } from '../../domain/field-path';
import { ensureSuccess, extractErrorDetails } from '../../http/classify';
import { createHttpClient } from '../../http/client';
import type { HttpClient, HttpResponse } from '../../http/types';
import { CachedTokenSource, type TokenSource } from './token-source';

/** What a provider's token endpoint answers with a 2xx: a token, or (Zoho) the reason it refused. */
export type GrantAnswer =
  | {
      readonly kind: 'issued';
      readonly accessToken: string;
      readonly expiresInSeconds?: number | undefined;
      /** A refresh token to use from now on, when the provider rotates them. */
      readonly refreshToken?: string | undefined;
    }
  | { readonly kind: 'refused'; readonly code: string };

/** A provider's documented refresh-token grant: the standard fields in, its own JSON out. */
export interface RefreshGrant {
  /** Where the provider documents the fields: a form body (RFC 6749), or the query of the POST (Zoho). */
  readonly fieldsIn: 'form' | 'query';
  /** The body of a 2xx answer of the provider's token endpoint. */
  readonly answerSchema: z.ZodType<GrantAnswer>;
}

/** The OAuth client of a connection. */
export interface OAuthClient {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
}

/**
 * A token request that takes longer has failed (retryable). Shorter than the HTTP client's default: the refresh runs
 * inside an activity attempt, before the provider request it is for, and both must fit the attempt.
 */
export const TOKEN_REQUEST_TIMEOUT_MS = 10_000;

/** Statuses with which a token endpoint refuses a client or a refresh token (`invalid_grant`, `invalid_client`). */
const REFUSALS = new Set([400, 401, 403]);

/**
 * A source of access tokens refreshed from `client`: one refresh at first use, before the announced expiry, and
 * after the provider refused a token it had accepted. A rotated refresh token is kept (in memory) for the next one.
 */
export function oauthTokenSource(
  provider: ProviderName,
  grant: RefreshGrant,
  client: OAuthClient,
  { now = Date.now, timeoutMs = TOKEN_REQUEST_TIMEOUT_MS }: { now?: () => number; timeoutMs?: number } = {},
): TokenSource {
  const http = createHttpClient({ provider, baseUrl: client.tokenUrl, timeoutMs });
  let refreshToken = client.refreshToken;
  return new CachedTokenSource(async () => {
    const issued = await refreshAccessToken(provider, grant, http, { ...client, refreshToken });
    if (issued.refreshToken !== undefined) refreshToken = issued.refreshToken;
    const expires = issued.expiresInSeconds;
    return { value: issued.accessToken, ...(expires === undefined ? {} : { expiresAtMs: now() + expires * 1000 }) };
  }, now);
}

/**
 * Asks the token endpoint for an access token.
 * Thrown when the endpoint refuses the client or the refresh token (400/401/403, or Zoho's 200 with `error`):
 * `ProviderAuthError`, permanent; on 429, 5xx or a network failure: the retryable typed error; on a body outside
 * the grant's shape: `ProviderContractError` without a body excerpt (the body holds a token).
 */
export async function refreshAccessToken(
  provider: ProviderName,
  grant: RefreshGrant,
  http: HttpClient,
  client: OAuthClient,
): Promise<Extract<GrantAnswer, { kind: 'issued' }>> {
  const fields = {
    grant_type: 'refresh_token',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    refresh_token: client.refreshToken,
  };
  const where = grant.fieldsIn === 'form' ? { form: fields } : { query: fields };
  const response = await http.send({ method: 'POST', path: client.tokenUrl, ...where });
  if (REFUSALS.has(response.status)) {
    const { code, providerMessage, trackingId } = extractErrorDetails(response);
    throw refused(provider, response.status, code ?? 'refresh refused', providerMessage, trackingId);
  }
  ensureSuccess(provider, response);
  const answer = parseGrantAnswer(provider, grant, response);
  if (answer.kind === 'refused') throw refused(provider, response.status, answer.code);
  return answer;
}

function refused(
  provider: ProviderName,
  status: number,
  code: string,
  providerMessage?: string,
  trackingId?: string,
): ProviderAuthError {
  const message = providerMessage ?? 'the OAuth token endpoint refused the client or the refresh token';
  return new ProviderAuthError(provider, {
    status,
    code,
    providerMessage: message,
    ...(trackingId === undefined ? {} : { trackingId }),
  });
}

function parseGrantAnswer(provider: ProviderName, grant: RefreshGrant, response: HttpResponse): GrantAnswer {
  const details = { status: response.status };
  let body: unknown;
  try {
    body = JSON.parse(response.text) as unknown;
  } catch {
    throw new ProviderContractError(provider, 'oauth token answer', 'not valid JSON', details);
  }
  const result = grant.answerSchema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? fieldPath('oauth token answer', issue.path) : 'oauth token answer';
  throw new ProviderContractError(provider, path, issue?.message ?? 'does not match the grant', details);
}
