import { DEFAULT_SIM_DURATION_MS, progressionOf, progressShare } from '../../../src/simulator/progression';

describe('progressionOf', () => {
  it('lets pollsToComplete win over durationMs, and defaults to a wall-time duration', () => {
    expect(progressionOf({ pollsToComplete: 3, durationMs: 10 })).toEqual({ kind: 'polls', n: 3 });
    expect(progressionOf({ durationMs: 10 })).toEqual({ kind: 'duration', ms: 10 });
    expect(progressionOf({})).toEqual({ kind: 'duration', ms: DEFAULT_SIM_DURATION_MS });
  });
});

describe('progressShare', () => {
  it.each([
    ['no read of three', { kind: 'polls', n: 3 }, 0, 0, 0],
    ['two reads of four', { kind: 'polls', n: 4 }, 2, 0, 0.5],
    ['more reads than needed', { kind: 'polls', n: 2 }, 5, 0, 1],
    ['a quarter of the time', { kind: 'duration', ms: 1_000 }, 0, 250, 0.25],
    ['past the duration', { kind: 'duration', ms: 1_000 }, 0, 5_000, 1],
    ['a clock behind the start', { kind: 'duration', ms: 1_000 }, 0, -10, 0],
    ['a zero duration', { kind: 'duration', ms: 0 }, 0, 0, 1],
  ] as const)('is the share done after %s', (_what, progression, reads, elapsedMs, share) => {
    expect(progressShare(progression, reads, elapsedMs)).toBe(share);
  });
});
