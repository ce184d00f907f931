/**
 * The blob store on a directory (a volume shared by the API, the CLI and the workers of one machine or an NFS
 * mount). Blobs are written atomically, as `<dir>/<first two hex digits>/<sha256>`; files are 0600 and directories
 * 0700 unless the deployment shares them with a group (src/fs/shared-files.ts).
 */
import { readFile, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDir, fileModesOf, replaceAtomically } from '../fs/shared-files';
import type { FileModes } from '../fs/shared-files';
import { BlobNotFoundError, checkedBlob, sha256Of } from './blob-store';
import type { BlobRef, BlobStore } from './blob-store';

export class FileBlobStore implements BlobStore {
  constructor(
    readonly dir: string,
    private readonly modes: FileModes = fileModesOf('private'),
  ) {}

  get location(): string {
    return this.dir;
  }

  private pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /**
   * Stores `bytes` once; a blob already there keeps its bytes and gets a fresh mtime, so a sweep by mtime counts
   * from the last payload that referenced it.
   */
  async put(bytes: Uint8Array): Promise<BlobRef> {
    const sha256 = sha256Of(bytes);
    const path = this.pathOf(sha256);
    if (!(await this.touchIfPresent(path, bytes.length))) {
      await ensureDir(this.dir, this.modes);
      await ensureDir(join(this.dir, sha256.slice(0, 2)), this.modes);
      await replaceAtomically(path, bytes, this.modes);
    }
    return { sha256, bytes: bytes.length };
  }

  /** True when `path` holds a blob of `size` bytes, whose times are then set to now. */
  private async touchIfPresent(path: string, size: number): Promise<boolean> {
    const present = await stat(path).then(
      (s) => s.size === size,
      () => false,
    );
    if (!present) return false;
    const now = new Date();
    // A sweep may have removed it in between: then it is written again.
    return utimes(path, now, now).then(
      () => true,
      () => false,
    );
  }

  async get(ref: BlobRef): Promise<Uint8Array> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(ref.sha256));
    } catch (err) {
      throw new BlobNotFoundError(ref.sha256, this.dir, { cause: err });
    }
    return checkedBlob(ref, bytes);
  }
}
