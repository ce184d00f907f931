/**
 * When a start phase will end, from how fast it has gone so far. Pure: the capacity scenario keeps the provider's
 * status endpoint rate-limited until then, so jobs already in flight wait in timers instead of polling while the
 * others start (see bench/scenarios/capacity.ts).
 */

export interface RampProgress {
  /** When the first job reached the provider; undefined until one has. */
  readonly firstAtMs: number | undefined;
  readonly nowMs: number;
  /** Jobs that have reached the provider so far. */
  readonly done: number;
  readonly target: number;
  /** How far ahead the estimate points until the rate can be trusted (default FALLBACK_MS). */
  readonly fallbackMs?: number;
}

/** Below this much history (time or jobs) the rate is not trusted and the estimate is `now + fallbackMs`. */
export const MIN_RAMP_SAMPLE_MS = 10_000;
export const MIN_RAMP_SAMPLE_JOBS = 10;
export const FALLBACK_MS = 30_000;
/** Added to the extrapolated end, so the estimate errs late rather than early. */
export const RAMP_MARGIN_MS = 10_000;
/**
 * The furthest ahead an estimate may point. Early rates are low (the first jobs warm the server and worker up), and a
 * job told to wait too long stays away after the start phase; capped, a job asks again at least this often.
 */
export const MAX_WINDOW_MS = 300_000;

/** The estimated end of the start phase, in epoch ms (at most MAX_WINDOW_MS ahead): `now` once every job is in. */
export function estimateRampEnd(p: RampProgress): number {
  if (p.done >= p.target) return p.nowMs;
  const elapsed = p.firstAtMs === undefined ? 0 : p.nowMs - p.firstAtMs;
  if (elapsed < MIN_RAMP_SAMPLE_MS || p.done < MIN_RAMP_SAMPLE_JOBS) return p.nowMs + (p.fallbackMs ?? FALLBACK_MS);
  const perMs = p.done / elapsed;
  const aheadMs = (p.target - p.done) / perMs + RAMP_MARGIN_MS;
  return Math.round(p.nowMs + Math.min(aheadMs, MAX_WINDOW_MS));
}
