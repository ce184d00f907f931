/**
 * Zoho's refresh-token grant (docs/contracts.md#authentication): `POST {accounts server}/oauth/v2/token` with
 * `grant_type=refresh_token`, `client_id`, `client_secret` and `refresh_token` as query parameters, as Zoho
 * documents them; it answers `access_token`,
 * `expires_in` (seconds, 3600), `api_domain` and `token_type`, and signals a refused refresh token or client with a
 * 200 whose body is `{ "error": "<code>" }` (e.g. `invalid_code`). Zoho does not rotate refresh tokens.
 */
import { z } from 'zod';
import type { RefreshGrant } from '../credentials/oauth-refresh';

const ZohoTokenIssuedSchema = z
  .object({
    access_token: z.string().min(1),
    expires_in: z.number().int().positive().optional(),
    api_domain: z.string().optional(),
    token_type: z.string().optional(),
  })
  .transform((body) => ({
    kind: 'issued' as const,
    accessToken: body.access_token,
    expiresInSeconds: body.expires_in,
  }));

const ZohoTokenRefusedSchema = z
  .object({ error: z.string().min(1) })
  .transform((body) => ({ kind: 'refused' as const, code: body.error }));

/** Zoho's refresh-token grant. */
export const zohoRefreshGrant: RefreshGrant = {
  fieldsIn: 'query',
  answerSchema: z.union([ZohoTokenIssuedSchema, ZohoTokenRefusedSchema]),
};
