import { createLogger } from '../../src/logger';

/** Logs through a fresh logger and returns every line written, parsed. */
function capture(level: string, write: (log: ReturnType<typeof createLogger>) => void): Array<Record<string, unknown>> {
  const lines: string[] = [];
  const log = createLogger(level, { write: (line: string) => lines.push(line) });
  write(log);
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

function one(obj: Record<string, unknown>): Record<string, unknown> {
  const [line] = capture('info', (log) => log.info(obj, 'request sent'));
  if (!line) throw new Error('nothing was logged');
  return line;
}

describe('createLogger', () => {
  it('redacts a top-level token', () => {
    expect(one({ token: 'secret-token' })['token']).toBe('[redacted]');
  });

  it('redacts an authorization header nested under headers', () => {
    expect(one({ headers: { authorization: 'Bearer secret' } })['headers']).toEqual({ authorization: '[redacted]' });
  });

  it('redacts a capitalised Authorization header', () => {
    expect(one({ headers: { Authorization: 'Bearer secret' } })['headers']).toEqual({ Authorization: '[redacted]' });
  });

  it('redacts a top-level capitalised Authorization', () => {
    expect(one({ Authorization: 'Bearer secret' })['Authorization']).toBe('[redacted]');
  });

  it('redacts the request headers of a logged request', () => {
    expect(one({ request: { headers: { authorization: 'Bearer secret' } } })['request']).toEqual({
      headers: { authorization: '[redacted]' },
    });
  });

  it('redacts the password and apiKey of a logged connection', () => {
    expect(one({ connection: { baseUrl: 'https://x', password: 'pw', apiKey: 'k' } })['connection']).toEqual({
      baseUrl: 'https://x',
      password: '[redacted]',
      apiKey: '[redacted]',
    });
  });

  it("redacts a connection's OAuth client secret and refresh token, and a token endpoint's answer", () => {
    const connection = { baseUrl: 'https://x', oauthClientId: 'id', oauthClientSecret: 's', oauthRefreshToken: 'r' };
    expect(one({ connection })['connection']).toEqual({
      baseUrl: 'https://x',
      oauthClientId: 'id',
      oauthClientSecret: '[redacted]',
      oauthRefreshToken: '[redacted]',
    });
    expect(one({ body: { access_token: 'a', refresh_token: 'r', expires_in: 3600 } })['body']).toEqual({
      access_token: '[redacted]',
      refresh_token: '[redacted]',
      expires_in: 3600,
    });
  });

  it('never writes the secret anywhere in the line', () => {
    const lines: string[] = [];
    createLogger('info', { write: (line: string) => lines.push(line) }).info(
      { token: 's3cr3t', connection: { token: 's3cr3t' }, headers: { authorization: 'Bearer s3cr3t' } },
      'connected',
    );
    expect(lines.join('')).not.toContain('s3cr3t');
  });

  it('keeps the message and non-secret fields', () => {
    expect(one({ providerJobId: 'job-1' })).toMatchObject({ msg: 'request sent', providerJobId: 'job-1' });
  });

  it('tags every line with app bulkflow', () => {
    expect(one({})['app']).toBe('bulkflow');
  });

  it('writes nothing below its level', () => {
    expect(capture('warn', (log) => log.info({ a: 1 }, 'quiet'))).toEqual([]);
  });
});
