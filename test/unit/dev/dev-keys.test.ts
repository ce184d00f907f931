/** The embedded stack's keys and cursor secret: made once on the first run, private, kept after, and none when the environment has keys. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKeyFile } from '../../../src/codec';
import { loadConfig } from '../../../src/config';
import { devCursorSecretEnv, devEncryptionEnv } from '../../../src/dev/dev-keys';

describe('devEncryptionEnv', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dev-keys-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a 0600 master key file on the first run and keeps it on the next', async () => {
    const env = await devEncryptionEnv(dir, {});
    expect(env).toEqual({
      BULKFLOW_ENCRYPTION_KEY_FILE: join(dir, 'encryption-keys.json'),
      BULKFLOW_TENANT_KEY_DIR: join(dir, 'tenant-keys'),
    });
    expect(statSync(join(dir, 'encryption-keys.json')).mode & 0o777).toBe(0o600);
    expect(readKeyFile(join(dir, 'encryption-keys.json')).primary).toBe('k1');
    const first = readFileSync(join(dir, 'encryption-keys.json'), 'utf8');
    await devEncryptionEnv(dir, {});
    expect(readFileSync(join(dir, 'encryption-keys.json'), 'utf8')).toBe(first);
  });

  it('adds nothing when the environment configures master keys', async () => {
    expect(await devEncryptionEnv(dir, { BULKFLOW_ENCRYPTION_KEYS: 'k1:x' })).toEqual({});
    expect(await devEncryptionEnv(dir, { BULKFLOW_ENCRYPTION_KEY_FILE: '/etc/keys.json' })).toEqual({});
  });
});

describe('devCursorSecretEnv', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dev-cursor-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a private cursor secret on the first run, keeps it, and it configures the listing key', async () => {
    const env = await devCursorSecretEnv(dir, {});
    expect(statSync(join(dir, 'cursor-secret')).mode & 0o777).toBe(0o600);
    expect(await devCursorSecretEnv(dir, {})).toEqual(env);
    expect(loadConfig(env).temporal.cursorSecret).toBe(env['BULKFLOW_CURSOR_SECRET']);
  });

  it('adds nothing when the environment sets BULKFLOW_CURSOR_SECRET', async () => {
    expect(await devCursorSecretEnv(dir, { BULKFLOW_CURSOR_SECRET: 'configured-0123456789' })).toEqual({});
  });
});
