/**
 * The alternative designs bulkflow is measured against (benchmark baselines only; never used by the product):
 *  - `workflowLoopPollerWorkflow`: one activity per poll and a workflow `sleep` between polls, as commonly written;
 *  - `heartbeatLoopWorkflow`: one long activity that polls, heartbeats and sleeps in a loop;
 *  - `trivialActivityWorkflow`: the raw cost of activity attempts with no I/O (the limit of this setup).
 */
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { BaselineActivities, BaselineJob, BaselineOutcome, BaselineRequest } from '../activities/baselines';

export interface BaselineInput {
  readonly request: BaselineRequest;
  readonly pollIntervalMs: number;
}

const { benchStartMoveJob, benchPollMoveJob } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', maximumAttempts: 5 },
});

const { benchAwaitMoveJobHeartbeating } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1s', maximumAttempts: 5 },
});

const { benchTrivialAttempt } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s' },
});

export async function workflowLoopPollerWorkflow(input: BaselineInput): Promise<BaselineOutcome> {
  const job: BaselineJob = await benchStartMoveJob(input.request);
  for (let polls = 1; ; polls += 1) {
    const state = await benchPollMoveJob(job);
    if (state !== 'running') return { polls, state };
    await sleep(input.pollIntervalMs);
  }
}

export async function heartbeatLoopWorkflow(input: BaselineInput): Promise<BaselineOutcome> {
  const job = await benchStartMoveJob(input.request);
  return benchAwaitMoveJobHeartbeating({ ...job, pollIntervalMs: input.pollIntervalMs });
}

/** One activity that fails retryably (1 ms delay) until its `attempts`-th attempt: `attempts` trivial tasks. */
export async function trivialActivityWorkflow(attempts: number): Promise<number> {
  return benchTrivialAttempt(attempts);
}
