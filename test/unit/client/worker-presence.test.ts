/** What the client says about a running job that no worker serves. */
import type { WorkflowExecutionDescription } from '@temporalio/client';
import { msNumberToTs } from '@temporalio/common/lib/time';
import { formatView } from '../../../src/cli/output';
import { progressLine } from '../../../src/cli/progress';
import type { JobView } from '../../../src/client';
import { noWorkerNote, oldestWaitingTask } from '../../../src/client/worker-presence';
import { emptyCounts } from '../../../src/domain/job';

const NOW = Date.UTC(2026, 11, 7, 12);
const ts = msNumberToTs;

function described(raw: Record<string, unknown>, historyLength: number): WorkflowExecutionDescription {
  return { historyLength, startTime: new Date(NOW - 90_000), raw } as unknown as WorkflowExecutionDescription;
}

describe('worker presence', () => {
  it('dates the wait from the first workflow task, never started', () => {
    const task = { state: 1, scheduledTime: ts(NOW - 80_000), originalScheduledTime: ts(NOW - 85_000) };
    expect(oldestWaitingTask(described({ pendingWorkflowTask: task }, 2))).toBe(NOW - 85_000);
    expect(oldestWaitingTask(described({}, 2))).toBe(NOW - 90_000);
  });

  it('dates the wait from the oldest activity no worker started, and finds none while every task is started', () => {
    const activities = [
      { state: 2, scheduledTime: ts(NOW - 60_000) },
      { state: 1, scheduledTime: ts(NOW - 30_000) },
    ];
    expect(oldestWaitingTask(described({ pendingActivities: activities }, 20))).toBe(NOW - 30_000);
    expect(oldestWaitingTask(described({ pendingWorkflowTask: { state: 2 } }, 20))).toBeUndefined();
  });

  it('says how long the job has waited and which task queue has no pollers', () => {
    expect(noWorkerNote('bulkflow', NOW - 42_400, NOW)).toEqual({
      taskQueue: 'bulkflow',
      waitingSeconds: 42,
      message: 'no worker has picked this job up for 42 s; the task queue bulkflow has no pollers',
    });
    expect(noWorkerNote('bulkflow', undefined, NOW).message).toBe(
      'no worker polls the task queue bulkflow; the job waits until one runs',
    );
  });

  it('is shown by status and watch', () => {
    const view: JobView = {
      jobId: 'job-1',
      runId: 'r',
      status: 'RUNNING',
      state: 'planning',
      startTime: new Date(NOW).toISOString(),
      counts: emptyCounts(),
      providerJobs: [],
      polling: [],
      noWorker: noWorkerNote('bulkflow', NOW - 42_000, NOW),
    };
    const said = 'no worker has picked this job up for 42 s; the task queue bulkflow has no pollers';
    expect(formatView(view, NOW)).toContain(`  waiting: ${said}`);
    expect(progressLine(view, NOW)).toContain(said);
  });
});
