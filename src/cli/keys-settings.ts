/** What the `bulkflow keys` commands read from the environment: the key file, the tenant key store, file modes. */
import { fileModesOf } from '../fs/shared-files';
import type { FileModes } from '../fs/shared-files';
import type { EncryptionConfig } from '../codec/encryption-config';
import { ConfigError } from '../domain/errors';
import { temporalConfig } from './context';
import type { CliIo } from './context';

/**
 * The encryption settings of the environment (beside `npm start`, those of its descriptor). Thrown when none are
 * configured: `ConfigError`.
 */
export function encryptionOf(io: CliIo): EncryptionConfig {
  const { encryption } = temporalConfig(io);
  if (!encryption) {
    throw new ConfigError(
      'BULKFLOW_ENCRYPTION_KEY_FILE',
      'not set: the keys commands work on the key file and BULKFLOW_TENANT_KEY_DIR of the deployment',
    );
  }
  return encryption;
}

/** The key file of the environment. Thrown when the master keys come from BULKFLOW_ENCRYPTION_KEYS instead. */
export function keyFileOf(encryption: EncryptionConfig): string {
  if (encryption.keyFile === undefined) {
    throw new ConfigError(
      'BULKFLOW_ENCRYPTION_KEYS',
      'rotate writes a key file (BULKFLOW_ENCRYPTION_KEY_FILE); with keys in the environment, add a key from ' +
        '`bulkflow keys generate --env` as the first entry everywhere, then run `bulkflow keys rewrap`',
    );
  }
  return encryption.keyFile;
}

export function modesOf(encryption: EncryptionConfig): FileModes {
  return fileModesOf(encryption.fileMode);
}
