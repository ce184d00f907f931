import { FALLBACK_MS, MAX_WINDOW_MS, RAMP_MARGIN_MS, estimateRampEnd } from '../../../bench/lib/ramp';

describe('estimateRampEnd', () => {
  const now = 1_000_000;

  it('extrapolates the rate so far to the jobs still to start, plus the margin', () => {
    // 100 jobs in 20 s = 5 jobs/s; 400 to go = 80 s.
    expect(estimateRampEnd({ firstAtMs: now - 20_000, nowMs: now, done: 100, target: 500 })).toBe(
      now + 80_000 + RAMP_MARGIN_MS,
    );
  });

  it('falls back to a short window until the rate can be trusted', () => {
    expect(estimateRampEnd({ firstAtMs: undefined, nowMs: now, done: 0, target: 500 })).toBe(now + FALLBACK_MS);
    expect(estimateRampEnd({ firstAtMs: now - 5_000, nowMs: now, done: 40, target: 500 })).toBe(now + FALLBACK_MS);
    expect(estimateRampEnd({ firstAtMs: now - 60_000, nowMs: now, done: 3, target: 500 })).toBe(now + FALLBACK_MS);
  });

  it('falls back to the window it is given (a smoke run of a few jobs)', () => {
    expect(estimateRampEnd({ firstAtMs: now - 1_000, nowMs: now, done: 2, target: 8, fallbackMs: 2_000 })).toBe(
      now + 2_000,
    );
  });

  it('never points further ahead than the cap, however slow the start so far', () => {
    // 10 jobs in 20 s = 0.5 jobs/s; 9,990 to go would be 5.5 h.
    expect(estimateRampEnd({ firstAtMs: now - 20_000, nowMs: now, done: 10, target: 10_000 })).toBe(
      now + MAX_WINDOW_MS,
    );
  });

  it('is now once every job has started', () => {
    expect(estimateRampEnd({ firstAtMs: now - 60_000, nowMs: now, done: 500, target: 500 })).toBe(now);
  });
});
