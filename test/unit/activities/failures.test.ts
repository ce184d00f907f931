import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { rethrowAsFailure, stillRunning, toFailure } from '../../../src/activities/failures';
import {
  AmbiguousStartError,
  ConfigError,
  InvalidRequestError,
  ProviderAuthError,
  ProviderContractError,
  ProviderRateLimitError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from '../../../src/domain/errors';
import { emptyPollStats } from '../../../src/domain/job';

const rejected = new ProviderRejectedError('webex', {
  status: 400,
  code: '25008',
  providerMessage: 'Missing field',
  trackingId: 'ROUTER_123',
});
const rateLimited = new ProviderRateLimitError('webex', { status: 429, retryAfterMs: 30_000 });

function firstDetail(failure: ApplicationFailure): unknown {
  return failure.details?.[0];
}

describe('toFailure', () => {
  it('uses the error name as the failure type', () => {
    expect(toFailure(rejected).type).toBe('ProviderRejectedError');
  });

  it('keeps the error message', () => {
    expect(toFailure(rejected).message).toBe(rejected.message);
  });

  it('marks a non-retryable error nonRetryable', () => {
    expect(toFailure(new ProviderAuthError('webex', { status: 401 })).nonRetryable).toBe(true);
  });

  it('marks a retryable error retryable', () => {
    expect(toFailure(rateLimited).nonRetryable).toBe(false);
  });

  it('sets nextRetryDelay on a retryable error when a delay is given', () => {
    expect(toFailure(rateLimited, 30_000).nextRetryDelay).toBe(30_000);
  });

  it('rounds nextRetryDelay to whole milliseconds', () => {
    expect(toFailure(rateLimited, 1_234.6).nextRetryDelay).toBe(1_235);
  });

  it('never sets a nextRetryDelay below 1 ms', () => {
    expect(toFailure(rateLimited, 0).nextRetryDelay).toBe(1);
  });

  it('sets no nextRetryDelay on a retryable error without a delay', () => {
    expect(toFailure(rateLimited).nextRetryDelay).toBeUndefined();
  });

  it('ignores the delay on a non-retryable error', () => {
    expect(toFailure(rejected, 5_000).nextRetryDelay).toBeUndefined();
  });

  it('carries the provider, status, code, message and trackingId in details', () => {
    expect(firstDetail(toFailure(rejected))).toEqual({
      provider: 'webex',
      status: 400,
      code: '25008',
      providerMessage: 'Missing field',
      trackingId: 'ROUTER_123',
    });
  });

  it('carries the Retry-After of a throttled answer in details', () => {
    expect(firstDetail(toFailure(rateLimited))).toMatchObject({ retryAfterMs: 30_000 });
  });

  it('carries the field and problem of an InvalidRequestError in details', () => {
    const failure = toFailure(new InvalidRequestError('input.users[3].phoneNumber', 'expected an E.164 number'));
    expect(firstDetail(failure)).toEqual({ field: 'input.users[3].phoneNumber', problem: 'expected an E.164 number' });
  });

  it('carries the offending path of a ProviderContractError in details', () => {
    const failure = toFailure(new ProviderContractError('webex', 'items[0].id', 'expected string', { status: 200 }));
    expect(firstDetail(failure)).toEqual({
      provider: 'webex',
      status: 200,
      path: 'items[0].id',
      problem: 'expected string',
    });
  });

  it('carries what to check of an AmbiguousStartError in details', () => {
    const failure = toFailure(new AmbiguousStartError('webex', 'the move-users job list'));
    expect(firstDetail(failure)).toEqual({ provider: 'webex', whatToCheck: 'the move-users job list' });
  });

  it('carries the source of a ConfigError in details', () => {
    expect(firstDetail(toFailure(new ConfigError('BULKFLOW_WEBEX_BASE_URL', 'bad')))).toEqual({
      source: 'BULKFLOW_WEBEX_BASE_URL',
    });
  });

  it('keeps the original error as the cause', () => {
    expect(toFailure(rejected).cause).toBe(rejected);
  });

  it('returns an ApplicationFailure unchanged', () => {
    const failure = ApplicationFailure.nonRetryable('already built', 'Custom');
    expect(toFailure(failure, 5_000)).toBe(failure);
  });

  it('turns an unknown Error into a retryable failure typed by its name', () => {
    const failure = toFailure(new TypeError('fetch failed'));
    expect([failure.type, failure.message, failure.nonRetryable]).toEqual(['TypeError', 'fetch failed', false]);
  });

  it('turns a thrown string into a retryable Error failure', () => {
    const failure = toFailure('boom');
    expect([failure.type, failure.message, failure.nonRetryable]).toEqual(['Error', 'boom', false]);
  });
});

describe('rethrowAsFailure', () => {
  it('throws the failure toFailure builds', async () => {
    const error = new ProviderUnavailableError('webex', 'connection reset');
    await expect(Promise.reject(error).catch(rethrowAsFailure)).rejects.toMatchObject({
      type: 'ProviderUnavailableError',
      nonRetryable: false,
      cause: error,
    });
  });
});

describe('stillRunning', () => {
  it('is a BENIGN failure', () => {
    expect(stillRunning(5_000, 'running').category).toBe(ApplicationFailureCategory.BENIGN);
  });

  it('is retryable and typed JobStillRunning', () => {
    const failure = stillRunning(5_000, 'running');
    expect([failure.type, failure.nonRetryable]).toEqual(['JobStillRunning', false]);
  });

  it('uses the delay as nextRetryDelay', () => {
    expect(stillRunning(5_000, 'running').nextRetryDelay).toBe(5_000);
  });

  it('never sets a nextRetryDelay below 1 ms', () => {
    expect(stillRunning(0, 'running').nextRetryDelay).toBe(1);
  });

  it('names the reason and the next attempt in its message', () => {
    expect(stillRunning(2_500, 'provider job still running').message).toBe(
      'provider job still running; next attempt in 2500 ms',
    );
  });

  it('carries polls and answers in details when stats are given', () => {
    const stats = { ...emptyPollStats(), polls: 3, answers: { ...emptyPollStats().answers, running: 3 } };
    expect(stillRunning(1_000, 'running', stats).details).toEqual([{ polls: 3, answers: stats.answers }]);
  });

  it('carries no details without stats', () => {
    expect(stillRunning(1_000, 'running').details).toEqual([]);
  });
});
