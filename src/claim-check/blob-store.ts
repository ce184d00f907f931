/**
 * A content-addressed blob store on a directory (a volume shared by the API, the CLI and the workers in
 * production). Blobs are named by their SHA-256, written atomically, and never changed or deleted by bulkflow: the
 * histories that name them are the audit record, so blobs live as long as the histories do.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

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
      `claim-check blob ${sha256} is not in ${dir} (is BULKFLOW_CLAIM_CHECK_DIR shared with every process?)`,
      options,
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
  constructor(readonly dir: string) {}

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
      await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      const tmp = `${path}.${randomUUID()}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, path);
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
