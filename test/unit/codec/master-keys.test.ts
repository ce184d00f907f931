/**
 * Master keys from the environment and from a key file, and the encryption section of the configuration: every
 * mistake is a ConfigError naming the variable (or the file and field), and no message carries key material.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFileText, parseMasterKeysEnv, readKeyFile } from '../../../src/codec';
import { nextKeyId, withNewPrimary } from '../../../src/codec/master-keys';
import { loadConfig, loadTemporalConfig } from '../../../src/config';
import type { ConfigError } from '../../../src/domain/errors';
import { thrownBy } from '../../helpers/thrown';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');
const configError = (run: () => unknown) => thrownBy(run) as ConfigError;

describe('master keys from BULKFLOW_ENCRYPTION_KEYS', () => {
  it('reads id:key pairs, the first one primary', () => {
    const keys = parseMasterKeysEnv(` k2:${k2} , k1:${k1}`);
    expect(keys.primary).toBe('k2');
    expect([...keys.keys.keys()]).toEqual(['k2', 'k1']);
    expect(keys.keys.get('k1')?.toString('base64')).toBe(k1);
  });

  it.each([
    ['no key at all', ' , ', 'BULKFLOW_ENCRYPTION_KEYS'],
    ['an entry without an id', k1, 'BULKFLOW_ENCRYPTION_KEYS (entry 1)'],
    ['a key of 16 bytes', `k1:${randomBytes(16).toString('base64')}`, 'BULKFLOW_ENCRYPTION_KEYS (key k1)'],
    ['a key that is not base64', `k1:not*base64`, 'BULKFLOW_ENCRYPTION_KEYS (key k1)'],
    ['an id used twice', `k1:${k1},k1:${k2}`, 'BULKFLOW_ENCRYPTION_KEYS'],
    ['an id with a slash', `a/b:${k1}`, 'BULKFLOW_ENCRYPTION_KEYS (entry 1)'],
  ])('refuses %s, naming the variable and never the key', (_name, value, source) => {
    const err = configError(() => parseMasterKeysEnv(value));
    expect(err).toMatchObject({ name: 'ConfigError', source });
    expect(err.message).not.toContain(k1);
    expect(err.message).not.toContain(k2);
  });
});

describe('master keys from a key file', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'key-file-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const file = (content: string): string => {
    const path = join(dir, 'keys.json');
    writeFileSync(path, content);
    return path;
  };

  it('reads the keys and the primary, and writes them back in the same format', () => {
    const path = file(JSON.stringify({ primary: 'k2', keys: { k1, k2 } }));
    const keys = readKeyFile(path);
    expect(keys.primary).toBe('k2');
    expect(readKeyFile(file(keyFileText(keys)))).toEqual(keys);
  });

  it.each([
    ['a primary that is not among the keys', { primary: 'k3', keys: { k1 } }, ': primary'],
    ['a short key', { primary: 'k1', keys: { k1: 'AAAA' } }, ': keys.k1'],
    ['an unknown field', { primary: 'k1', keys: { k1 }, comment: 'x' }, ': comment'],
  ])('refuses %s, naming the file and the field', (_name, content, field) => {
    const path = file(JSON.stringify(content));
    const err = configError(() => readKeyFile(path));
    expect(err.source).toBe(`BULKFLOW_ENCRYPTION_KEY_FILE (${path})${field}`);
    expect(err.message).not.toContain(k1);
  });

  it('refuses a missing file and one that is not JSON, naming the variable and the path', () => {
    expect(configError(() => readKeyFile(join(dir, 'none.json'))).source).toBe(
      `BULKFLOW_ENCRYPTION_KEY_FILE (${join(dir, 'none.json')})`,
    );
    expect(configError(() => readKeyFile(file('primary: k1'))).message).toContain('is not JSON');
  });

  it('adds a new primary under the next free id, keeping the others for reading', () => {
    const keys = parseMasterKeysEnv(`k1:${k1}`);
    expect(nextKeyId(keys)).toBe('k2');
    const rotated = withNewPrimary(keys, randomBytes(32));
    expect(rotated.primary).toBe('k2');
    expect(rotated.keys.get('k1')?.toString('base64')).toBe(k1);
    expect(configError(() => withNewPrimary(rotated, randomBytes(32), 'k1')).source).toBe('--id');
  });
});

describe('the encryption section of the configuration', () => {
  it('is absent without master keys, and then plaintext is not allowed unless asked for', () => {
    expect(loadTemporalConfig({}).encryption).toBeUndefined();
    expect(loadTemporalConfig({}).allowPlaintext).toBe(false);
    expect(loadTemporalConfig({ BULKFLOW_ALLOW_PLAINTEXT: 'true' }).allowPlaintext).toBe(true);
  });

  it('reads master keys from the environment with the tenant key directory and the file mode', () => {
    const { encryption } = loadTemporalConfig({
      BULKFLOW_ENCRYPTION_KEYS: `k1:${k1}`,
      BULKFLOW_TENANT_KEY_DIR: '/var/lib/bulkflow/tenant-keys',
      BULKFLOW_SHARED_FILE_MODE: 'group',
    });
    expect(encryption).toMatchObject({ tenantKeyDir: '/var/lib/bulkflow/tenant-keys', fileMode: 'group' });
    expect(encryption?.masterKeys.primary).toBe('k1');
    expect(encryption?.keyFile).toBeUndefined();
  });

  it.each([
    [
      'both key sources',
      { BULKFLOW_ENCRYPTION_KEYS: `k1:${k1}`, BULKFLOW_ENCRYPTION_KEY_FILE: '/k.json' },
      'BULKFLOW_ENCRYPTION_KEYS',
    ],
    ['keys without a tenant key directory', { BULKFLOW_ENCRYPTION_KEYS: `k1:${k1}` }, 'BULKFLOW_TENANT_KEY_DIR'],
    ['a tenant key directory without keys', { BULKFLOW_TENANT_KEY_DIR: '/keys' }, 'BULKFLOW_TENANT_KEY_DIR'],
    ['an unknown file mode', { BULKFLOW_SHARED_FILE_MODE: 'world' }, 'BULKFLOW_SHARED_FILE_MODE'],
    ['a plaintext switch that is not true or false', { BULKFLOW_ALLOW_PLAINTEXT: 'yes' }, 'BULKFLOW_ALLOW_PLAINTEXT'],
  ])('refuses %s, naming the variable', (_name, env, source) => {
    expect(configError(() => loadConfig(env)).source).toBe(source);
  });
});
