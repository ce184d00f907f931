/** Reading the heartbeats of activities in flight into live progress: a start waiting for its org to be free. */
import { asJobWait, asPollCheckpoint, TENANT_BUSY_REASON } from '../../../src/client/live-progress';
import type { StartCheckpoint } from '../../../src/activities/start-provider-job';

const SINCE = Date.UTC(2026, 11, 7, 6, 0, 0);

describe('asJobWait', () => {
  it("reads a start's checkpoint of a busy org as a wait, in words, with the job in the way", () => {
    const checkpoint: StartCheckpoint = {
      phase: 'notAccepted',
      attempt: 4,
      busy: { batch: 2, sinceMs: SINCE, lastRefusedMs: SINCE + 500, runningJobId: 'their-job' },
    };
    expect(asJobWait(checkpoint)).toEqual({
      batch: 2,
      reason: 'another job is running in this org',
      since: '2026-12-07T06:00:00.000Z',
      runningJobId: 'their-job',
    });
    expect(TENANT_BUSY_REASON).toBe('another job is running in this org');
  });

  it('ignores every other checkpoint, and a poll checkpoint is not read as a wait', () => {
    const refused: StartCheckpoint = { phase: 'notAccepted', attempt: 1, notBeforeMs: SINCE };
    const poll = { batch: 0, stats: { polls: 1 } };
    expect([refused, { phase: 'sending', attempt: 1 }, poll, null, 'x'].map(asJobWait)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(asPollCheckpoint({ phase: 'notAccepted', attempt: 1, busy: { batch: 0, sinceMs: SINCE } })).toBeUndefined();
  });
});
