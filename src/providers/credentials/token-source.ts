/**
 * Where a connection's access token comes from, and how it is renewed after the provider answers 401
 * (docs/security.md#provider-credentials). One source per connection per worker, shared by its activities, so a
 * renewal made for one request serves every other request that was refused the same expired token.
 */
import type { Renewal } from '../../http/types';

/** An access token as obtained, and when it expires when the issuer said so (OAuth's `expires_in`). */
export interface ObtainedToken {
  readonly value: string;
  readonly expiresAtMs?: number;
}

/** A connection's access token: the current one, renewed on demand. */
export interface TokenSource {
  /** The token to send now. Thrown when it cannot be obtained (the error of the source). */
  current(): Promise<string>;
  /** Notes that the provider accepted `value` (answered anything but 401 to it). */
  accepted(value: string): void;
  /**
   * After the provider answered 401 to `rejected`: a token other than it (`renewed`); `stands` when `rejected` was
   * fresh (never accepted since it was obtained) or can never change; `notYet` when it had worked and obtaining
   * again gives it back (its rotation is late). Thrown when obtaining fails (the error of the source).
   */
  renewAfter(rejected: string): Promise<Renewal>;
}

const STANDS: Renewal = { kind: 'stands' };
const NOT_YET: Renewal = { kind: 'notYet' };

/** A token given inline: never renewed, so a 401 to it stands. */
export function staticTokenSource(value: string): TokenSource {
  return {
    current: () => Promise.resolve(value),
    accepted: () => undefined,
    renewAfter: () => Promise.resolve(STANDS),
  };
}

/**
 * A token read where it lives each time it is needed (a file: cheap, and a rotated file is picked up before the old
 * token expires). After a 401 it is read again, and a different token is the renewal.
 */
export function rereadTokenSource(read: () => Promise<string>): TokenSource {
  let lastAccepted: string | undefined;
  return {
    current: read,
    accepted: (value) => {
      lastAccepted = value;
    },
    renewAfter: async (rejected) => {
      const again = await read();
      if (again !== rejected) return { kind: 'renewed', value: again };
      return lastAccepted === rejected ? NOT_YET : STANDS;
    },
  };
}

/** Renew an access token this long before the expiry its issuer announced. */
export const EXPIRY_MARGIN_MS = 60_000;

interface Cached {
  readonly token: ObtainedToken;
  /** The provider has accepted this token at least once: a 401 to it now means it expired. */
  accepted: boolean;
}

/**
 * A token that is costly to obtain (a command, an OAuth refresh): obtained once, kept until its announced expiry
 * is near or the provider refuses it, and obtained again by one call however many requests were refused at once.
 * A 401 to a token never accepted since it was obtained stands (a fresh credential that does not work is a
 * configuration fault, and obtaining again would only spend the provider's token quota); the token is forgotten, so
 * the next job obtains one anew.
 */
export class CachedTokenSource implements TokenSource {
  private cached: Cached | undefined;
  private obtaining: Promise<ObtainedToken> | undefined;

  constructor(
    private readonly obtain: () => Promise<ObtainedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<string> {
    const cached = this.cached;
    if (cached && !this.expiring(cached.token)) return cached.token.value;
    return (await this.obtainOnce()).value;
  }

  accepted(value: string): void {
    if (this.cached?.token.value === value) this.cached.accepted = true;
  }

  async renewAfter(rejected: string): Promise<Renewal> {
    if (this.obtaining) return renewalFrom(rejected, await this.obtaining);
    const cached = this.cached;
    if (cached && cached.token.value !== rejected) return { kind: 'renewed', value: cached.token.value };
    if (!cached?.accepted) {
      this.cached = undefined;
      return STANDS;
    }
    return renewalFrom(rejected, await this.obtainOnce());
  }

  private expiring(token: ObtainedToken): boolean {
    return token.expiresAtMs !== undefined && token.expiresAtMs - EXPIRY_MARGIN_MS <= this.now();
  }

  private obtainOnce(): Promise<ObtainedToken> {
    this.obtaining ??= this.obtain()
      .then((token) => {
        this.cached = { token, accepted: false };
        return token;
      })
      .finally(() => {
        this.obtaining = undefined;
      });
    return this.obtaining;
  }
}

/** `renewed` with `token` when it differs from `rejected`; else `notYet` (the source gave back what had worked). */
function renewalFrom(rejected: string, token: ObtainedToken): Renewal {
  return token.value === rejected ? NOT_YET : { kind: 'renewed', value: token.value };
}
