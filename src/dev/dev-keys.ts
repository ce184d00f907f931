/**
 * The embedded stack encrypts by default: on its first run it creates a master key file beside its database
 * (`encryption-keys.json`, 0600) and keeps the tenant key store there too (`tenant-keys/`), unless the environment
 * configures keys of its own.
 */
import { join } from 'node:path';
import { fileModesOf } from '../fs/shared-files';
import { createKeyFile } from '../codec/key-file-admin';

export const DEV_KEY_FILE = 'encryption-keys.json';
export const DEV_TENANT_KEY_DIR = 'tenant-keys';

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
