import { ApplicationFailureCategory } from '@temporalio/common';
import type { ApplicationFailure } from '@temporalio/common';
import { awaitProviderJob } from '../../../src/activities/await-provider-job';
import type { AwaitCheckpoint } from '../../../src/activities/await-provider-job';
import type { ActivityDeps } from '../../../src/activities/context';
import type { AwaitProviderJobInput, AwaitProviderJobResult } from '../../../src/activities/types';
import { ProviderAuthError, ProviderRateLimitError } from '../../../src/domain/errors';
import { emptyPollStats } from '../../../src/domain/job';
import type { PollStats } from '../../../src/domain/job';
import { activityHarness, fakeDeps, NOW } from '../../helpers/activity-env';
import type { ActivityHarness } from '../../helpers/activity-env';
import { createFakeOperation, fakeBatch, runningSnapshot, succeededSnapshot } from '../../helpers/fake-operation';
import type { FakeOperation, FakeOperationOptions } from '../../helpers/fake-operation';

const SEGMENT_MS = 30 * 60_000;

const input: AwaitProviderJobInput = {
  operation: 'webex.moveUsers',
  connection: 'default',
  batch: fakeBatch,
  providerJobId: 'job-1',
  segmentMs: SEGMENT_MS,
  pollIntervalMs: 5_000,
  carried: emptyPollStats(),
};

interface Run {
  readonly op: FakeOperation;
  readonly harness: ActivityHarness;
  readonly result: Promise<AwaitProviderJobResult>;
}

interface AttemptOptions {
  readonly checkpoint?: AwaitCheckpoint;
  /** When the activity was first scheduled (default NOW: the segment ends at NOW + 30 min). */
  readonly scheduledAt?: number;
  readonly input?: Partial<AwaitProviderJobInput>;
}

function attempt(operation: FakeOperationOptions, options: AttemptOptions = {}): Run {
  const op = createFakeOperation(operation);
  const harness = activityHarness({
    attempt: options.checkpoint ? 2 : 1,
    heartbeatDetails: options.checkpoint,
    scheduledTimestampMs: options.scheduledAt ?? NOW,
  });
  const result = harness.env.run<
    [ActivityDeps, AwaitProviderJobInput],
    AwaitProviderJobResult,
    typeof awaitProviderJob
  >(awaitProviderJob, fakeDeps(op), { ...input, ...options.input });
  return { op, harness, result };
}

async function failureOf(run: Run): Promise<ApplicationFailure> {
  try {
    await run.result;
  } catch (err) {
    return err as ApplicationFailure;
  }
  throw new Error('expected the attempt to fail');
}

function stats(overrides: Partial<PollStats>): PollStats {
  return { ...emptyPollStats(), ...overrides };
}

const terminal = { poll: [{ snapshot: succeededSnapshot() }] };
const running = { poll: [{ snapshot: runningSnapshot(1) }] };

describe('awaitProviderJob: terminal answer', () => {
  it('returns the terminal snapshot with polls 1 on the first poll', async () => {
    const run = attempt(terminal);
    const result = await run.result;
    expect(result.snapshot).toEqual(succeededSnapshot());
    expect([result.stats.polls, result.stats.answers.done]).toEqual([1, 1]);
  });

  it('polls the job id it was given, once', async () => {
    const run = attempt(terminal);
    await run.result;
    expect(run.op.calls.poll).toEqual(['job-1']);
  });

  it('continues the stats of the previous attempt from heartbeat details', async () => {
    const previous = stats({ polls: 4, answers: { ...emptyPollStats().answers, running: 3, transient: 1 } });
    const result = await attempt(terminal, { checkpoint: { batch: 0, stats: previous, snapshot: runningSnapshot(1) } })
      .result;
    expect([
      result.stats.polls,
      result.stats.answers.running,
      result.stats.answers.transient,
      result.stats.answers.done,
    ]).toEqual([5, 3, 1, 1]);
  });

  it('starts from the carried stats when there is no checkpoint', async () => {
    const result = await attempt(terminal, { input: { carried: stats({ polls: 10, waitedOnRetryAfterMs: 7_000 }) } })
      .result;
    expect([result.stats.polls, result.stats.waitedOnRetryAfterMs]).toEqual([11, 7_000]);
  });
});

