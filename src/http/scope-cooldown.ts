/**
 * One `Retry-After` cooldown per provider rate-limit scope, shared by every request a worker sends. A 429 or 423 with
 * `Retry-After` on any request closes the scope (a provider connection: docs/decisions.md, "One cooldown per provider
 * rate-limit scope") for every job and batch until the window ends. A request that meets a closed scope is given a
 * slot after the window: slots go out in the order requests were held, `paceMs` apart, each with a little jitter
 * after its place (never before it), so the wake-ups are spread after the window and none is starved. The pace is
 * learned from the provider (`nextPace`), kept for requests that need no slot while the scope remembers it, and bounded
 * (`paceCeiling`), so the queue behind a window is never longer than the held requests times a quarter of the window
 * (at most a second each): random refusals cannot stretch it, and it recovers once the refusals stop (`paceAt`).
 */
import { parseRetryAfter } from './retry-after';
import type { HttpResponse } from './types';

/** Statuses whose `Retry-After` closes the whole scope (others keep the window of the identical request only). */
export const COOLING_STATUSES: readonly number[] = [423, 429];
/** Smallest gap between two slots. */
export const MIN_PACE_MS = 10;
/** The largest gap between two slots, as a share of the window: at least this many slots fit into one window's length. */
export const MAX_PACE_SHARE = 0.25;
/**
 * The largest gap between two slots whatever the window: a window of minutes is a quota, not a rate, and pacing at a
 * share of it would hold a queue for hours. A pace faster than the provider allows costs one more refusal per window
 * (waiting), never a request inside a window.
 */
export const MAX_PACE_MS = 1_000;
/**
 * The slowest pace learned from one refusal: a window met after few requests says little about the rate the provider
 * allows (a limit on one resource, a refusal of its own), and a guess too fast costs one more window, not a request
 * inside one. Refusals met while paced slow it down further.
 */
export const MAX_FIRST_PACE_MS = 250;
/** How much a refusal met while the scope is paced slows the pace down, at least (never beyond `paceCeiling`). */
export const PACE_BACKOFF = 1.5;
/** How much the pace speeds up for each window's length after the scope's last window with no new refusal. */
export const PACE_RECOVERY = 0.9;
/** Answers remembered per scope to learn the pace from (the last minute's, at most this many). */
export const MAX_REMEMBERED_PASSES = 10_000;
/** Share of the pace by which a slot is jittered, after its place. */
export const SLOT_JITTER_RATIO = 0.25;
/** A held request that has not come back this long after its slot has gone elsewhere: its slot is dropped. */
export const FORGET_SLOT_AFTER_MS = 60_000;
/**
 * A scope with no held request forgets its pace this long after its last window ended, however busy it is: it sends
 * as if it had never been refused.
 */
export const FORGET_PACE_AFTER_MS = 60_000;

interface ScopeState {
  /** When the provider's latest window ends. */
  closedUntil: number;
  /** The pace set by the latest window; it recovers after the window ends (`paceAt`). */
  paceMs: number;
  /** The latest window's length: the pace's ceiling, and the step of its recovery. */
  windowMs: number;
  /** The place (before jitter) of the last slot handed out. */
  lastPlace: number;
  /** When recent answers other than a cooling refusal came in: what the provider lets through. */
  readonly passes: number[];
  /** The refusal that closed the scope last: every held answer is a copy of it. */
  refusal?: HttpResponse;
  /** Held requests by identity, and the time each may be sent. */
  readonly slots: Map<string, number>;
}

/** What a request may do now: be sent, or wait until `untilMs`, answered meanwhile with `answer`. */
export type Admission =
  | { readonly kind: 'send' }
  | { readonly kind: 'held'; readonly untilMs: number; readonly answer: HttpResponse };

export class ScopeCooldowns {
  private readonly scopes = new Map<string, ScopeState>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * Whether the request `key` of `scope` may be sent now. A held request keeps its slot: asked again at or after
   * it (and after the window), it is sent; asked earlier, it is held again until the same slot.
   */
  admit(scope: string, key: string, url: string): Admission {
    const state = this.scopes.get(scope);
    const now = this.now();
    if (state?.refusal === undefined) return { kind: 'send' };
    const slot = state.slots.get(key);
    if (slot !== undefined) {
      // Slots always lie after the window (a new window moves them), so a due slot may be used.
      if (slot > now) return held(state.refusal, slot, now, url);
      state.slots.delete(key);
      // A slot used late still keeps the next newcomer one pace behind it.
      state.lastPlace = Math.max(state.lastPlace, now);
      return { kind: 'send' };
    }
    const paceMs = paceAt(state, now);
    const place = Math.max(state.closedUntil, state.lastPlace + paceMs);
    if (place <= now) {
      // While the scope remembers its pace, requests that need no slot still go out at most one per pace: a queue
      // that has drained does not burst into the next window.
      state.lastPlace = now;
      return { kind: 'send' };
    }
    state.lastPlace = place;
    const untilMs = place + Math.ceil(this.random() * paceMs * SLOT_JITTER_RATIO);
    state.slots.set(key, untilMs);
    return held(state.refusal, untilMs, now, url);
  }

  /** Learns from an answer: a 423/429 with `Retry-After` closes the scope; other answers teach the pace. */
  record(scope: string, response: HttpResponse): void {
    const state = this.stateOf(scope);
    const ms = cooling(response);
    if (ms === undefined) {
      state.passes.push(response.receivedAt);
      if (state.passes.length > MAX_REMEMBERED_PASSES) state.passes.shift();
      return;
    }
    const endsAt = response.receivedAt + ms;
    if (endsAt <= state.closedUntil) return;
    // A refusal met while the window is open (a request already in flight) only extends it: the pace stays.
    if (response.receivedAt >= state.closedUntil) {
      state.paceMs = nextPace(state, response.receivedAt, ms);
      state.windowMs = ms;
    }
    state.closedUntil = endsAt;
    state.refusal = response;
    this.reslot(state);
  }

