/** Large payloads to a blob store, references in history (docs/architecture.md#claim-check). */
import type { SharedFileMode } from '../fs/shared-files';

export {
  BlobIntegrityError,
  BlobNotFoundError,
  ClaimCheckStoreMissingError,
  FileBlobStore,
  sha256Of,
} from './blob-store';
export type { BlobRef } from './blob-store';
export {
  CLAIM_CHECK_ENCODING,
  ClaimCheckCodec,
  DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES,
  MissingBlobStoreCodec,
} from './codec';

export interface ClaimCheckConfig {
  /** Directory of the blob store, shared by every client and worker of a deployment. */
  readonly dir: string;
  /** Payloads larger than this go to the store. */
  readonly thresholdBytes: number;
  /** Who may read the blobs: the owner only (default), or its group too. */
  readonly fileMode?: SharedFileMode;
}