describe('awaitProviderJob: still running', () => {
  it('throws a retryable BENIGN failure with the poll interval as nextRetryDelay', async () => {
    const failure = await failureOf(attempt(running));
    expect([failure.type, failure.nonRetryable, failure.category, failure.nextRetryDelay]).toEqual([
      'JobStillRunning',
      false,
      ApplicationFailureCategory.BENIGN,
      5_000,
    ]);
  });

  it('heartbeats the stats and the running snapshot', async () => {
    const run = attempt(running);
    await failureOf(run);
    expect(run.harness.heartbeats).toEqual([
      {
        batch: 0,
        stats: {
          ...emptyPollStats(),
          polls: 1,
          answers: { ...emptyPollStats().answers, running: 1 },
          lastProgress: runningSnapshot(1).counts,
          lastAnswerAt: new Date(NOW).toISOString(),
          progressAt: new Date(NOW).toISOString(),
          pollsWithoutProgress: 0,
        },
        snapshot: runningSnapshot(1),
      },
    ]);
  });

  it('accumulates polls across attempts through the heartbeat', async () => {
    const first = attempt(running);
    await failureOf(first);
    const second = attempt(running, { checkpoint: first.harness.heartbeats[0] as AwaitCheckpoint });
    await failureOf(second);
    expect((second.harness.heartbeats[0] as AwaitCheckpoint).stats.polls).toBe(2);
  });

  it('waits the Retry-After of a running answer (Oracle 202) and checkpoints the window', async () => {
    const run = attempt({ poll: [{ snapshot: runningSnapshot(), retryAfterMs: 12_000 }] });
    const failure = await failureOf(run);
    expect(failure.nextRetryDelay).toBe(12_000);
    expect((run.harness.heartbeats[0] as AwaitCheckpoint).stats.notBeforeMs).toBe(NOW + 12_000);
  });

  it('returns the running snapshot when the next poll would fall after the segment', async () => {
    const run = attempt(running, { scheduledAt: NOW - SEGMENT_MS + 1_000 });
    await expect(run.result).resolves.toMatchObject({ snapshot: runningSnapshot(1), stats: { polls: 1 } });
  });
});

describe('awaitProviderJob: provider errors', () => {
  it('fails a 429 retryably with its Retry-After as nextRetryDelay', async () => {
    const run = attempt({ poll: [new ProviderRateLimitError('webex', { status: 429, retryAfterMs: 30_000 })] });
    const failure = await failureOf(run);
    expect([failure.type, failure.nonRetryable, failure.nextRetryDelay]).toEqual([
      'ProviderRateLimitError',
      false,
      30_000,
    ]);
  });

  it('checkpoints the 429 answer and its not-before window', async () => {
    const run = attempt({ poll: [new ProviderRateLimitError('webex', { status: 429, retryAfterMs: 30_000 })] });
    await failureOf(run);
    const { stats: checkpointed } = run.harness.heartbeats[0] as AwaitCheckpoint;
    expect([checkpointed.answers.rateLimited, checkpointed.notBeforeMs]).toEqual([1, NOW + 30_000]);
  });

  it('fails non-retryably on ProviderAuthError without a checkpoint', async () => {
    const run = attempt({ poll: [new ProviderAuthError('webex', { status: 401 })] });
    const failure = await failureOf(run);
    expect([failure.type, failure.nonRetryable, run.harness.heartbeats.length]).toEqual(['ProviderAuthError', true, 0]);
  });
});

