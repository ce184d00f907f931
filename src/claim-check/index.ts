/** Large payloads to a blob store, references in history (docs/architecture.md#claim-check). */
export { BlobIntegrityError, BlobNotFoundError, ClaimCheckStoreMissingError, sha256Of } from './blob-store';
export type { BlobRef, BlobStore } from './blob-store';
export { blobStoreOf } from './blob-store-of';
export { FileBlobStore } from './file-blob-store';
export { S3BlobStore } from './s3-blob-store';
export type { S3StoreSettings } from './s3-blob-store';
export {
  CLAIM_CHECK_ENCODING,
  ClaimCheckCodec,
  DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES,
  MissingBlobStoreCodec,
} from './codec';
export { CLAIM_CHECK_ENV_SHAPE, claimCheckOf } from './config';
export type { ClaimCheckConfig } from './config';
