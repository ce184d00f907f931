/**
 * The embedded stack's secrets, made on its first run beside its database (0600) and kept there, unless the
 * environment configures its own: it encrypts by default, with a master key file (`encryption-keys.json`) and the
 * tenant key store (`tenant-keys/`), signs listing cursors with a key of its own (`cursor-secret`), and its codec
 * server takes a token of its own (`codec-token`).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createExclusive, fileModesOf, readIfPresent } from '../fs/shared-files';
import { createKeyFile } from '../codec/key-file-admin';

export const DEV_KEY_FILE = 'encryption-keys.json';
export const DEV_TENANT_KEY_DIR = 'tenant-keys';
export const DEV_CURSOR_SECRET_FILE = 'cursor-secret';
/** The bearer token of the embedded stack's codec server, for callers other than its Web UI (the `temporal` CLI). */
export const DEV_CODEC_TOKEN_FILE = 'codec-token';

/**
 * The secret kept in the file `name` of `dataDir`: made (32 random bytes, base64url) on first use, read afterwards,
 * so it outlives restarts. Two processes starting at once agree: the file is created exclusively.
 */
export async function keptDevSecret(dataDir: string, name: string): Promise<string> {
  const path = join(dataDir, name);
  await createExclusive(path, randomBytes(32).toString('base64url'), fileModesOf('private'));
  return ((await readIfPresent(path)) ?? '').trim();
}

/** `BULKFLOW_CURSOR_SECRET` for the embedded stack of `dataDir`, unless `env` sets one. */
export async function devCursorSecretEnv(
  dataDir: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Record<string, string>> {
  if (env['BULKFLOW_CURSOR_SECRET']) return {};
  return { BULKFLOW_CURSOR_SECRET: await keptDevSecret(dataDir, DEV_CURSOR_SECRET_FILE) };
}

/** The encryption settings the embedded stack adds to `env` for its data directory `dataDir`. */
export async function devEncryptionEnv(
  dataDir: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Record<string, string>> {
  if (env['BULKFLOW_ENCRYPTION_KEYS'] || env['BULKFLOW_ENCRYPTION_KEY_FILE']) return {};
  const keyFile = join(dataDir, DEV_KEY_FILE);
  await createKeyFile(keyFile, fileModesOf('private'));
  return {
    BULKFLOW_ENCRYPTION_KEY_FILE: keyFile,
    BULKFLOW_TENANT_KEY_DIR: env['BULKFLOW_TENANT_KEY_DIR'] || join(dataDir, DEV_TENANT_KEY_DIR),
  };
}