  /** The gap between slots a request of `scope` would be given now; 0 while the scope is not paced (for tests). */
  paceOf(scope: string): number {
    const state = this.scopes.get(scope);
    return state?.refusal === undefined ? 0 : paceAt(state, this.now());
  }

  /** Requests held now, over every scope (for tests). */
  get held(): number {
    let count = 0;
    for (const state of this.scopes.values()) count += state.slots.size;
    return count;
  }

  /** A new window moves every held request after it, in the order they were held. */
  private reslot(state: ScopeState): void {
    const order = [...state.slots.entries()].sort(([, a], [, b]) => a - b).map(([key]) => key);
    state.lastPlace = state.closedUntil - state.paceMs;
    for (const key of order) {
      state.lastPlace += state.paceMs;
      state.slots.set(key, state.lastPlace + Math.ceil(this.random() * state.paceMs * SLOT_JITTER_RATIO));
    }
  }

  private stateOf(scope: string): ScopeState {
    this.prune();
    let state = this.scopes.get(scope);
    if (state === undefined) {
      state = {
        closedUntil: 0,
        paceMs: 0,
        windowMs: 0,
        lastPlace: Number.NEGATIVE_INFINITY,
        passes: [],
        slots: new Map(),
      };
      this.scopes.set(scope, state);
    }
    return state;
  }

  /**
   * Drops slots nobody came back for, and the pace of scopes whose last window ended `FORGET_PACE_AFTER_MS` ago with
   * no request held, however much they sent since: traffic alone never keeps a pace.
   */
  private prune(): void {
    const now = this.now();
    for (const [scope, state] of this.scopes) {
      for (const [key, slot] of state.slots) if (slot + FORGET_SLOT_AFTER_MS < now) state.slots.delete(key);
      while ((state.passes[0] ?? now) < now - FORGET_PACE_AFTER_MS) state.passes.shift();
      const forgotten = state.slots.size === 0 && state.closedUntil + FORGET_PACE_AFTER_MS < now;
      if (state.refusal !== undefined && forgotten) this.scopes.delete(scope);
    }
  }
}

/**
 * The slowest pace a window of `windowMs` allows: `MAX_PACE_SHARE` of it, at most `MAX_PACE_MS`. It bounds every held
 * request's wait: behind k held requests, a request is sent at most (k + 1) ceilings (and a quarter of one for jitter)
 * after the window ends, whatever refusals came before.
 */
export function paceCeiling(windowMs: number): number {
  return Math.max(MIN_PACE_MS, Math.min(MAX_PACE_MS, Math.round(windowMs * MAX_PACE_SHARE)));
}

/**
 * The gap between slots after a window of `windowMs` announced at `at`: the window over the requests the provider let
 * through in the same length of time before it (so at most that many per window), between `MIN_PACE_MS` and
 * `MAX_FIRST_PACE_MS`. A scope still paced that is refused again slows down by `PACE_BACKOFF` from its pace now, but
 * never beyond `paceCeiling`: refusals that come at random, whatever they say, cannot compound it further.
 */
function nextPace(state: ScopeState, at: number, windowMs: number): number {
  const ceiling = paceCeiling(windowMs);
  const passed = state.passes.filter((t) => t > at - windowMs).length;
  const perPassed = Math.max(MIN_PACE_MS, Math.round(windowMs / Math.max(1, passed)));
  const learned = Math.min(ceiling, MAX_FIRST_PACE_MS, perPassed);
  if (state.refusal === undefined) return learned;
  return Math.min(ceiling, Math.max(learned, Math.round(paceAt(state, at) * PACE_BACKOFF)));
}

/**
 * The scope's pace at `t`: the pace its latest window set, `PACE_RECOVERY` faster for each whole window's length
 * since that window ended (a pace learned from one burst, or slowed by refusals that came at random, is often slower
 * than the provider allows; the next refusal slows it down again), never below `MIN_PACE_MS`.
 */
function paceAt(state: ScopeState, t: number): number {
  const steps = state.windowMs > 0 ? Math.floor(Math.max(0, t - state.closedUntil) / state.windowMs) : 0;
  return Math.max(MIN_PACE_MS, Math.round(state.paceMs * PACE_RECOVERY ** steps));
}

/** The window a 423/429 announces, in ms; `undefined` for any other answer or without a usable `Retry-After`. */
function cooling(response: HttpResponse): number | undefined {
  if (!COOLING_STATUSES.includes(response.status) || response.heldByRetryAfter) return undefined;
  const ms = parseRetryAfter(response.headers.get('retry-after'), response.receivedAt, response.headers.get('date'));
  return ms !== undefined && ms > 0 ? ms : undefined;
}

/** The scope's refusal as the answer to a request not sent, its `Retry-After` naming the slot in delta-seconds. */
function held(refusal: HttpResponse, untilMs: number, now: number, url: string): Admission {
  const headers = new Headers(refusal.headers);
  headers.delete('date');
  headers.set('retry-after', (Math.max(1, untilMs - now) / 1000).toFixed(3));
  return { kind: 'held', untilMs, answer: { ...refusal, headers, url, receivedAt: now, heldByRetryAfter: true } };
}
