import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasErrorName } from '../../../src/domain/errors';
import type { ConfigError } from '../../../src/domain/errors';
import { PROVIDER_NAMES, type ProviderName } from '../../../src/domain/job';
import type { ConnectionCredentials } from '../../../src/providers/auth';
import { connectionAuthOf as authOf, operations } from '../../../src/providers/registry';

/** The `Authorization` header a connection of `provider` sends. */
function authorizationFor(provider: ProviderName, connection: ConnectionCredentials): string {
  return authOf(provider).authorization(provider, connection);
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulkflow-auth-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function configErrorSource(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (hasErrorName(err, 'ConfigError')) return (err as ConfigError).source;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('every provider', () => {
  it.each(PROVIDER_NAMES)('%s: its operations all declare the same connection auth', (provider) => {
    const declared = Object.values(operations)
      .filter((op) => op.provider === provider)
      .map((op) => op.auth);
    expect(new Set(declared).size).toBe(1);
  });
});

describe('connection auth', () => {
  it('sends a Webex token as Bearer', () => {
    expect(authorizationFor('webex', { token: 'abc' })).toBe('Bearer abc');
  });

  it('sends a Zoho token as Zoho-oauthtoken', () => {
    expect(authorizationFor('zoho', { token: 'abc' })).toBe('Zoho-oauthtoken abc');
  });

  it('sends the raw FullStory API key after Basic', () => {
    expect(authorizationFor('fullstory', { apiKey: 'na1.key' })).toBe('Basic na1.key');
  });

  it('sends Oracle username and password as base64 Basic', () => {
    expect(authorizationFor('oracle', { username: 'admin', password: 'pw' })).toBe(
      `Basic ${Buffer.from('admin:pw').toString('base64')}`,
    );
  });

  it('sends an Oracle token as Bearer when there is no username and password', () => {
    expect(authorizationFor('oracle', { token: 'abc' })).toBe('Bearer abc');
  });

  it('reads the token from tokenFile, trimmed', () => {
    const file = path.join(dir, 'token');
    writeFileSync(file, '  file-token\n');
    expect(authorizationFor('webex', { tokenFile: file })).toBe('Bearer file-token');
  });

  it('reads tokenFile at every call, so a rotated token is picked up', () => {
    const file = path.join(dir, 'rotating');
    writeFileSync(file, 'first');
    authorizationFor('webex', { tokenFile: file });
    writeFileSync(file, 'second');
    expect(authorizationFor('webex', { tokenFile: file })).toBe('Bearer second');
  });

  it('names the setting and the error code of a tokenFile that does not read, not its path', () => {
    const file = path.join(dir, 'missing-token');
    expect(() => authorizationFor('webex', { tokenFile: file })).toThrow(
      'webex connection: tokenFile cannot be read (ENOENT)',
    );
    expect(() => authorizationFor('webex', { tokenFile: file })).not.toThrow(dir);
  });

  it('prefers token over tokenFile', () => {
    expect(authorizationFor('zoho', { token: 'inline', tokenFile: path.join(dir, 'absent') })).toBe(
      'Zoho-oauthtoken inline',
    );
  });

  it.each(['webex', 'zoho', 'oracle'] as const)(
    'rejects a %s connection without token with a ConfigError',
    (provider) => {
      expect(configErrorSource(() => authorizationFor(provider, {}))).toBe(`${provider} connection`);
    },
  );

  it('rejects a FullStory connection without apiKey with a ConfigError', () => {
    expect(configErrorSource(() => authorizationFor('fullstory', { token: 'abc' }))).toBe('fullstory connection');
  });

  it('does not accept an Oracle username without a password', () => {
    expect(configErrorSource(() => authorizationFor('oracle', { username: 'admin' }))).toBe('oracle connection');
  });

  it.each([
    ['webex', { token: 'abc' }, 'Bearer'],
    ['zoho', { token: 'abc' }, 'Zoho-oauthtoken'],
    ['fullstory', { apiKey: 'k' }, 'Basic'],
    ['oracle', { username: 'admin', password: 'pw' }, 'Basic'],
    ['oracle', { token: 'abc' }, 'Bearer'],
  ] as const)('gives a %s connection with %j the scheme %s', (provider, connection, scheme) => {
    expect(authOf(provider).scheme(connection)).toBe(scheme);
  });

  it.each([
    ['webex', ['token']],
    ['zoho', ['token']],
    ['fullstory', ['apiKey']],
    ['oracle', ['username', 'password']],
  ] as const)('asks a %s connection for %j', (provider, fields) => {
    expect(authOf(provider).credentials).toEqual(fields);
  });
});
