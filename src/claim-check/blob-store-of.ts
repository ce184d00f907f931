/** The one place a claim-check configuration becomes a blob store, for every process that builds a data converter. */
import { fileModesOf } from '../fs/shared-files';
import type { BlobStore } from './blob-store';
import type { ClaimCheckConfig } from './config';
import { FileBlobStore } from './file-blob-store';
import { S3BlobStore } from './s3-blob-store';

/** The blob store `config` names: its bucket, else its directory. */
export function blobStoreOf(config: ClaimCheckConfig): BlobStore {
  if (config.s3) return new S3BlobStore(config.s3);
  return new FileBlobStore(config.dir, fileModesOf(config.fileMode ?? 'private'));
}
