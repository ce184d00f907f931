/**
 * Files that hold user data or keys (claim-check blobs, data keys, key files): private to the user that runs
 * bulkflow by default (0600 files, 0700 directories), or readable by its group when the API, the CLI and the
 * workers run as different users of one group (`BULKFLOW_SHARED_FILE_MODE=group`: 0640 and 0750). Modes are set
 * explicitly, so a permissive umask cannot widen them.
 */
import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';

export const SHARED_FILE_MODES = ['private', 'group'] as const;
export type SharedFileMode = (typeof SHARED_FILE_MODES)[number];

export interface FileModes {
  readonly file: number;
  readonly dir: number;
}

/** The file and directory modes of a sharing mode. */
export function fileModesOf(mode: SharedFileMode): FileModes {
  return mode === 'group' ? { file: 0o640, dir: 0o750 } : { file: 0o600, dir: 0o700 };
}

/** Creates `dir` (and its missing parents) with the directory mode, and sets that mode on `dir` itself. */
export async function ensureDir(dir: string, modes: FileModes): Promise<void> {
  await mkdir(dir, { recursive: true, mode: modes.dir });
  await chmod(dir, modes.dir);
}

async function writeTemp(path: string, bytes: Uint8Array | string, modes: FileModes): Promise<string> {
  const tmp = `${path}.${randomUUID()}.tmp`;
  await writeFile(tmp, bytes, { mode: modes.file, flag: 'wx' });
  await chmod(tmp, modes.file);
  return tmp;
}

/**
 * Writes `path` only if it does not exist yet, whole or not at all: the bytes go to a temporary file that is then
 * hard-linked to `path`, which fails when `path` exists. Returns false when another writer got there first.
 */
export async function createExclusive(path: string, bytes: Uint8Array | string, modes: FileModes): Promise<boolean> {
  const tmp = await writeTemp(path, bytes, modes);
  try {
    await link(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(tmp);
  }
}

/** Replaces `path` atomically (readers see the old bytes or the new, never a part). */
export async function replaceAtomically(path: string, bytes: Uint8Array | string, modes: FileModes): Promise<void> {
  const tmp = await writeTemp(path, bytes, modes);
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** The text of `path`, or undefined when there is no such file (any other error is thrown). */
export async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
