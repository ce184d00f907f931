/**
 * An optional org-wide rate limit, as a provider that limits a whole org would answer: at most `requestsPerSecond`
 * requests of one org in any second, then the org is closed for `closeSeconds` and every request is answered 429
 * with `Retry-After`. An org is a credential (a FullStory API key belongs to one org). The limiter also counts the
 * requests that arrive inside a window it had already announced to anyone of that org: what a client that shares
 * one cooldown per scope never sends (docs/decisions.md, "One cooldown per provider rate-limit scope").
 */
import { z } from 'zod';

export const OrgRateLimitSchema = z
  .object({
    /** Endpoints whose name starts with this count against the limit, e.g. `fullstory.` for every FullStory one. */
    endpointPrefix: z.string().min(1),
    requestsPerSecond: z.number().int().positive().max(100_000),
    /** How long the org stays closed once over the limit; the 429s say it as `Retry-After` in whole seconds. */
    closeSeconds: z.number().int().positive().max(3_600),
  })
  .strict();
export type OrgRateLimit = z.infer<typeof OrgRateLimitSchema>;

/** What the limiter saw since it was set. */
export interface OrgRateLimitCounts {
  /** Requests of limited endpoints. */
  readonly requests: number;
  /** Of them, answered 429 by the limit. */
  readonly refused: number;
  /** Windows announced: the first 429 of each closing. */
  readonly windows: number;
  /**
   * Requests that arrived inside a window announced (answer handed to the socket) in an earlier millisecond, to any
   * client of the org. One arriving in the very millisecond of the announcement was already in flight.
   */
  readonly insideAnnouncedWindow: number;
}

interface OrgState {
  /** Arrival times of the requests let through in the last second. */
  readonly passed: number[];
  closedUntil: number;
  /** Announced windows still open or recently closed: when announced, and until when. */
  readonly announced: { readonly at: number; readonly until: number }[];
}

/** The 429 a limited request gets: `Retry-After` in whole seconds, rounded up so it never ends before the closing. */
export interface RateLimited {
  readonly retryAfterSeconds: number;
}

const SECOND_MS = 1_000;

export class OrgRateLimiter {
  private limit: OrgRateLimit | undefined;
  private readonly orgs = new Map<string, OrgState>();
  private counts = { requests: 0, refused: 0, windows: 0, insideAnnouncedWindow: 0 };

  /** Sets (or with `undefined` removes) the limit; counts and org state start over. */
  set(limit: OrgRateLimit | undefined): void {
    this.limit = limit;
    this.orgs.clear();
    this.counts = { requests: 0, refused: 0, windows: 0, insideAnnouncedWindow: 0 };
  }

  current(): { readonly limit: OrgRateLimit | null; readonly counts: OrgRateLimitCounts } {
    return { limit: this.limit ?? null, counts: { ...this.counts } };
  }

  /** Whether a request of `org` to `endpoint` arriving at `receivedAt` is refused; counts it. */
  check(endpoint: string, org: string, receivedAt: number): RateLimited | undefined {
    const limit = this.limit;
    if (limit === undefined || !endpoint.startsWith(limit.endpointPrefix)) return undefined;
    const state = this.stateOf(org);
    this.counts.requests += 1;
    if (state.announced.some((w) => w.at < receivedAt && receivedAt < w.until)) this.counts.insideAnnouncedWindow += 1;
    if (receivedAt < state.closedUntil) return this.refuse(state.closedUntil - receivedAt);
    while (state.passed.length > 0 && (state.passed[0] ?? 0) <= receivedAt - SECOND_MS) state.passed.shift();
    if (state.passed.length < limit.requestsPerSecond) {
      state.passed.push(receivedAt);
      return undefined;
    }
    state.closedUntil = receivedAt + limit.closeSeconds * SECOND_MS;
    state.passed.length = 0;
    this.counts.windows += 1;
    return this.refuse(limit.closeSeconds * SECOND_MS);
  }

  /** Records the window a 429 of `check` announced once its answer was handed to the socket at `answeredAt`. */
  announced(org: string, answeredAt: number, limited: RateLimited): void {
    const state = this.stateOf(org);
    const until = answeredAt + limited.retryAfterSeconds * SECOND_MS;
    state.announced.push({ at: answeredAt, until });
    // Windows long over can no longer contain an arrival.
    while (state.announced.length > 0 && (state.announced[0]?.until ?? 0) < answeredAt - 60 * SECOND_MS) {
      state.announced.shift();
    }
  }

  private refuse(leftMs: number): RateLimited {
    this.counts.refused += 1;
    return { retryAfterSeconds: Math.max(1, Math.ceil(leftMs / SECOND_MS)) };
  }

  private stateOf(org: string): OrgState {
    let state = this.orgs.get(org);
    if (state === undefined) {
      state = { passed: [], closedUntil: 0, announced: [] };
      this.orgs.set(org, state);
    }
    return state;
  }
}
