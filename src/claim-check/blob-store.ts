/**
 * A content-addressed blob store on a directory (a volume shared by the API, the CLI and the workers in
 * production). Blobs are named by their SHA-256, written atomically, and never changed or deleted by bulkflow: the
 * histories that name them are the audit record, so blobs live as long as the histories do. Files are 0600 and
 * directories 0700 unless the deployment shares them with a group (src/fs/shared-files.ts).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDir, fileModesOf, replaceAtomically } from '../fs/shared-files';
import type { FileModes } from '../fs/shared-files';

export interface BlobRef {
  readonly sha256: string;
  readonly bytes: number;
}

export class BlobNotFoundError extends Error {
  override readonly name = 'BlobNotFoundError';
  constructor(
    readonly sha256: string,
    readonly dir: string,
    options?: { cause?: unknown },
  ) {
    super(
      // The directory is a property, not part of the message: messages reach job failures and API answers.
      `claim-check blob ${sha256} is not in the blob store (is BULKFLOW_CLAIM_CHECK_DIR shared with every process?)`,
      options,
    );
  }
}

/** Thrown when a process without a blob store (`BULKFLOW_CLAIM_CHECK_DIR` unset) meets a payload kept in one. */
export class ClaimCheckStoreMissingError extends Error {
  override readonly name = 'ClaimCheckStoreMissingError';
  constructor() {
    super(
      "this job's data is kept in a claim-check blob store and this process has none: set BULKFLOW_CLAIM_CHECK_DIR " +
        'to the folder the workers share (beside `npm start`, leave TEMPORAL_ADDRESS unset and it is read from its ' +
        'stack.json)',
    );
  }
}

export class BlobIntegrityError extends Error {
  override readonly name = 'BlobIntegrityError';
  constructor(readonly sha256: string) {
    super(`claim-check blob ${sha256} does not match its digest`);
  }
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class FileBlobStore {
  constructor(
    readonly dir: string,
    private readonly modes: FileModes = fileModesOf('private'),
  ) {}

  private pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** Stores `bytes` (once: a blob already there is left as is) and returns its reference. */
  async put(bytes: Uint8Array): Promise<BlobRef> {
    const sha256 = sha256Of(bytes);
    const path = this.pathOf(sha256);
    const exists = await stat(path).then(
      (s) => s.size === bytes.length,
      () => false,
    );
    if (!exists) {
      await ensureDir(this.dir, this.modes);
      await ensureDir(join(this.dir, sha256.slice(0, 2)), this.modes);
      await replaceAtomically(path, bytes, this.modes);
    }
    return { sha256, bytes: bytes.length };
  }

  /** The blob `ref` names. Thrown: `BlobNotFoundError`, `BlobIntegrityError` when the bytes are not the blob's. */
  async get(ref: BlobRef): Promise<Uint8Array> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(ref.sha256));
    } catch (err) {
      throw new BlobNotFoundError(ref.sha256, this.dir, { cause: err });
    }
    if (sha256Of(bytes) !== ref.sha256) throw new BlobIntegrityError(ref.sha256);
    return bytes;
  }
}
