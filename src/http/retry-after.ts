/**
 * `Retry-After` parsing and the delay policy (clamping, exponential backoff, jitter). Pure code: the HTTP layer never
 * waits or retries itself; activities turn these delays into Temporal's `nextRetryDelay`.
 */

/** Upper bound of any parsed `Retry-After`, so absurd values cannot overflow timers or date arithmetic. */
export const MAX_RETRY_AFTER_MS = 365 * 24 * 60 * 60 * 1000;

const DELTA_SECONDS = /^\d+(?:\.\d+)?$/;
/** asctime (`Sun Nov  6 08:49:37 1994`) carries no zone; HTTP defines it as GMT, `Date.parse` would read local time. */
const ASCTIME = /^[A-Za-z]{3} ([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and obsolete RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`). */
const ZONED_HTTP_DATE = /^[A-Za-z]{3,9}, .*\d{2}:\d{2}:\d{2} (?:GMT|UTC|UT)$/i;

/**
 * Parses an HTTP-date (IMF-fixdate, RFC 850 or asctime) to epoch ms; `undefined` for anything else. Stricter than
 * `Date.parse`, which would read `"5"` as a year.
 */
export function parseHttpDate(value: string | null | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const ms = ZONED_HTTP_DATE.test(text) ? Date.parse(text) : parseAsctime(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/** asctime read field by field as UTC; NaN when `text` is not one or names an impossible date. */
function parseAsctime(text: string): number {
  const [, month = '', day, hours, minutes, seconds, year] = ASCTIME.exec(text) ?? [];
  const monthIndex = MONTHS.indexOf(month.toLowerCase());
  const ms = Date.UTC(Number(year), monthIndex, Number(day), Number(hours), Number(minutes), Number(seconds));
  const date = new Date(ms);
  const exact = date.getUTCDate() === Number(day) && date.getUTCHours() === Number(hours) && Number(seconds) < 60;
  return monthIndex >= 0 && exact ? ms : Number.NaN;
}

/**
 * Milliseconds to wait according to a `Retry-After` header: delta-seconds (`"120"`, `"1.5"`) or an HTTP-date.
 * A date is measured against `serverDate` (the response's `Date` header) when that parses, which makes it immune to
 * clock skew between us and the provider, else against `nowMs`. A past date gives 0. Junk, negative or empty values
 * give `undefined`. Results are capped at {@link MAX_RETRY_AFTER_MS}; callers clamp further.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
  serverDate?: string | null,
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (DELTA_SECONDS.test(text)) return Math.min(Math.round(Number(text) * 1000), MAX_RETRY_AFTER_MS);
  const date = parseHttpDate(text);
  if (date === undefined) return undefined;
  const reference = parseHttpDate(serverDate) ?? nowMs;
  return Math.min(Math.max(0, date - reference), MAX_RETRY_AFTER_MS);
}

/** Bounds of every retry delay, and the backoff used when the provider names no delay. */
export interface DelayPolicy {
  /** Smallest delay ever returned; a delay of 0 would make Temporal fall back to its own policy. */
  minDelayMs: number;
  /** Largest delay ever returned, even when the provider asks for more. */
  maxDelayMs: number;
  /** Backoff after the first failure. */
  initialBackoffMs: number;
  /** Growth factor of the backoff per consecutive failure. */
  backoffCoefficient: number;
  /** Largest backoff before jitter. */
  maxBackoffMs: number;
  /** Relative jitter applied to the backoff: 0.2 spreads it over ±20 %. */
  jitterRatio: number;
}

/** Defaults: 100 ms … 10 min overall; backoff 1 s, ×2 per failure, at most 60 s, ±20 % jitter. */
export const DEFAULT_DELAY_POLICY: DelayPolicy = Object.freeze({
  minDelayMs: 100,
  maxDelayMs: 10 * 60 * 1000,
  initialBackoffMs: 1000,
  backoffCoefficient: 2,
  maxBackoffMs: 60 * 1000,
  jitterRatio: 0.2,
});

/** Bounds `ms` to `[minDelayMs, maxDelayMs]` in whole milliseconds; never 0, never negative; NaN gives the minimum. */
export function clampDelay(ms: number, policy: DelayPolicy): number {
  const min = Math.max(1, Math.ceil(policy.minDelayMs));
  const max = Math.max(min, Math.floor(policy.maxDelayMs));
  if (Number.isNaN(ms)) return min;
  return Math.min(max, Math.max(min, Math.ceil(ms)));
}

/**
 * Exponential backoff for the `attempt`-th consecutive failure (1-based): `initial × coefficient^(attempt-1)`, capped
 * at `maxBackoffMs`, spread by ±`jitterRatio` using `random` (a value in [0, 1)), then clamped.
 */
export function backoffDelay(attempt: number, policy: DelayPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.floor(Number.isFinite(attempt) ? attempt : 1) - 1);
  const base = Math.min(policy.initialBackoffMs * policy.backoffCoefficient ** exponent, policy.maxBackoffMs);
  const ratio = Math.min(1, Math.max(0, policy.jitterRatio));
  const unit = Math.min(1, Math.max(0, random()));
  return clampDelay(base * (1 + ratio * (2 * unit - 1)), policy);
}

/** A chosen retry delay and whether it came from the provider's `Retry-After`. */
export interface RetryDelay {
  delayMs: number;
  fromRetryAfter: boolean;
}

/**
 * The delay before the next attempt: the provider's `Retry-After` when given, else {@link backoffDelay}. A
 * `Retry-After` is raised to `minDelayMs` and cut only by `maxDelayMs`; never shortened otherwise (callers enforce
 * any remainder beyond the cap through a not-before timestamp).
 */
export function retryDelay(
  retryAfterMs: number | undefined,
  attempt: number,
  policy: DelayPolicy,
  random?: () => number,
): RetryDelay {
  if (retryAfterMs !== undefined && !Number.isNaN(retryAfterMs) && retryAfterMs >= 0) {
    return { delayMs: clampDelay(retryAfterMs, policy), fromRetryAfter: true };
  }
  return { delayMs: backoffDelay(attempt, policy, random), fromRetryAfter: false };
}