describe('awaitProviderJob: counts that cannot be', () => {
  const overCounted = {
    ...succeededSnapshot(),
    counts: { total: 2, succeeded: 2, failed: 1, skipped: 0, pending: -1 },
  };

  it("returns a summary counting more users than the batch, its figures kept for the collection's warning", async () => {
    const result = await attempt({ poll: [{ snapshot: overCounted }] }).result;
    expect(result.snapshot).toEqual({
      ...overCounted,
      counts: { total: 2, succeeded: 0, failed: 0, skipped: 0, pending: 2 },
      providerFigures: { total: 2, succeeded: 2, failed: 1, skipped: 0 },
    });
  });

  it('keeps polling a running job whose summary counts more users than the batch', async () => {
    const running = { ...runningSnapshot(0), counts: { total: 2, succeeded: 5, failed: 0, skipped: 0, pending: -3 } };
    const run = attempt({ poll: [{ snapshot: running }] });
    const failure = await failureOf(run);
    expect([failure.type, failure.category]).toEqual(['JobStillRunning', ApplicationFailureCategory.BENIGN]);
    expect(run.harness.heartbeats.at(-1)).toMatchObject({ snapshot: { providerFigures: { succeeded: 5 } } });
  });

  it('fails non-retryably with ProviderContractError at counts when a figure is no count at all', async () => {
    const fraction = {
      ...succeededSnapshot(),
      counts: { total: 2, succeeded: 1.5, failed: 0, skipped: 0, pending: 0.5 },
    };
    const run = attempt({ poll: [{ snapshot: fraction }] });
    const failure = await failureOf(run);
    expect([failure.type, failure.nonRetryable, run.harness.heartbeats.length]).toEqual([
      'ProviderContractError',
      true,
      0,
    ]);
    expect(failure.message).toContain('at counts: succeeded not a whole number ≥ 0');
    expect(failure.message).toContain('provider status COMPLETED');
  });

  it("fails loudly with ResultInvariantError on counts of another size than the batch (the mapping's bug)", async () => {
    const failure = await failureOf(attempt({ poll: [{ snapshot: runningSnapshot(0, 3) }] }));
    expect([failure.type, failure.nonRetryable]).toEqual(['ResultInvariantError', true]);
    expect(failure.message).toContain('batch 0: 3 counted, 2 sent');
  });
});

describe('awaitProviderJob: open notBefore window', () => {
  const waiting = (notBeforeMs: number): AwaitCheckpoint => ({
    batch: 0,
    stats: stats({ polls: 2, notBeforeMs }),
    snapshot: runningSnapshot(1),
  });

  it('sends no request while notBeforeMs is in the future', async () => {
    const run = attempt(running, { checkpoint: waiting(NOW + 20_000) });
    await failureOf(run);
    expect(run.op.calls.poll).toEqual([]);
  });

  it('fails BENIGN with the rest of the window as nextRetryDelay', async () => {
    const failure = await failureOf(attempt(running, { checkpoint: waiting(NOW + 20_000) }));
    expect([failure.category, failure.nextRetryDelay]).toEqual([ApplicationFailureCategory.BENIGN, 20_000]);
  });

  it('heartbeats the previous checkpoint unchanged', async () => {
    const run = attempt(running, { checkpoint: waiting(NOW + 20_000) });
    await failureOf(run);
    expect(run.harness.heartbeats).toEqual([waiting(NOW + 20_000)]);
  });

  it('waits at most maxDelayMs at a time when the window is longer', async () => {
    const failure = await failureOf(attempt(running, { checkpoint: waiting(NOW + 20 * 60_000) }));
    expect(failure.nextRetryDelay).toBe(600_000);
  });

  it('returns the previous checkpoint when the window outlasts the segment', async () => {
    const run = attempt(running, { checkpoint: waiting(NOW + 2 * SEGMENT_MS) });
    const { stats: previous, snapshot } = waiting(NOW + 2 * SEGMENT_MS);
    await expect(run.result).resolves.toEqual({ stats: previous, snapshot });
    expect(run.op.calls.poll).toEqual([]);
  });

  it('polls once the window has passed', async () => {
    const run = attempt(terminal, { checkpoint: waiting(NOW) });
    await expect(run.result).resolves.toMatchObject({ snapshot: succeededSnapshot(), stats: { polls: 3 } });
  });
});
