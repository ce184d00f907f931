/**
 * The test-only master key committed with the encrypted history fixtures (test/fixtures/encryption), and key
 * stores made from it: replays and audits of those fixtures decrypt with these, as a deployment with its keys would.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKeyFile } from '../../src/codec';
import type { EncryptionConfig } from '../../src/codec';

const DIR = join(__dirname, '..', 'fixtures', 'encryption');
/** The committed test-only key file (never a real key). */
export const TEST_ONLY_KEY_FILE = join(DIR, 'TEST-ONLY-master-keys.json');
/** The data keys of the encrypted fixtures, wrapped by the test-only key. */
export const FIXTURE_TENANT_KEYS = join(DIR, 'tenant-keys');

/**
 * A copy of the fixture key store in a fresh temporary directory (replaying encodes too, and could create keys: the
 * committed directory stays as it is).
 */
export function fixtureKeyStoreCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'fixture-keys-')), 'tenant-keys');
  cpSync(FIXTURE_TENANT_KEYS, dir, { recursive: true });
  return dir;
}

/** Encryption with the test-only key over `tenantKeyDir` (default: a fresh copy of the fixture key store). */
export function fixtureEncryption(tenantKeyDir = fixtureKeyStoreCopy()): EncryptionConfig {
  return {
    masterKeys: readKeyFile(TEST_ONLY_KEY_FILE),
    keyFile: TEST_ONLY_KEY_FILE,
    tenantKeyDir,
    fileMode: 'private',
  };
}
