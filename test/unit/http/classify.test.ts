import { classifyResponse, ensureSuccess, errorForOutcome } from '../../../src/http/classify';
import type { FailureOutcome } from '../../../src/http/classify';
import { makeResponse } from './make-response';
import { fixtureText } from '../../helpers/fixtures';

const RECEIVED_AT = Date.UTC(2024, 2, 1, 12, 0, 0); // Fri, 01 Mar 2024 12:00:00 GMT

function failure(status: number, headers: Record<string, string> = {}, body: string | object = ''): FailureOutcome {
  const outcome = classifyResponse(makeResponse(status, { headers, body, receivedAt: RECEIVED_AT }));
  if (outcome.kind === 'success' || outcome.kind === 'accepted' || outcome.kind === 'noContent') {
    throw new Error(`expected a failure outcome for ${status}, got ${outcome.kind}`);
  }
  return outcome;
}

function thrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (err) {
    if (err instanceof Error) return err;
  }
  throw new Error('expected an Error to be thrown');
}

describe('classifyResponse: success answers', () => {
  it.each([[200], [201], [203], [206]])('classifies %p as success', (status) => {
    expect(classifyResponse(makeResponse(status))).toStrictEqual({ kind: 'success', status });
  });

  it('classifies 202 with Retry-After and a relative Location as accepted with an absolute location', () => {
    const response = makeResponse(202, {
      headers: { 'retry-after': '5', location: '/cloudapi/restapi/user/status/981' },
      url: 'https://oracle.example.test/cloudapi/restapi/user',
    });
    expect(classifyResponse(response)).toStrictEqual({
      kind: 'accepted',
      status: 202,
      retryAfterMs: 5_000,
      location: 'https://oracle.example.test/cloudapi/restapi/user/status/981',
    });
  });

  it('keeps an absolute Location of a 202 as sent', () => {
    const response = makeResponse(202, { headers: { location: 'https://oracle.example.test/status/7' } });
    expect(classifyResponse(response)).toMatchObject({
      kind: 'accepted',
      location: 'https://oracle.example.test/status/7',
    });
  });

  it('classifies 202 without headers as accepted with neither delay nor location', () => {
    expect(classifyResponse(makeResponse(202))).toStrictEqual({ kind: 'accepted', status: 202 });
  });

  it('classifies 204 as noContent', () => {
    expect(classifyResponse(makeResponse(204))).toStrictEqual({ kind: 'noContent', status: 204 });
  });
});

describe('classifyResponse and errorForOutcome: failures', () => {
  it('maps 423 with Retry-After to a retryable ProviderLockedError carrying the delay', () => {
    const outcome = failure(423, { 'retry-after': '7' });
    expect(outcome).toMatchObject({ kind: 'locked', status: 423, retryAfterMs: 7_000 });
    const error = errorForOutcome('webex', outcome);
    expect(error.name).toBe('ProviderLockedError');
    expect(error.retryable).toBe(true);
    expect(error.details.retryAfterMs).toBe(7_000);
  });

  it('maps 423 without Retry-After to ProviderLockedError with no delay', () => {
    const outcome = failure(423);
    expect(outcome.kind).toBe('locked');
    expect('retryAfterMs' in outcome).toBe(false);
    expect(errorForOutcome('webex', outcome).name).toBe('ProviderLockedError');
  });

  it('maps 429 with Retry-After in seconds to ProviderRateLimitError', () => {
    const outcome = failure(429, { 'retry-after': '60' }, fixtureText('fullstory-error-429.json'));
    expect(outcome).toMatchObject({ kind: 'rateLimited', status: 429, retryAfterMs: 60_000 });
    const error = errorForOutcome('fullstory', outcome);
    expect(error.name).toBe('ProviderRateLimitError');
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({ status: 429, code: 'too_many_requests', retryAfterMs: 60_000 });
  });

  it('maps 429 with an HTTP-date Retry-After, measured against the Date header', () => {
    const headers = { 'retry-after': 'Fri, 01 Mar 2024 12:00:45 GMT', date: 'Fri, 01 Mar 2024 12:00:15 GMT' };
    expect(failure(429, headers)).toMatchObject({ kind: 'rateLimited', retryAfterMs: 30_000 });
  });

  it.each([[500], [502], [503], [504]])('maps %p to a retryable ProviderUnavailableError', (status) => {
    const outcome = failure(status);
    expect(outcome.kind).toBe('transient');
    const error = errorForOutcome('webex', outcome);
    expect(error.name).toBe('ProviderUnavailableError');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(`HTTP ${status}`);
  });

  it('keeps the Retry-After of a 503', () => {
    expect(failure(503, { 'retry-after': '3' })).toMatchObject({ kind: 'transient', retryAfterMs: 3_000 });
  });

  it('maps 408 Request Timeout to transient', () => {
    expect(failure(408).kind).toBe('transient');
  });

  it('puts the provider code and message of a 500 into the ProviderUnavailableError message', () => {
    const error = errorForOutcome('fullstory', failure(500, {}, fixtureText('fullstory-error-500.json')));
    expect(error.message).toBe('fullstory unavailable: HTTP 500: code server_error; Server error was encountered');
  });

  it.each([[400], [409], [415], [405], [428]])('maps %p to a non-retryable ProviderRejectedError', (status) => {
    const outcome = failure(status);
    expect(outcome).toMatchObject({ kind: 'permanent', status });
    const error = errorForOutcome('webex', outcome);
    expect(error.name).toBe('ProviderRejectedError');
    expect(error.retryable).toBe(false);
  });

  it.each([[401], [403]])('maps %p to a non-retryable ProviderAuthError', (status) => {
    const error = errorForOutcome('zoho', failure(status));
    expect(error.name).toBe('ProviderAuthError');
    expect(error.retryable).toBe(false);
    expect(error.details.status).toBe(status);
  });

  it.each([[404], [410]])('maps %p to a non-retryable ProviderNotFoundError', (status) => {
    const error = errorForOutcome('oracle', failure(status));
    expect(error.name).toBe('ProviderNotFoundError');
    expect(error.retryable).toBe(false);
  });

  it('maps a 302 redirect to permanent', () => {
    expect(failure(302, { location: 'https://elsewhere.example.test/' }).kind).toBe('permanent');
  });

  it('keeps the provider code and message of a 400 on the ProviderRejectedError', () => {
    const error = errorForOutcome('fullstory', failure(400, {}, fixtureText('fullstory-error-400.json')));
    expect(error.details).toMatchObject({ status: 400, code: 'required_field', providerMessage: 'uid is required' });
    expect(error.message).toBe('fullstory rejected the request (HTTP 400): code required_field; uid is required');
  });
});

describe('ensureSuccess', () => {
  it.each([[200], [201], [202], [204]])('returns the same response for %p', (status) => {
    const response = makeResponse(status);
    expect(ensureSuccess('webex', response)).toBe(response);
  });

  it('throws ProviderRateLimitError with the delay for 429', () => {
    const error = thrownBy(() => ensureSuccess('webex', makeResponse(429, { headers: { 'retry-after': '2' } })));
    expect(error).toMatchObject({ name: 'ProviderRateLimitError', details: { status: 429, retryAfterMs: 2_000 } });
  });

  it('throws ProviderNotFoundError for 404', () => {
    expect(thrownBy(() => ensureSuccess('oracle', makeResponse(404))).name).toBe('ProviderNotFoundError');
  });

  it('throws ProviderRejectedError for a 304', () => {
    expect(thrownBy(() => ensureSuccess('oracle', makeResponse(304))).name).toBe('ProviderRejectedError');
  });
});
