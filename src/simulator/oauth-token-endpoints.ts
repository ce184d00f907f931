/**
 * The providers' OAuth token endpoints, each answering the refresh-token grant in its provider's documented shape
 * (docs/contracts.md#authentication): Zoho's accounts server and Webex's `/v1/access_token`. They take the grant's
 * fields from a form body (or, as Zoho also documents, from the query), need no `Authorization`, and are logged
 * without their query (it may carry secrets). Control routes register clients and expire tokens.
 */
import { z } from 'zod';
import { controlBadRequest, CONTROL_PREFIX } from './control-api';
import type { SimCredentials, SimIssue } from './credentials';
import type { OperationSimulator, SimRequest, SimResponse, SimRoute } from './types';
import { webexErrorBody } from './webex-error';

/** Endpoint names of the token endpoints (for faults and the request log). */
export const ZOHO_TOKEN_ENDPOINT = 'zoho.oauth.token';
export const WEBEX_TOKEN_ENDPOINT = 'webex.oauth.token';

/** The fields of a refresh-token grant, from the form body over the query. */
function grantFields(req: SimRequest): Record<string, string> {
  const form = typeof req.body === 'string' ? new URLSearchParams(req.body) : new URLSearchParams();
  return { ...Object.fromEntries(req.query.entries()), ...Object.fromEntries(form.entries()) };
}

function issueFor(credentials: SimCredentials, req: SimRequest): SimIssue | 'unsupportedGrant' {
  const fields = grantFields(req);
  if (fields['grant_type'] !== 'refresh_token') return 'unsupportedGrant';
  return credentials.issue(fields['client_id'] ?? '', fields['client_secret'] ?? '', fields['refresh_token'] ?? '');
}

/** Zoho answers 200 whatever happened; a refusal is `{ error }`. */
function zohoTokenAnswer(credentials: SimCredentials, req: SimRequest): SimResponse {
  const issue = issueFor(credentials, req);
  if (issue === 'unsupportedGrant') return { status: 200, body: { error: 'unsupported_grant_type' } };
  switch (issue.kind) {
    case 'issued':
      return {
        status: 200,
        body: {
          access_token: issue.accessToken,
          expires_in: issue.expiresIn,
          api_domain: req.origin,
          token_type: 'Bearer',
        },
      };
    case 'unknownClient':
      return { status: 200, body: { error: 'invalid_client' } };
    case 'badRefreshToken':
      return { status: 200, body: { error: 'invalid_code' } };
  }
}

/** Webex answers the tokens, or 400 in its error shape. */
function webexTokenAnswer(credentials: SimCredentials, req: SimRequest): SimResponse {
  const issue = issueFor(credentials, req);
  if (issue === 'unsupportedGrant') return { status: 400, body: webexErrorBody('Unsupported grant_type.') };
  switch (issue.kind) {
    case 'issued':
      return {
        status: 200,
        body: {
          access_token: issue.accessToken,
          expires_in: issue.expiresIn,
          refresh_token: issue.refreshToken,
          refresh_token_expires_in: 7_776_000,
        },
      };
    case 'unknownClient':
      return { status: 401, body: webexErrorBody('The client is not authorized.') };
    case 'badRefreshToken':
      return { status: 400, body: webexErrorBody('The refresh token provided is expired, revoked or malformed.') };
  }
}

const RegisterClientSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresInSeconds: z.number().int().positive().default(3600),
  rotateRefreshToken: z.boolean().default(false),
});

/** `{ token }` expires one token; `{ clientId }` every access token issued to that client. */
const ExpireSchema = z.union([z.object({ token: z.string().min(1) }), z.object({ clientId: z.string().min(1) })]);

const AcceptSchema = z.object({ token: z.string().min(1) });

function controlRoutes(credentials: SimCredentials): SimRoute[] {
  const route = (path: string, endpoint: string, handle: SimRoute['handle']): SimRoute => ({
    method: 'POST',
    pattern: `${CONTROL_PREFIX}/credentials${path}`,
    endpoint: `sim.credentials.${endpoint}`,
    handle,
  });
  return [
    route('/oauth-clients', 'register', (req) => {
      const parsed = RegisterClientSchema.safeParse(req.body);
      if (!parsed.success) return controlBadRequest(parsed.error);
      credentials.registerClient(parsed.data);
      return { status: 201, body: { clientId: parsed.data.clientId } };
    }),
    route('/expire', 'expire', (req) => {
      const parsed = ExpireSchema.safeParse(req.body);
      if (!parsed.success) return controlBadRequest(parsed.error);
      const expired =
        'token' in parsed.data
          ? Number(credentials.expire(parsed.data.token))
          : credentials.expireIssued(parsed.data.clientId);
      return { status: 200, body: { expired } };
    }),
    route('/accept', 'accept', (req) => {
      const parsed = AcceptSchema.safeParse(req.body);
      if (!parsed.success) return controlBadRequest(parsed.error);
      credentials.accept(parsed.data.token);
      return { status: 204 };
    }),
  ];
}

/** The token endpoints and the credential control routes, mounted by every simulator server. */
export function oauthTokenSimulator(credentials: SimCredentials): OperationSimulator {
  const endpoint = (pattern: string, name: string, answer: typeof zohoTokenAnswer): SimRoute => ({
    method: 'POST',
    pattern,
    endpoint: name,
    public: true,
    // The default subject quotes the query, where Zoho's grant carries the secrets.
    subject: () => name,
    handle: (req) => answer(credentials, req),
  });
  return {
    name: 'oauth',
    routes: [
      endpoint('/oauth/v2/token', ZOHO_TOKEN_ENDPOINT, zohoTokenAnswer),
      endpoint('/v1/access_token', WEBEX_TOKEN_ENDPOINT, webexTokenAnswer),
    ],
    controlRoutes: controlRoutes(credentials),
    errorBody: (_status, message) => webexErrorBody(message),
  };
}
