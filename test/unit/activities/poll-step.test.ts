import { isRetryablePollError, nextStep } from '../../../src/activities/poll-step';
import type { PollAnswer, Step, StepEnv } from '../../../src/activities/poll-step';
import {
  ProviderAuthError,
  ProviderContractError,
  ProviderLockedError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from '../../../src/domain/errors';
import type { ProviderError, ProviderErrorDetails } from '../../../src/domain/errors';
import { emptyPollStats } from '../../../src/domain/job';
import type { PollStats, ProviderJobSnapshot } from '../../../src/domain/job';
import type { DelayPolicy } from '../../../src/http/retry-after';
import { runningSnapshot, succeededSnapshot } from '../../helpers/fake-operation';
import { thrownBy } from '../../helpers/thrown';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const POLICY: DelayPolicy = {
  minDelayMs: 100,
  maxDelayMs: 600_000,
  initialBackoffMs: 1_000,
  backoffCoefficient: 2,
  maxBackoffMs: 60_000,
  jitterRatio: 0.2,
};

/** `random` 0.5 cancels the jitter, so backoff is exactly 1 s, 2 s, 4 s… */
function env(overrides: Partial<StepEnv> = {}): StepEnv {
  return {
    now: NOW,
    pollIntervalMs: 5_000,
    policy: POLICY,
    random: () => 0.5,
    segmentEndsAt: NOW + 30 * 60_000,
    ...overrides,
  };
}

const outcome = (snapshot: ProviderJobSnapshot, retryAfterMs?: number): PollAnswer => ({
  kind: 'outcome',
  outcome: retryAfterMs === undefined ? { snapshot } : { snapshot, retryAfterMs },
});
const failed = (error: unknown): PollAnswer => ({ kind: 'error', error });
const unavailable = (details: ProviderErrorDetails = { status: 503 }): ProviderError =>
  new ProviderUnavailableError('webex', 'HTTP 503', details);

function statsWith(overrides: Partial<PollStats>): PollStats {
  return { ...emptyPollStats(), ...overrides };
}

function retryOf(step: Step): Extract<Step, { kind: 'retry' }> {
  if (step.kind !== 'retry') throw new Error(`expected a retry step, got ${step.kind}`);
  return step;
}

describe('nextStep: terminal answer', () => {
  it('finishes with the terminal snapshot', () => {
    const step = nextStep(emptyPollStats(), undefined, outcome(succeededSnapshot()), env());
    expect(step).toMatchObject({ kind: 'finish', snapshot: succeededSnapshot() });
  });

  it('counts the answer as one poll answered done', () => {
    const { stats } = nextStep(statsWith({ polls: 3 }), undefined, outcome(succeededSnapshot()), env());
    expect([stats.polls, stats.answers.done, stats.answers.running]).toEqual([4, 1, 0]);
  });

  it('clears notBeforeMs', () => {
    const stats = statsWith({ notBeforeMs: NOW - 1 });
    const step = nextStep(stats, undefined, outcome(succeededSnapshot()), env());
    expect(step.stats).not.toHaveProperty('notBeforeMs');
  });

  it('records the final counts as lastProgress and the answer time as lastAnswerAt', () => {
    const { stats } = nextStep(emptyPollStats(), undefined, outcome(succeededSnapshot(4)), env());
    expect(stats).toMatchObject({
      lastProgress: succeededSnapshot(4).counts,
      lastAnswerAt: new Date(NOW).toISOString(),
    });
  });

  it('finishes even when the segment is already over', () => {
    const step = nextStep(emptyPollStats(), undefined, outcome(succeededSnapshot()), env({ segmentEndsAt: NOW }));
    expect(step).toMatchObject({ kind: 'finish', snapshot: succeededSnapshot() });
  });
});

describe('nextStep: running without Retry-After', () => {
  it('retries after the poll interval with no error', () => {
    const step = retryOf(nextStep(emptyPollStats(), undefined, outcome(runningSnapshot(1)), env()));
    expect([step.delayMs, step.error, step.snapshot]).toEqual([5_000, undefined, runningSnapshot(1)]);
  });

  it('counts the answer as running', () => {
    const { stats } = nextStep(emptyPollStats(), undefined, outcome(runningSnapshot()), env());
    expect([stats.polls, stats.answers.running, stats.answers.done]).toEqual([1, 1, 0]);
  });

  it('raises a poll interval of 0 to minDelayMs, never 0', () => {
    const step = retryOf(nextStep(emptyPollStats(), undefined, outcome(runningSnapshot()), env({ pollIntervalMs: 0 })));
    expect(step.delayMs).toBe(100);
  });

  it('cuts a poll interval above maxDelayMs to maxDelayMs', () => {
    const long = env({ pollIntervalMs: 3_600_000, segmentEndsAt: NOW + 7_200_000 });
    expect(retryOf(nextStep(emptyPollStats(), undefined, outcome(runningSnapshot()), long)).delayMs).toBe(600_000);
  });

  it('clears a notBeforeMs left by an earlier Retry-After', () => {
    const step = nextStep(statsWith({ notBeforeMs: NOW - 1 }), undefined, outcome(runningSnapshot()), env());
    expect(step.stats).not.toHaveProperty('notBeforeMs');
  });

  it('records the running counts as lastProgress', () => {
    const { stats } = nextStep(emptyPollStats(), undefined, outcome(runningSnapshot(1, 5)), env());
    expect(stats.lastProgress).toEqual(runningSnapshot(1, 5).counts);
  });
});

describe('nextStep: running with Retry-After (Oracle 202)', () => {
  it('retries after the Retry-After instead of the poll interval', () => {
    const step = retryOf(nextStep(emptyPollStats(), undefined, outcome(runningSnapshot(), 30_000), env()));
    expect(step.delayMs).toBe(30_000);
  });

  it('adds the Retry-After to waitedOnRetryAfterMs', () => {
    const stats = statsWith({ waitedOnRetryAfterMs: 10_000 });
    const step = nextStep(stats, undefined, outcome(runningSnapshot(), 30_000), env());
    expect(step.stats.waitedOnRetryAfterMs).toBe(40_000);
  });

  it('sets notBeforeMs to now + Retry-After', () => {
    const step = nextStep(emptyPollStats(), undefined, outcome(runningSnapshot(), 30_000), env());
    expect(step.stats.notBeforeMs).toBe(NOW + 30_000);
  });

  it('caps a Retry-After above maxDelayMs but keeps the full window in notBeforeMs', () => {
    const long = env({ segmentEndsAt: NOW + 7_200_000 });
    const step = retryOf(nextStep(emptyPollStats(), undefined, outcome(runningSnapshot(), 3_600_000), long));
    expect([step.delayMs, step.stats.notBeforeMs, step.stats.waitedOnRetryAfterMs]).toEqual([
      600_000,
      NOW + 3_600_000,
      3_600_000,
    ]);
  });

  it('raises a Retry-After of 0 to minDelayMs', () => {
    const step = retryOf(nextStep(emptyPollStats(), undefined, outcome(runningSnapshot(), 0), env()));
    expect(step.delayMs).toBe(100);
  });
});

describe.each([
  ['ProviderLockedError (423)', 'locked', (d: ProviderErrorDetails) => new ProviderLockedError('webex', d), 423],
  [
    'ProviderRateLimitError (429)',
    'rateLimited',
    (d: ProviderErrorDetails) => new ProviderRateLimitError('webex', d),
    429,
  ],
] as const)('nextStep: %s', (_title, answerKind, make, status) => {
  it('retries after its Retry-After and reports the error', () => {
    const error = make({ status, retryAfterMs: 20_000 });
    const step = retryOf(nextStep(emptyPollStats(), undefined, failed(error), env()));
    expect(step.delayMs).toBe(20_000);
    expect(step.error).toBe(error);
  });

  it('sets notBeforeMs and waitedOnRetryAfterMs from its Retry-After', () => {
    const step = nextStep(emptyPollStats(), undefined, failed(make({ status, retryAfterMs: 20_000 })), env());
    expect([step.stats.notBeforeMs, step.stats.waitedOnRetryAfterMs]).toEqual([NOW + 20_000, 20_000]);
  });

  it('backs off from consecutiveTransient when there is no Retry-After', () => {
    const stats = statsWith({ consecutiveTransient: 2 });
    expect(retryOf(nextStep(stats, undefined, failed(make({ status })), env())).delayMs).toBe(4_000);
  });

  it('sets no notBeforeMs when there is no Retry-After', () => {
    const step = nextStep(statsWith({ notBeforeMs: NOW - 5 }), undefined, failed(make({ status })), env());
    expect(step.stats).not.toHaveProperty('notBeforeMs');
  });

  it(`counts the answer as ${answerKind} and one more consecutive failure`, () => {
    const step = nextStep(statsWith({ consecutiveTransient: 1 }), undefined, failed(make({ status })), env());
    expect([step.stats.polls, step.stats.answers[answerKind], step.stats.consecutiveTransient]).toEqual([1, 1, 2]);
  });

  it('counts no poll for an answer held by an open Retry-After window, and waits out the rest of it', () => {
    const held = make({ status, retryAfterMs: 700, heldByRetryAfter: true });
    const step = retryOf(nextStep(statsWith({ consecutiveTransient: 1 }), undefined, failed(held), env()));
    expect([step.stats.polls, step.stats.answers[answerKind], step.stats.consecutiveTransient]).toEqual([0, 0, 1]);
    expect([step.delayMs, step.stats.notBeforeMs]).toEqual([700, NOW + 700]);
  });

  it('keeps the last snapshot', () => {
    const step = nextStep(emptyPollStats(), runningSnapshot(1), failed(make({ status })), env());
    expect(step.snapshot).toEqual(runningSnapshot(1));
  });
});

describe('nextStep: ProviderUnavailableError (5xx, reset, timeout)', () => {
  it('backs off exponentially over consecutive failures', () => {
    const delays: number[] = [];
    let stats = emptyPollStats();
    for (let i = 0; i < 4; i += 1) {
      const step = retryOf(nextStep(stats, undefined, failed(unavailable()), env()));
      delays.push(step.delayMs);
      stats = step.stats;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('caps the backoff at maxBackoffMs', () => {
    const stats = statsWith({ consecutiveTransient: 20 });
    expect(retryOf(nextStep(stats, undefined, failed(unavailable()), env())).delayMs).toBe(60_000);
  });

  it('spreads the backoff by the jitter drawn from random', () => {
    const low = retryOf(nextStep(emptyPollStats(), undefined, failed(unavailable()), env({ random: () => 0 })));
    const high = retryOf(nextStep(emptyPollStats(), undefined, failed(unavailable()), env({ random: () => 0.999 })));
    expect([low.delayMs, high.delayMs]).toEqual([800, 1_200]);
  });

  it('restarts the backoff after a successful answer', () => {
    let stats = emptyPollStats();
    stats = nextStep(stats, undefined, failed(unavailable()), env()).stats;
    stats = nextStep(stats, undefined, failed(unavailable()), env()).stats;
    stats = nextStep(stats, undefined, outcome(runningSnapshot()), env()).stats;
    const step = retryOf(nextStep(stats, undefined, failed(unavailable()), env()));
    expect([step.delayMs, step.stats.consecutiveTransient]).toEqual([1_000, 1]);
  });

  it('resets consecutiveTransient to 0 on a running answer', () => {
    const step = nextStep(statsWith({ consecutiveTransient: 5 }), undefined, outcome(runningSnapshot()), env());
    expect(step.stats.consecutiveTransient).toBe(0);
  });

  it('counts the answer as transient', () => {
    const { stats } = nextStep(emptyPollStats(), undefined, failed(unavailable()), env());
    expect([stats.polls, stats.answers.transient]).toEqual([1, 1]);
  });

  it('honours a Retry-After sent with a 503', () => {
    const step = retryOf(
      nextStep(emptyPollStats(), undefined, failed(unavailable({ status: 503, retryAfterMs: 7_000 })), env()),
    );
    expect([step.delayMs, step.stats.notBeforeMs]).toEqual([7_000, NOW + 7_000]);
  });

  it('reports the error with the retry', () => {
    const error = unavailable();
    expect(retryOf(nextStep(emptyPollStats(), undefined, failed(error), env())).error).toBe(error);
  });
});

describe('nextStep: non-retryable errors', () => {
  it.each([
    ['ProviderAuthError', new ProviderAuthError('webex', { status: 401 })],
    ['ProviderRejectedError', new ProviderRejectedError('webex', { status: 400, code: '4003' })],
    ['ProviderNotFoundError', new ProviderNotFoundError('webex', { status: 404 })],
    ['ProviderContractError', new ProviderContractError('webex', 'latestExecutionStatus', 'expected string')],
    ['a plain TypeError', new TypeError('boom')],
  ])('rethrows %s unchanged', (_name, error) => {
    expect(thrownBy(() => nextStep(emptyPollStats(), runningSnapshot(), failed(error), env()))).toBe(error);
  });
});

describe('nextStep: segment end', () => {
  it('finishes with the new running snapshot when the poll interval would cross segmentEndsAt', () => {
    const step = nextStep(
      emptyPollStats(),
      undefined,
      outcome(runningSnapshot(1)),
      env({ segmentEndsAt: NOW + 4_000 }),
    );
    expect(step).toMatchObject({ kind: 'finish', snapshot: runningSnapshot(1), stats: { polls: 1 } });
  });

  it('finishes with the last snapshot when a backoff would cross segmentEndsAt', () => {
    const step = nextStep(
      emptyPollStats(),
      runningSnapshot(1),
      failed(unavailable()),
      env({ segmentEndsAt: NOW + 500 }),
    );
    expect(step).toMatchObject({ kind: 'finish', snapshot: runningSnapshot(1), stats: { answers: { transient: 1 } } });
  });

  it('finishes without a snapshot when no poll has been answered yet', () => {
    const step = nextStep(emptyPollStats(), undefined, failed(unavailable()), env({ segmentEndsAt: NOW + 500 }));
    expect([step.kind, 'snapshot' in step]).toEqual(['finish', false]);
  });

  it('finishes when the delay would end exactly at segmentEndsAt', () => {
    const step = nextStep(emptyPollStats(), undefined, outcome(runningSnapshot()), env({ segmentEndsAt: NOW + 5_000 }));
    expect(step.kind).toBe('finish');
  });

  it('retries when the delay ends just before segmentEndsAt', () => {
    const step = nextStep(emptyPollStats(), undefined, outcome(runningSnapshot()), env({ segmentEndsAt: NOW + 5_001 }));
    expect(step.kind).toBe('retry');
  });

  it('measures a capped Retry-After against the segment by the capped delay', () => {
    const step = nextStep(
      emptyPollStats(),
      undefined,
      outcome(runningSnapshot(), 3_600_000),
      env({ segmentEndsAt: NOW + 1_800_000 }),
    );
    expect([step.kind, step.stats.notBeforeMs]).toEqual(['retry', NOW + 3_600_000]);
  });
});

describe('isRetryablePollError', () => {
  it.each([
    ['ProviderLockedError', new ProviderLockedError('webex')],
    ['ProviderRateLimitError', new ProviderRateLimitError('webex')],
    ['ProviderUnavailableError', unavailable()],
  ])('accepts %s', (_name, error) => {
    expect(isRetryablePollError(error)).toBe(true);
  });

  it.each([
    ['ProviderAuthError', new ProviderAuthError('webex', { status: 403 })],
    ['ProviderRejectedError', new ProviderRejectedError('webex', { status: 409 })],
    ['ProviderNotFoundError', new ProviderNotFoundError('webex', { status: 410 })],
    ['ProviderContractError', new ProviderContractError('webex', 'id', 'missing')],
    ['a plain Error', new Error('boom')],
    ['a non-Error object named like a retryable error', { name: 'ProviderRateLimitError' }],
  ])('rejects %s', (_name, error) => {
    expect(isRetryablePollError(error)).toBe(false);
  });
});

describe('nextStep: progress of the provider job', () => {
  const at = (ms: number) => new Date(ms).toISOString();

  it('marks the first answer as progress', () => {
    const { stats } = nextStep(emptyPollStats(), undefined, outcome(runningSnapshot(0)), env());
    expect([stats.progressAt, stats.pollsWithoutProgress]).toEqual([at(NOW), 0]);
  });

  it('keeps the time of the last change and counts the running answers with unchanged counts', () => {
    const first = nextStep(emptyPollStats(), undefined, outcome(runningSnapshot(1)), env()).stats;
    const second = nextStep(first, undefined, outcome(runningSnapshot(1)), env({ now: NOW + 5_000 })).stats;
    const third = nextStep(second, undefined, outcome(runningSnapshot(1)), env({ now: NOW + 10_000 })).stats;
    expect([third.progressAt, third.pollsWithoutProgress]).toEqual([at(NOW), 2]);
  });

  it('marks new counts as progress', () => {
    const stuck = statsWith({ lastProgress: runningSnapshot(1).counts, progressAt: at(NOW), pollsWithoutProgress: 4 });
    const { stats } = nextStep(stuck, undefined, outcome(runningSnapshot(2, 3)), env({ now: NOW + 9_000 }));
    expect([stats.progressAt, stats.pollsWithoutProgress]).toEqual([at(NOW + 9_000), 0]);
  });

  it('leaves the progress marks alone on a throttled answer', () => {
    const stuck = statsWith({ lastProgress: runningSnapshot(1).counts, progressAt: at(NOW), pollsWithoutProgress: 4 });
    const { stats } = nextStep(stuck, undefined, failed(unavailable()), env({ now: NOW + 9_000 }));
    expect([stats.progressAt, stats.pollsWithoutProgress]).toEqual([at(NOW), 4]);
  });
});
