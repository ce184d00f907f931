/**
 * One `Retry-After` cooldown per provider rate-limit scope, shared by every request a worker sends. A 429 or 423 with
 * `Retry-After` on any request closes the scope (a provider connection: docs/decisions.md, "One cooldown per provider
 * rate-limit scope") for every job and batch until the window ends. A request that meets a closed scope is given a
 * slot after the window: slots go out in the order requests were held, `paceMs` apart, each with a little jitter
 * after its place (never before it), so the wake-ups are spread after the window and none is starved. The pace is
 * learned from the provider (`nextPace`, `probe`), and kept for requests that need no slot while the scope remembers it.
 */
import { parseRetryAfter } from './retry-after';
import type { HttpResponse } from './types';

/** Statuses whose `Retry-After` closes the whole scope (others keep the window of the identical request only). */
export const COOLING_STATUSES: readonly number[] = [423, 429];
/** Smallest gap between two slots; the largest is the window's length. */
export const MIN_PACE_MS = 10;
/**
 * The slowest pace learned from one refusal: a window met after few requests says little about the rate the provider
 * allows (a limit on one resource, a refusal of its own), and a guess too fast costs one more window, not a request
 * inside one. Refusals met while paced slow it down further.
 */
export const MAX_FIRST_PACE_MS = 250;
/** How much a refusal met while the scope is paced slows the pace down, at least. */
export const PACE_BACKOFF = 1.5;
/** How much a pace that went a whole window's worth of answers without a refusal speeds up, probing the provider. */
export const PACE_PROBE = 0.9;
/** Answers remembered per scope to learn the pace from (the last minute's, at most this many). */
export const MAX_REMEMBERED_PASSES = 10_000;
/** Share of the pace by which a slot is jittered, after its place. */
export const SLOT_JITTER_RATIO = 0.25;
/** A held request that has not come back this long after its slot has gone elsewhere: its slot is dropped. */
export const FORGET_SLOT_AFTER_MS = 60_000;
/** A scope with no held request forgets its pace this long after its last window ended. */
export const FORGET_PACE_AFTER_MS = 60_000;

interface ScopeState {
  /** When the provider's latest window ends. */
  closedUntil: number;
  paceMs: number;
  /** The latest window's length: a pace is probed once this long's worth of requests passed without a refusal. */
  windowMs: number;
  /** Answers passed since the pace last changed. */
  passedAtPace: number;
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
    const place = Math.max(state.closedUntil, state.lastPlace + state.paceMs);
    if (place <= now) {
      // While the scope remembers its pace, requests that need no slot still go out at most one per pace: a queue
      // that has drained does not burst into the next window.
      state.lastPlace = now;
      return { kind: 'send' };
    }
    state.lastPlace = place;
    const untilMs = place + Math.ceil(this.random() * state.paceMs * SLOT_JITTER_RATIO);
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
      if (state.refusal !== undefined) probe(state);
      return;
    }
    const endsAt = response.receivedAt + ms;
    if (endsAt <= state.closedUntil) return;
    // A refusal met while the window is open (a request already in flight) only extends it: the pace stays.
    if (response.receivedAt >= state.closedUntil) {
      state.paceMs = nextPace(state, response.receivedAt, ms);
      state.windowMs = ms;
      state.passedAtPace = 0;
    }
    state.closedUntil = endsAt;
    state.refusal = response;
    this.reslot(state);
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
        passedAtPace: 0,
        lastPlace: Number.NEGATIVE_INFINITY,
        passes: [],
        slots: new Map(),
      };
      this.scopes.set(scope, state);
    }
    return state;
  }

  /** Drops slots nobody came back for, and the pace of scopes whose last window is long over. */
  private prune(): void {
    const now = this.now();
    for (const [scope, state] of this.scopes) {
      for (const [key, slot] of state.slots) if (slot + FORGET_SLOT_AFTER_MS < now) state.slots.delete(key);
      while ((state.passes[0] ?? now) < now - FORGET_PACE_AFTER_MS) state.passes.shift();
      const quiet = state.slots.size === 0 && state.lastPlace + FORGET_PACE_AFTER_MS < now;
      if (state.refusal !== undefined && state.closedUntil + FORGET_PACE_AFTER_MS < now && quiet) {
        this.scopes.delete(scope);
      }
    }
  }
}

/**
 * The gap between slots after a window of `windowMs` announced at `at`: the window over the requests the provider let
 * through in the same length of time before it (so at most that many per window), between `MIN_PACE_MS` and
 * `MAX_FIRST_PACE_MS`. A scope already paced that is refused again slows down by at least `PACE_BACKOFF` (and `probe` speeds it up
 * again slowly), until it forgets its pace.
 */
function nextPace(state: ScopeState, at: number, windowMs: number): number {
  const passed = state.passes.filter((t) => t > at - windowMs).length;
  const perPassed = Math.max(MIN_PACE_MS, Math.round(windowMs / Math.max(1, passed)));
  const learned = Math.min(windowMs, MAX_FIRST_PACE_MS, perPassed);
  const paced = state.refusal !== undefined && state.lastPlace + FORGET_PACE_AFTER_MS >= at;
  return paced ? Math.min(windowMs, Math.max(learned, Math.round(state.paceMs * PACE_BACKOFF))) : learned;
}

/**
 * Speeds the pace up by `PACE_PROBE` once a window's length worth of requests at that pace passed without a refusal:
 * a pace learned from one burst is often slower than the provider allows, and the next refusal slows it down again.
 */
function probe(state: ScopeState): void {
  state.passedAtPace += 1;
  if (state.passedAtPace * state.paceMs < state.windowMs) return;
  state.paceMs = Math.max(MIN_PACE_MS, Math.round(state.paceMs * PACE_PROBE));
  state.passedAtPace = 0;
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
