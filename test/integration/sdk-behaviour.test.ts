/**
 * Experiments that settle SDK/server behaviour the design relies on
 * (docs/architecture.md#attempt-memory-in-heartbeat-details), kept as tests: - heartbeat details recorded by a failed
 * attempt reach the next attempt (attempt memory); - `nextRetryDelay` on a retryable ApplicationFailure overrides the
 * retry policy's interval; - `scheduledTimestampMs` stays the first attempt's schedule time (segments are measured from
 * it); - only the last attempt of a retried activity is written to history (history is flat in the number of polls).
 */
import { randomUUID } from 'node:crypto';
import { Context, activityInfo } from '@temporalio/activity';
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { connectTemporal, uniqueTaskQueue } from '../helpers/temporal';
import { prebuiltBundle } from '../helpers/workflow-bundles';
import type { TestTemporal } from '../helpers/temporal';

interface Seen {
  attempt: number;
  carried: unknown;
  scheduledMs: number;
  attemptScheduledMs: number;
  startedMs: number;
}

describe('Temporal SDK and dev server behaviour', () => {
  let temporal: TestTemporal;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = uniqueTaskQueue('sdk-behaviour');
  const seen: Seen[] = [];

  beforeAll(async () => {
    temporal = await connectTemporal();
    worker = await Worker.create({
      connection: temporal.nativeConnection,
      taskQueue,
      workflowBundle: prebuiltBundle('probe'),
      activities: {
        async probe(failUntilAttempt: number, delayMs: number) {
          const info = activityInfo();
          const carried = (info.heartbeatDetails as { count: number } | undefined)?.count ?? 0;
          seen.push({
            attempt: info.attempt,
            carried,
            scheduledMs: info.scheduledTimestampMs,
            attemptScheduledMs: info.currentAttemptScheduledTimestampMs,
            startedMs: Date.now(),
          });
          Context.current().heartbeat({ count: carried + 1 });
          if (info.attempt < failUntilAttempt) {
            throw ApplicationFailure.create({
              message: 'still running',
              nextRetryDelay: delayMs,
              category: ApplicationFailureCategory.BENIGN,
            });
          }
          return { attempt: info.attempt, carried };
        },
      },
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await temporal.close();
  });

  beforeEach(() => {
    seen.length = 0;
  });

  async function runProbe(failUntilAttempt: number, delayMs: number) {
    const handle = await temporal.client.workflow.start('probeWorkflow', {
      taskQueue,
      workflowId: `probe-${randomUUID()}`,
      args: [failUntilAttempt, delayMs],
    });
    const result = (await handle.result()) as { attempt: number; carried: number };
    const events = (await handle.fetchHistory()).events ?? [];
    return { result, eventCount: events.length };
  }

  it('hands heartbeat details of a failed attempt to the next attempt', async () => {
    const { result } = await runProbe(5, 20);
    expect(result).toEqual({ attempt: 5, carried: 4 });
    expect(seen.map((s) => s.carried)).toEqual([0, 1, 2, 3, 4]);
  });

  it('uses nextRetryDelay instead of the retry policy interval (30 s here)', async () => {
    // The margin is wide so that a busy machine (three jest workers on two cores) cannot blur 50 ms into 30 s.
    await runProbe(4, 50);
    for (let i = 1; i < seen.length; i++) {
      const gap = (seen[i]?.startedMs ?? 0) - (seen[i - 1]?.startedMs ?? 0);
      expect(gap).toBeGreaterThanOrEqual(45);
      expect(gap).toBeLessThan(10_000);
    }
  });

  it('keeps scheduledTimestampMs at the first attempt across retries', async () => {
    await runProbe(3, 20);
    const first = seen[0]?.scheduledMs;
    expect(seen.every((s) => s.scheduledMs === first)).toBe(true);
    expect(seen[2]?.attemptScheduledMs).toBeGreaterThan(first ?? Infinity);
  });

  it('writes the same number of history events for 2 attempts as for 40', async () => {
    const few = await runProbe(2, 10);
    const many = await runProbe(40, 10);
    expect(many.result.attempt).toBe(40);
    expect(many.eventCount).toBe(few.eventCount);
  });
});
