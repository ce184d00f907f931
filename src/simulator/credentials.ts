/**
 * The credentials a running simulator accepts, changed while it runs: tokens expire on request (fault injection)
 * and new ones are accepted (an outside rotator's), and OAuth clients refresh access tokens at the token endpoints
 * (`oauth-token-endpoints.ts`). With no credential configured, every request is accepted.
 */
import { randomBytes } from 'node:crypto';

/**
 * Credentials the simulator accepts at start (the part of `Authorization` after the scheme: a bearer token,
 * FullStory's API key, base64 of Oracle's user:password…).
 */
export interface SimAuth {
  readonly bearerTokens?: readonly string[];
  /** Known credentials that lack the scope: answered 403. */
  readonly forbiddenTokens?: readonly string[];
}

/** An OAuth client the token endpoints know: its secret, its refresh token and the lifetime of what it is issued. */
export interface SimOAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  /** `expires_in` of each access token issued (the simulator does not expire tokens by time; see `expire`). */
  readonly expiresInSeconds: number;
  /** Issue a new refresh token with each access token (Webex answers one; Zoho keeps the first). */
  readonly rotateRefreshToken: boolean;
}

/** What a refresh asked of the token endpoint gets. */
export type SimIssue =
  | { readonly kind: 'issued'; readonly accessToken: string; readonly refreshToken: string; readonly expiresIn: number }
  | { readonly kind: 'unknownClient' }
  | { readonly kind: 'badRefreshToken' };

/** The verdict on a request's credential. */
export type SimVerdict = 'accepted' | 'unauthorized' | 'forbidden';

/** The simulator's credential store. */
export class SimCredentials {
  private accepted = new Set<string>();
  private forbidden = new Set<string>();
  private readonly clients = new Map<string, SimOAuthClient & { current: string }>();
  private readonly issuedBy = new Map<string, string[]>();

  constructor(private readonly initial: SimAuth = {}) {
    this.reset();
  }

  /** Whether any credential is checked at all. */
  get enforced(): boolean {
    return this.accepted.size > 0 || this.forbidden.size > 0 || this.clients.size > 0;
  }

  /** The verdict on `credential` (undefined: the request sent none). */
  verdict(credential: string | undefined): SimVerdict {
    if (!this.enforced) return 'accepted';
    if (credential !== undefined && this.forbidden.has(credential)) return 'forbidden';
    return credential !== undefined && this.accepted.has(credential) ? 'accepted' : 'unauthorized';
  }

  /** Accepts `token` from now on (a rotator's new token). */
  accept(token: string): void {
    this.accepted.add(token);
  }

  /** Stops accepting `token`: requests carrying it are answered 401. Answers whether it was accepted. */
  expire(token: string): boolean {
    return this.accepted.delete(token);
  }

  /** Expires every access token issued to `clientId`; answers how many were still accepted. */
  expireIssued(clientId: string): number {
    return (this.issuedBy.get(clientId) ?? []).filter((token) => this.expire(token)).length;
  }

  /** Access tokens issued to `clientId` so far. */
  issuedCount(clientId: string): number {
    return this.issuedBy.get(clientId)?.length ?? 0;
  }

  /** Registers (or replaces) an OAuth client. */
  registerClient(client: SimOAuthClient): void {
    this.clients.set(client.clientId, { ...client, current: client.refreshToken });
  }

  /** A refresh-token grant: a new access token, accepted from now on, or why not. */
  issue(clientId: string, clientSecret: string, refreshToken: string): SimIssue {
    const client = this.clients.get(clientId);
    if (!client || client.clientSecret !== clientSecret) return { kind: 'unknownClient' };
    if (refreshToken !== client.current) return { kind: 'badRefreshToken' };
    if (client.rotateRefreshToken) client.current = `sim-refresh-${randomBytes(9).toString('base64url')}`;
    const accessToken = `sim-access-${randomBytes(12).toString('base64url')}`;
    this.accept(accessToken);
    this.issuedBy.set(clientId, [...(this.issuedBy.get(clientId) ?? []), accessToken]);
    return { kind: 'issued', accessToken, refreshToken: client.current, expiresIn: client.expiresInSeconds };
  }

  /** Back to the credentials given at start: no rotation, no expiry, no OAuth client. */
  reset(): void {
    this.accepted = new Set(this.initial.bearerTokens ?? []);
    this.forbidden = new Set(this.initial.forbiddenTokens ?? []);
    this.clients.clear();
    this.issuedBy.clear();
  }
}
