/**
 * What the claim check keeps its blobs in (docs/architecture.md#claim-check): a content-addressed store, named by the
 * SHA-256 of each blob, shared by every client and worker of a deployment. Two stores implement it: a directory
 * (`FileBlobStore`) and an S3-compatible bucket (`S3BlobStore`). Blobs are never changed or deleted by bulkflow;
 * what removes them, and when, is the deployment's (docs/deployment.md#claim-check-blob-lifetime).
 */
import { createHash } from 'node:crypto';

export interface BlobRef {
  readonly sha256: string;
  readonly bytes: number;
}

/**
 * A content-addressed blob store. `put` is idempotent, and a put of a blob already there refreshes its age, so a
 * removal by age (an S3 lifecycle rule, a sweep by mtime) counts from the last time any payload referenced it.
 */
export interface BlobStore {
  /** Where the blobs are, for operators (a directory, `s3://bucket/prefix`); never part of an error message. */
  readonly location: string;
  /** Stores `bytes` (or refreshes the age of the same blob already there) and returns its reference. */
  put(bytes: Uint8Array): Promise<BlobRef>;
  /** The blob `ref` names. Thrown: `BlobNotFoundError`, `BlobIntegrityError` when the bytes are not the blob's. */
  get(ref: BlobRef): Promise<Uint8Array>;
}

/** The settings that choose the blob store; an error names them, since every process must set the same one. */
const STORE_SETTINGS = 'BULKFLOW_CLAIM_CHECK_DIR or BULKFLOW_CLAIM_CHECK_S3_BUCKET';

/** Thrown when the blob a reference names is not in the store (another store, or removed). */
export class BlobNotFoundError extends Error {
  override readonly name = 'BlobNotFoundError';
  constructor(
    readonly sha256: string,
    readonly location: string,
    options?: { cause?: unknown },
  ) {
    super(
      // The location is a property, not part of the message: messages reach job failures and API answers.
      `claim-check blob ${sha256} is not in the blob store (do every process share one store, ${STORE_SETTINGS}, ` +
        'and does the store keep blobs as long as the histories that reference them?)',
      options,
    );
  }
}

/** Thrown when a process without a blob store meets a payload kept in one. */
export class ClaimCheckStoreMissingError extends Error {
  override readonly name = 'ClaimCheckStoreMissingError';
  constructor() {
    super(
      `this job's data is kept in a claim-check blob store and this process has none: set ${STORE_SETTINGS} ` +
        'as the workers have it (beside `npm start`, leave TEMPORAL_ADDRESS unset and it is read from its ' +
        'stack.json)',
    );
  }
}

/** Thrown when a blob's bytes do not hash to the digest its reference names. */
export class BlobIntegrityError extends Error {
  override readonly name = 'BlobIntegrityError';
  constructor(readonly sha256: string) {
    super(`claim-check blob ${sha256} does not match its digest`);
  }
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `bytes` when they are the blob `ref` names. Thrown when they are not: `BlobIntegrityError`. */
export function checkedBlob(ref: BlobRef, bytes: Uint8Array): Uint8Array {
  if (sha256Of(bytes) !== ref.sha256) throw new BlobIntegrityError(ref.sha256);
  return bytes;
}
