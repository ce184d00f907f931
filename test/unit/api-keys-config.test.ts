/** API keys and the callback secret in configuration: file section, environment, hashing, errors by path. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sha256Hex } from '../../src/api-keys-config';
import { loadConfig, loadTemporalConfig } from '../../src/config';
import { hasErrorName } from '../../src/domain/errors';
import type { ConfigError } from '../../src/domain/errors';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulkflow-api-config-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, value: unknown): string {
  const target = path.join(dir, name);
  writeFileSync(target, JSON.stringify(value));
  return target;
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (hasErrorName(err, 'ConfigError')) return err as ConfigError;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const DIGEST = 'a'.repeat(64);

describe('API configuration', () => {
  it('reads hashed and plain keys from the file, keeping only digests', () => {
    const config = loadConfig({
      BULKFLOW_CONFIG: file('keys.json', {
        api: {
          keys: [
            { caller: 'billing', keySha256: DIGEST.toUpperCase(), tenants: '*' },
            { caller: 'org1-tool', key: 'plain-dev-key-0123456789', tenants: ['org-1'] },
          ],
        },
      }),
    });

    expect(config.api.keys).toEqual([
      { caller: 'billing', keySha256: DIGEST, tenants: '*' },
      { caller: 'org1-tool', keySha256: sha256Hex('plain-dev-key-0123456789'), tenants: ['org-1'] },
    ]);
    expect(JSON.stringify(config)).not.toContain('plain-dev-key-0123456789');
  });

  it('adds BULKFLOW_API_KEY as a key for every tenant under BULKFLOW_API_CALLER', () => {
    const config = loadConfig({
      BULKFLOW_API_KEY: 'env-key-0123456789abc',
      BULKFLOW_API_CALLER: 'ops',
      BULKFLOW_API_PORT: '9090',
    });

    expect(config.api).toEqual({
      port: 9090,
      host: '127.0.0.1',
      keys: [{ caller: 'ops', keySha256: sha256Hex('env-key-0123456789abc'), tenants: '*' }],
    });
  });

  it.each([
    [
      'both key and keySha256',
      { caller: 'x', key: 'plain-dev-key-0123456789', keySha256: DIGEST, tenants: '*' },
      'api.keys[0]',
    ],
    ['a short digest', { caller: 'x', keySha256: 'abc', tenants: '*' }, 'api.keys[0].keySha256'],
    ['no tenants', { caller: 'x', keySha256: DIGEST }, 'api.keys[0].tenants'],
    ['a caller with a quote', { caller: "o'brien", keySha256: DIGEST, tenants: '*' }, 'api.keys[0].caller'],
  ])('rejects a key entry with %s, naming its path', (_case, entry, where) => {
    const target = file('bad-key.json', { api: { keys: [entry] } });
    expect(configError(() => loadConfig({ BULKFLOW_CONFIG: target })).source).toBe(`${target}: ${where}`);
  });

  it('treats empty secrets as unset, as in a fresh copy of deploy/secrets.env.example', () => {
    const config = loadConfig({ BULKFLOW_API_KEY: '', BULKFLOW_CALLBACK_SECRET: '' });
    expect(config.api.keys).toEqual([]);
    expect(config).not.toHaveProperty('callbackSecret');
  });

  it('keeps the callback secret only when set, and rejects a short one', () => {
    expect(loadConfig({ BULKFLOW_CALLBACK_SECRET: 'callback-secret-0123' }).callbackSecret).toBe(
      'callback-secret-0123',
    );
    expect(loadConfig({})).not.toHaveProperty('callbackSecret');
    expect(configError(() => loadConfig({ BULKFLOW_CALLBACK_SECRET: 'short' })).source).toBe(
      'BULKFLOW_CALLBACK_SECRET',
    );
  });

  it('reads only the Temporal settings for clients, ignoring the rest of the environment', () => {
    const env = { TEMPORAL_ADDRESS: 'temporal:7233', BULKFLOW_LOG_LEVEL: 'not-a-level', BULKFLOW_CONFIG: '/nowhere' };
    expect(loadTemporalConfig(env)).toEqual({
      address: 'temporal:7233',
      namespace: 'default',
      taskQueue: 'bulkflow',
      allowPlaintext: false,
    });
  });
});
