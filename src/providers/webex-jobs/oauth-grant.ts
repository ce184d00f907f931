/**
 * The refresh-token grant of Webex integrations (docs/contracts.md#authentication): `POST /v1/access_token` on
 * `webexapis.com`, form fields `grant_type=refresh_token`, `client_id`, `client_secret` and `refresh_token`; it
 * answers `access_token`, `expires_in` (seconds), `refresh_token` and `refresh_token_expires_in`, and refuses with
 * 400/401 in Webex's error shape. The refresh token it answers is the one to use next.
 */
import { z } from 'zod';
import { tokenAuth, type ConnectionAuth } from '../auth';
import type { RefreshGrant } from '../credentials/oauth-refresh';

const WebexTokenSchema = z
  .object({
    access_token: z.string().min(1),
    expires_in: z.number().int().positive().optional(),
    refresh_token: z.string().min(1).optional(),
    refresh_token_expires_in: z.number().int().positive().optional(),
  })
  .transform((body) => ({
    kind: 'issued' as const,
    accessToken: body.access_token,
    expiresInSeconds: body.expires_in,
    refreshToken: body.refresh_token,
  }));

/** The Webex integrations' refresh-token grant. */
export const webexRefreshGrant: RefreshGrant = { fieldsIn: 'form', answerSchema: WebexTokenSchema };

/** How Webex connections authenticate: Bearer with an admin token, or an integration's token refreshed over OAuth. */
export const webexConnectionAuth: ConnectionAuth = tokenAuth('Bearer', webexRefreshGrant);
