/** What payload encryption is built from: the master keys, and the tenant key store that their data keys live in. */
import type { SharedFileMode } from '../fs/shared-files';
import type { MasterKeys } from './master-keys';

export interface EncryptionConfig {
  readonly masterKeys: MasterKeys;
  /** The key file the master keys were read from, read again when a data key names a master key not in them. */
  readonly keyFile?: string;
  /** The tenant key store, shared by every process of a deployment. */
  readonly tenantKeyDir: string;
  readonly fileMode: SharedFileMode;
}
