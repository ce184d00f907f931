/**
 * Payload encryption with per-tenant data keys, and key administration. The data converter that puts it together
 * with the claim check is src/data-converter.
 */
export type { EncryptionConfig } from './encryption-config';
export { DataKeyStore } from './data-key-store';
export { SYSTEM_SCOPE } from './data-key-file';
export {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  KEY_ID_METADATA,
  isEncrypted,
  keyIdOf,
  scopeOf,
} from './encryption-codec';
export {
  DataKeyFileError,
  DataKeyNotFoundError,
  DecryptionError,
  KeyStoreBusyError,
  MalformedKeyIdError,
  PayloadKeysMissingError,
  PlaintextInputError,
  UnknownMasterKeyError,
} from './errors';
export { MissingKeysCodec } from './missing-keys-codec';
export {
  KEYS_VARIABLE,
  KEY_FILE_VARIABLE,
  keyFileText,
  parseKeyFile,
  parseMasterKeysEnv,
  readKeyFile,
} from './master-keys';
export type { MasterKeys } from './master-keys';
