import {
  backoffDelay,
  clampDelay,
  DEFAULT_DELAY_POLICY,
  MAX_RETRY_AFTER_MS,
  parseHttpDate,
  parseRetryAfter,
  retryDelay,
} from '../../../src/http/retry-after';
import type { DelayPolicy } from '../../../src/http/retry-after';

const NOW = Date.UTC(2015, 9, 21, 7, 28, 0); // Wed, 21 Oct 2015 07:28:00 GMT
const policy: DelayPolicy = DEFAULT_DELAY_POLICY;
const noJitter = (): number => 0.5;

describe('parseRetryAfter', () => {
  it('reads delta-seconds as milliseconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
  });

  it('tolerates whitespace around delta-seconds', () => {
    expect(parseRetryAfter('  5 \t', NOW)).toBe(5_000);
  });

  it('accepts decimal seconds', () => {
    expect(parseRetryAfter('1.5', NOW)).toBe(1_500);
  });

  it('reads zero seconds as 0', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('measures an IMF-fixdate against now when no server Date is given', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', NOW)).toBe(30_000);
  });

  it('measures an HTTP-date against the server Date header, ignoring local clock skew', () => {
    const skewedNow = NOW + 60 * 60 * 1000;
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', skewedNow, 'Wed, 21 Oct 2015 07:28:00 GMT')).toBe(30_000);
  });

  it('falls back to now when the server Date header does not parse', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', NOW, 'yesterday-ish')).toBe(10_000);
  });

  it('reads the obsolete RFC 850 date form', () => {
    expect(parseRetryAfter('Wednesday, 21-Oct-15 07:29:00 GMT', NOW)).toBe(60_000);
  });

  it('reads the asctime date form as GMT', () => {
    expect(parseRetryAfter('Wed Oct 21 07:28:45 2015', NOW)).toBe(45_000);
  });

  it('reads an asctime date with a single-digit day', () => {
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
  });

  it('rejects an asctime date with an impossible day', () => {
    expect(parseHttpDate('Sun Feb 31 08:49:37 1994')).toBeUndefined();
  });

  it('gives 0 for a date in the past', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', NOW)).toBe(0);
  });

  it.each([['soon'], ['-5'], ['-0.5'], ['1e3'], ['5 seconds'], [''], ['   '], ['Wed, 99 Foo 2015 07:28:00 GMT']])(
    'gives undefined for junk value %j',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );

  it('gives undefined for a missing header', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it('caps huge delta-seconds at one year', () => {
    expect(parseRetryAfter('999999999999999999999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('caps a far-future date at one year', () => {
    expect(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe('parseHttpDate', () => {
  it('rejects a bare number that Date.parse would read as a year', () => {
    expect(parseHttpDate('5')).toBeUndefined();
  });

  it('rejects a date without a zone, which Date.parse would read as local time', () => {
    expect(parseHttpDate('Wed, 21 Oct 2015 07:28:00')).toBeUndefined();
  });
});

describe('clampDelay', () => {
  it.each([[0], [-5_000], [Number.NaN], [-Infinity]])('raises %p to the minimum delay', (ms) => {
    expect(clampDelay(ms, policy)).toBe(100);
  });

  it('never returns 0 even when the policy minimum is 0', () => {
    expect(clampDelay(0, { ...policy, minDelayMs: 0 })).toBe(1);
  });

  it.each([[10 * 60 * 1000 + 1], [Infinity]])('cuts %p to the maximum delay', (ms) => {
    expect(clampDelay(ms, policy)).toBe(600_000);
  });

  it('rounds fractional delays up to whole milliseconds', () => {
    expect(clampDelay(150.2, policy)).toBe(151);
  });

  it('keeps a delay inside the bounds', () => {
    expect(clampDelay(42_000, policy)).toBe(42_000);
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [6, 32_000],
  ])('grows exponentially: attempt %p waits %p ms without jitter', (attempt, expected) => {
    expect(backoffDelay(attempt, policy, noJitter)).toBe(expected);
  });

  it('caps the backoff at maxBackoffMs', () => {
    expect(backoffDelay(7, policy, noJitter)).toBe(60_000);
  });

  it('stays finite and capped for an enormous attempt count', () => {
    expect(backoffDelay(100_000, policy, noJitter)).toBe(60_000);
  });

  it('treats attempt 0 like the first failure', () => {
    expect(backoffDelay(0, policy, noJitter)).toBe(1_000);
  });

  it('applies the lowest jitter when random gives 0', () => {
    expect(backoffDelay(2, policy, () => 0)).toBe(1_600);
  });

  it('applies the highest jitter when random approaches 1', () => {
    expect(backoffDelay(2, policy, () => 0.999_999)).toBe(2_400);
  });

  it('keeps Math.random jitter within ±jitterRatio of the capped backoff', () => {
    const samples = Array.from({ length: 500 }, () => backoffDelay(10, policy));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(48_000);
    expect(Math.max(...samples)).toBeLessThanOrEqual(72_000);
    expect(new Set(samples).size).toBeGreaterThan(1);
  });

  it('never goes below the minimum delay', () => {
    expect(backoffDelay(1, { ...policy, initialBackoffMs: 1 }, () => 0)).toBe(100);
  });
});

describe('retryDelay', () => {
  it('prefers Retry-After over backoff', () => {
    expect(retryDelay(5_000, 4, policy, noJitter)).toEqual({ delayMs: 5_000, fromRetryAfter: true });
  });

  it('does not shorten a Retry-After longer than the backoff cap', () => {
    expect(retryDelay(120_000, 1, policy, noJitter)).toEqual({ delayMs: 120_000, fromRetryAfter: true });
  });

  it('raises a Retry-After of 0 to the minimum delay', () => {
    expect(retryDelay(0, 1, policy, noJitter)).toEqual({ delayMs: 100, fromRetryAfter: true });
  });

  it('cuts a Retry-After beyond the maximum delay to the maximum', () => {
    expect(retryDelay(MAX_RETRY_AFTER_MS, 1, policy, noJitter)).toEqual({ delayMs: 600_000, fromRetryAfter: true });
  });

  it('falls back to backoff when there is no Retry-After', () => {
    expect(retryDelay(undefined, 3, policy, noJitter)).toEqual({ delayMs: 4_000, fromRetryAfter: false });
  });
});
