/** Large payloads to a blob store, references in history (docs/architecture.md#claim-check). */
import type { DataConverter } from '@temporalio/common';
import { FileBlobStore } from './blob-store';
import { ClaimCheckCodec } from './codec';

export { BlobIntegrityError, BlobNotFoundError, FileBlobStore, sha256Of } from './blob-store';
export type { BlobRef } from './blob-store';
export { CLAIM_CHECK_ENCODING, ClaimCheckCodec, DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES } from './codec';

export interface ClaimCheckConfig {
  /** Directory of the blob store, shared by every client and worker of a deployment. */
  readonly dir: string;
  /** Payloads larger than this go to the store. */
  readonly thresholdBytes: number;
}

/** The data converter for a claim-check configuration (the SDK's default when there is none). */
export function dataConverterFor(claimCheck: ClaimCheckConfig | undefined): DataConverter | undefined {
  if (!claimCheck) return undefined;
  return { payloadCodecs: [new ClaimCheckCodec(new FileBlobStore(claimCheck.dir), claimCheck.thresholdBytes)] };
}
