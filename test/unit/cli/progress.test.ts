/** The CLI's progress display and exit codes. */
import type { JobView } from '../../../src/client';
import { exitCodeOf } from '../../../src/cli/output';
import { progressLine, waitWithProgress } from '../../../src/cli/progress';
import type { BulkJobResult } from '../../../src/domain/job';
import { emptyCounts, emptyPollStats } from '../../../src/domain/job';

const NOW = Date.UTC(2026, 0, 1);

function view(done: number, total: number, extra: Partial<JobView> = {}): JobView {
  return {
    jobId: 'job-1',
    runId: 'r',
    status: 'RUNNING',
    state: 'running',
    startTime: new Date(NOW).toISOString(),
    counts: { ...emptyCounts(total), succeeded: done, pending: total - done },
    providerJobs: [],
    polling: [],
    ...extra,
  };
}

const RESULT: BulkJobResult = {
  jobId: 'job-1',
  operation: 'webex.moveUsers',
  dryRun: false,
  state: 'partial',
  counts: emptyCounts(0),
  providerJobs: [],
  items: [],
};

describe('progress', () => {
  it('shows items done of total as a bar, and polls waiting on Retry-After with the time left', () => {
    const waiting = { batch: 0, stats: { ...emptyPollStats(), notBeforeMs: NOW + 2_500 } };
    const line = progressLine(view(50, 100, { polling: [waiting] }), NOW);

    expect(line).toContain(`${'█'.repeat(12)}${'░'.repeat(12)} 50/100 items`);
    expect(line).toContain('1 waiting on Retry-After (3s)');
    expect(line).toMatch(/running$/);
  });

  it('says how many batches are done, running and waiting, for a job of more than one batch', () => {
    const batches = { total: 1000, done: 3, running: 1, waiting: 996 };
    expect(progressLine(view(300, 100_000, { batches }), NOW)).toContain(
      '300/100000 items · 0 failed · provider jobs 0 (batches 3/1000 done, 1 running, 996 waiting) · 0 polls',
    );
    const one = { total: 1, done: 0, running: 1, waiting: 0 };
    expect(progressLine(view(0, 10, { batches: one }), NOW)).not.toContain('batches');
  });

  it('says when a start waits for its org to be free of another caller’s job', () => {
    const waiting = [{ batch: 0, reason: 'another job is running in this org', since: new Date(NOW).toISOString() }];
    expect(progressLine(view(0, 100, { waiting }), NOW)).toContain(
      '0/100 items · 0 failed · provider jobs 0 · 0 polls · waiting: another job is running in this org · running',
    );
    expect(progressLine(view(0, 100), NOW)).not.toContain('waiting:');
  });

  it('redraws one line in place on a terminal, and ends it when the result arrives', async () => {
    const writes: string[] = [];
    let finish: (r: BulkJobResult) => void = () => undefined;
    const result = new Promise<BulkJobResult>((resolve) => (finish = resolve));
    const jobs = {
      result: () => result,
      get: () => {
        finish(RESULT);
        return Promise.resolve(view(1, 2));
      },
    };
    await expect(waitWithProgress(jobs, 'job-1', 'bar', { write: (t: string) => writes.push(t) })).resolves.toBe(
      RESULT,
    );

    expect(writes[0]).toMatch(/^\r\x1b\[2K.* 1\/2 items/);
    expect(writes.at(-1)).toBe('\n');
  });

  it('maps terminal states to exit codes: 0 succeeded, 2 partial, 1 failed or cancelled', () => {
    expect((['succeeded', 'partial', 'failed', 'cancelled'] as const).map(exitCodeOf)).toEqual([0, 2, 1, 1]);
  });
});
