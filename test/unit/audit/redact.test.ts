/** Credential-shaped text in audit output is masked; prose that merely looks similar is kept. */
import { redact } from '../../../src/audit';

describe('redact', () => {
  it.each([
    ['a bearer token in a message', 'rejected: Bearer eyJhbGciOi.abc-123', 'rejected: Bearer [redacted]'],
    ['basic credentials', 'Authorization: Basic c2ltLWFkbWluOnNpbS1wYXNzd29yZA==', 'Authorization: Basic [redacted]'],
    [
      'user and password in a URL',
      'https://ops:hunter2@hooks.example.test/x',
      'https://[redacted]@hooks.example.test/x',
    ],
    [
      'a token in a query string',
      'https://h.example.test/cb?token=s3cr3t&x=1',
      'https://h.example.test/cb?token=[redacted]&x=1',
    ],
    ['an api key in a message', 'bad api_key=AKIA1234 for org', 'bad api_key=[redacted] for org'],
  ])('masks %s', (_what, text, expected) => {
    expect(redact({ message: text })).toEqual({ message: expected });
  });

  it('keeps prose such as a Webex service named "Basic Calling"', () => {
    const message = 'User is assigned services not authorized to the new group: [Basic Calling Logs].';
    expect(redact(message)).toBe(message);
  });

  it('masks string values of credential-named keys at any depth, leaving other values', () => {
    const value = { a: [{ token: 'x', apiKey: 'y', password: 'z', count: 3 }], tokenCount: 4, note: 'ok' };
    expect(redact(value)).toEqual({
      a: [{ token: '[redacted]', apiKey: '[redacted]', password: '[redacted]', count: 3 }],
      tokenCount: 4,
      note: 'ok',
    });
  });
});
