/** What the worker's log keeps of an error: its kind, provider, status and code, never its message or details. */
import { toFailure } from '../../src/activities/failures';
import { ProviderRejectedError } from '../../src/domain/errors';
import { loggedError, withLoggedErrors } from '../../src/logged-error';

const USER = 'dana.marker@example.test';

describe('loggedError', () => {
  const refused = new ProviderRejectedError('webex', {
    status: 400,
    code: '1029',
    providerMessage: `User ${USER} unknown`,
  });

  it('keeps the type, provider, HTTP status and provider code of a failed activity, through its cause', () => {
    expect(loggedError(toFailure(refused))).toEqual({
      name: 'ApplicationFailure',
      type: 'ProviderRejectedError',
      nonRetryable: true,
      cause: { name: 'ProviderRejectedError', provider: 'webex', status: 400, code: '1029', retryable: false },
    });
  });

  it('drops the message, the provider message and the stack, wherever they are', () => {
    const meta = withLoggedErrors({ error: toFailure(refused), durationMs: 12, note: 'kept as it is' });
    const line = JSON.stringify(meta);
    expect(line).not.toContain(USER);
    expect(line).not.toContain('rejected the request');
    expect(meta).toMatchObject({ durationMs: 12, note: 'kept as it is' });
  });
});
