import { redactSnippet } from '../../../src/http/redact';

describe('redactSnippet', () => {
  it('replaces e-mail addresses', () => {
    expect(redactSnippet('{"email":"first.last+tag@mail.example.co.uk"}')).toBe('{"email":"[email]"}');
  });

  it('replaces E.164 phone numbers', () => {
    expect(redactSnippet('{"phoneNumber":"+14085550123"}')).toBe('{"phoneNumber":"[phone]"}');
  });

  it('replaces secret-looking JSON fields', () => {
    expect(redactSnippet('{"access_token": "eyJhbGciOi", "apiKey":"k-1", "name":"x"}')).toBe(
      '{"access_token": "[redacted]", "apiKey":"[redacted]", "name":"x"}',
    );
  });

  it('replaces credentials after an auth scheme', () => {
    expect(redactSnippet('Authorization: Zoho-oauthtoken 1000.abcdef.123456')).toBe(
      'Authorization: Zoho-oauthtoken [redacted]',
    );
  });

  it('cuts to the requested length with an ellipsis', () => {
    expect(redactSnippet('abcdefgh', 3)).toBe('abc…');
  });

  it('keeps a short clean body as it is', () => {
    expect(redactSnippet('{"job":{"id":"42","status":"PROCESSING"}}')).toBe(
      '{"job":{"id":"42","status":"PROCESSING"}}',
    );
  });
});
