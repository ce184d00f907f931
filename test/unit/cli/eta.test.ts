/** The ETA of `status` and `watch`: from the rate of items done so far, and only once enough is known. */
import type { JobView } from '../../../src/client';
import { ETA_MIN_ELAPSED_MS, etaText, formatDuration, remainingMs } from '../../../src/cli/eta';
import { formatView } from '../../../src/cli/output';
import { progressLine } from '../../../src/cli/progress';
import { emptyCounts } from '../../../src/domain/job';
import type { ProviderJobRecord } from '../../../src/domain/job';

const NOW = Date.UTC(2026, 11, 7, 12);
const MINUTE = 60_000;

function providerJob(startedAt: number): ProviderJobRecord {
  return {
    batch: 0,
    id: 'p-0',
    state: 'running',
    counts: emptyCounts(0),
    polls: 1,
    answers: { running: 1, done: 0, locked: 0, rateLimited: 0, transient: 0 },
    waitedOnRetryAfterMs: 0,
    startedAt: new Date(startedAt).toISOString(),
  };
}

/** A running job of `total` items, `done` of them done, whose first provider job started `elapsedMs` before NOW. */
function view(done: number, total: number, elapsedMs: number): JobView {
  return {
    jobId: 'job-1',
    runId: 'r',
    status: 'RUNNING',
    state: 'running',
    startTime: new Date(NOW - elapsedMs - MINUTE).toISOString(),
    counts: { ...emptyCounts(total), succeeded: done, pending: total - done },
    providerJobs: [providerJob(NOW - elapsedMs)],
    polling: [],
  };
}

describe('ETA', () => {
  it('extrapolates the rate so far: 10,000 of 40,000 users in 9 minutes leave about 27', () => {
    expect(remainingMs(view(10_000, 40_000, 9 * MINUTE), NOW)).toBe(27 * MINUTE);
    expect(etaText(view(10_000, 40_000, 9 * MINUTE), NOW)).toBe('ETA ~27 min');
  });

  it('shows nothing until enough is known: too few items done, or too little time since work began', () => {
    expect(remainingMs(view(0, 40_000, 9 * MINUTE), NOW)).toBeUndefined();
    expect(remainingMs(view(1_000, 40_000, 9 * MINUTE), NOW)).toBeUndefined();
    expect(remainingMs(view(20_000, 40_000, ETA_MIN_ELAPSED_MS - 1), NOW)).toBeUndefined();
    expect(remainingMs({ ...view(20_000, 40_000, 9 * MINUTE), providerJobs: [] }, NOW)).toBeUndefined();
  });

  it('shows nothing for a job that is not running', () => {
    expect(remainingMs({ ...view(20_000, 40_000, 9 * MINUTE), state: 'paused' }, NOW)).toBeUndefined();
  });

  it('reads as a person would say it', () => {
    expect([
      formatDuration(400),
      formatDuration(42_000),
      formatDuration(12 * MINUTE),
      formatDuration(65 * MINUTE),
    ]).toEqual(['~1 s', '~42 s', '~12 min', '~1 h 05 min']);
  });

  it('is part of the progress line of watch and the items line of status', () => {
    expect(progressLine(view(10_000, 40_000, 9 * MINUTE), NOW)).toContain('· ETA ~27 min');
    expect(formatView(view(10_000, 40_000, 9 * MINUTE), NOW)).toContain(
      'items: 10000 succeeded, 0 failed, 0 skipped, 30000 pending of 40000 · ETA ~27 min',
    );
  });
});
