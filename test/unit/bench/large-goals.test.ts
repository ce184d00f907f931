import type { DoorResult } from '../../../bench/scenarios/large-doors';
import { goalsTable } from '../../../bench/scenarios/large-goals';
import type { LargeJobResult } from '../../../bench/scenarios/large-job';

const MiB = 2 ** 20;

function job(overrides: Partial<LargeJobResult>): LargeJobResult {
  return {
    name: 'zoho-100000',
    users: 100_000,
    batches: 1_000,
    requestBytes: 8 * MiB,
    outcome: 'completed (succeeded)',
    wallSeconds: 200,
    overheadPerBatchMs: 200,
    workerPeakRss: 400 * MiB,
    defaultClient: 'yes',
    history: { events: 20_000, bytes: 30 * MiB, largestEventBytes: 10_000, runs: 8 },
    blobs: { files: 10, bytes: 100 * MiB },
    ...overrides,
  };
}

function withoutHistory({ history: _history, ...rest }: LargeJobResult): LargeJobResult {
  return rest;
}

const door: DoorResult = {
  door: 'API, text/csv',
  requestBytes: 4 * MiB,
  acceptedSeconds: 4,
  doneSeconds: 20,
  outcome: 'succeeded: 100,000 of 100,000 succeeded',
  peakRss: 300 * MiB,
  job: { workerPeakRss: 300 * MiB, history: { events: 60, bytes: 50_000, largestEventBytes: 9_000, runs: 1 } },
};

describe('goalsTable', () => {
  it('fills the now column from the run and marks each goal met or not', () => {
    const table = goalsTable({
      doors: [door],
      doorUsers: 100_000,
      webex: job({ name: 'large-20000', users: 20_000, batches: 200, overheadPerBatchMs: 171 }),
      zoho: job({ workerPeakRss: 600 * MiB }),
    });
    expect(table.rows.map((row) => row[3])).toEqual(['yes', 'no', 'yes', 'no', 'yes', '—']);
    expect(table.rows[1]?.[1]).toContain('171 ms per batch');
    expect(table.rows[3]?.[1]).toBe('FullStory (API, text/csv): 300.00 MiB; Zoho: 600.00 MiB');
    expect(table.rows[5]?.[1]).toBe('FullStory (API, text/csv): 60 events in 1 run; Zoho: 20,000 events in 8 runs');
  });

  it('does not call a job that did not complete, or a start that was refused, complete', () => {
    const table = goalsTable({
      doors: [{ ...door, outcome: 'failed: 0 of 100,000 succeeded' }],
      doorUsers: 100_000,
      webex: job({ overheadPerBatchMs: 40 }),
      zoho: withoutHistory(job({ outcome: 'stuck (failing): payload too large' })),
    });
    expect(table.rows.map((row) => row[3])).toEqual(['no', 'yes', 'no', 'yes', 'yes', '—']);
  });
});
