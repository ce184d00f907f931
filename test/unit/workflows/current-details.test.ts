/** The current details the Web UI shows while a job runs and once it finished. */
import { emptyCounts } from '../../../src/domain/job';
import type { ProviderJobRecord } from '../../../src/domain/job';
import { MAX_LISTED_PROVIDER_JOBS, renderCurrentDetails } from '../../../src/workflows/current-details';
import type { JobProgress } from '../../../src/workflows/definitions';

const providerJob = (batch: number, overrides: Partial<ProviderJobRecord> = {}): ProviderJobRecord => ({
  batch,
  id: `job-${batch}`,
  state: 'running',
  counts: { total: 100, succeeded: 40, failed: 2, skipped: 0, pending: 58 },
  polls: 3,
  answers: { running: 3, done: 0, locked: 0, rateLimited: 0, transient: 0 },
  waitedOnRetryAfterMs: 0,
  startedAt: '2026-11-01T10:00:00.000Z',
  ...overrides,
});

const progress = (overrides: Partial<JobProgress> = {}): JobProgress => ({
  jobId: 'move-1',
  operation: 'webex.moveUsers',
  state: 'running',
  counts: { total: 250, succeeded: 140, failed: 2, skipped: 0, pending: 108 },
  batches: 3,
  providerJobs: [providerJob(0, { state: 'succeeded', providerStatus: 'COMPLETED', polls: 1 }), providerJob(1)],
  run: 1,
  ...overrides,
});

describe('renderCurrentDetails', () => {
  it('shows state, item counts, each provider job and the run while running', () => {
    expect(renderCurrentDetails(progress())).toBe(
      [
        '**State:** running',
        '**Items:** 140 succeeded · 2 failed · 108 pending (of 250)',
        [
          '**Provider jobs:** 2 started of 3 batches, 1 running',
          '',
          '- batch 0: `job-0` succeeded (COMPLETED): 40 ok · 2 failed · 58 pending · 1 poll',
          '- batch 1: `job-1` running: 40 ok · 2 failed · 58 pending · 3 polls',
        ].join('\n'),
        '**Run:** 1',
      ].join('\n\n'),
    );
  });

  it('says how many polls in a row found a running provider job without progress', () => {
    const stuck = providerJob(1, { pollsWithoutProgress: 4, progressAt: '2025-01-01T12:00:00.000Z' });
    const done = providerJob(0, { state: 'succeeded', pollsWithoutProgress: 2 });
    const text = renderCurrentDetails(progress({ providerJobs: [done, stuck] }));
    expect(text).toContain('- batch 1: `job-1` running: 40 ok · 2 failed · 58 pending · 3 polls, 4 without progress');
    expect(text).not.toMatch(/batch 0.*without progress/);
  });

  it('says how many batches are done, running and waiting when the worker tallies them', () => {
    const text = renderCurrentDetails(progress({ batchTally: { total: 1000, done: 3, running: 1, waiting: 996 } }));
    expect(text).toContain(
      '**Items:** 140 succeeded · 2 failed · 108 pending (of 250)\n\n**Batches:** 3 done · 1 running · 996 waiting (of 1000)',
    );
    expect(renderCurrentDetails(progress())).not.toContain('**Batches:**');
  });

  it('shows only state, counts and run while planning', () => {
    const planning = progress({ state: 'planning', counts: emptyCounts(), batches: 0, providerJobs: [] });
    expect(renderCurrentDetails(planning)).toBe(
      '**State:** planning\n\n**Items:** 0 succeeded · 0 failed · 0 pending (of 0)\n\n**Run:** 1',
    );
  });

  it('shows the provider jobs heading without a list before any provider job started', () => {
    const text = renderCurrentDetails(progress({ providerJobs: [], counts: emptyCounts(250) }));
    expect(text).toContain('**Provider jobs:** 0 started of 3 batches, 0 running\n\n**Run:** 1');
    expect(text).not.toContain('- batch');
  });

  it('shows the final state once the result is built, and skipped items when there are some', () => {
    const counts = { total: 250, succeeded: 240, failed: 3, skipped: 7, pending: 0 };
    const text = renderCurrentDetails(progress({ state: 'completing', counts, run: 2 }), 'partial');
    expect(text).toMatch(/^\*\*State:\*\* partial \(finished\)\n/);
    expect(text).toContain('**Items:** 240 succeeded · 3 failed · 7 skipped · 0 pending (of 250)');
    expect(text).toMatch(/\*\*Run:\*\* 2 \(continued as new\)$/);
  });

  it(`lists at most ${MAX_LISTED_PROVIDER_JOBS} provider jobs and counts the rest`, () => {
    const providerJobs = Array.from({ length: 25 }, (_, i) => providerJob(i));
    const text = renderCurrentDetails(progress({ batches: 25, providerJobs }));
    expect(text.match(/^- batch /gm)).toHaveLength(MAX_LISTED_PROVIDER_JOBS);
    expect(text).toContain('- … and 15 more');
    expect(text).toContain('**Provider jobs:** 25 started of 25 batches, 25 running');
  });
});
