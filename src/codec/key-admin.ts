/**
 * Key administration on a tenant key store (the `bulkflow keys` commands): rewrap every data key under the primary
 * master key, report which master keys still wrap data keys, and erase a scope's data key. Each holds the store's
 * lock file while it works, so a rewrap can never write back a key that an erasure just removed.
 */
import { open as openFile, readFile, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  erasedGeneration,
  keyFilePath,
  parseDataKeyFile,
  parseDataKeyId,
  scopeOfFileName,
  tombstonePath,
  tombstoneText,
  unwrapDataKey,
  wrapDataKey,
} from './data-key-file';
import { hasErrorName } from '../domain/errors';
import { KeyStoreBusyError } from './errors';
import type { MasterKeys } from './master-keys';
import { ensureDir, readIfPresent, replaceAtomically } from '../fs/shared-files';
import type { FileModes } from '../fs/shared-files';

const LOCK_FILE = '.admin.lock';

/** Runs `work` holding the store's lock. Thrown when another administration holds it: `KeyStoreBusyError`. */
async function withLock<T>(dir: string, modes: FileModes, work: () => Promise<T>): Promise<T> {
  await ensureDir(dir, modes);
  const path = join(dir, LOCK_FILE);
  const handle = await openFile(path, 'wx', modes.file).catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'EEXIST' ? new KeyStoreBusyError(path) : err;
  });
  try {
    await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
    await handle.close();
    return await work();
  } finally {
    await unlink(path);
  }
}

async function scopesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  return names.flatMap((name) => scopeOfFileName(name) ?? []).sort();
}

export interface RewrapReport {
  /** Data keys rewrapped by this call. */
  readonly rewrapped: number;
  /** Data keys per master key id, after the call (every one under the primary unless a process created more). */
  readonly wrappedBy: Readonly<Record<string, number>>;
}

/**
 * Rewraps every data key of `dir` under the primary of `master` (which must also hold the keys they are wrapped by
 * now). Payloads need no rewriting. Thrown: `KeyStoreBusyError`, `UnknownMasterKeyError`, `DataKeyFileError`.
 */
export async function rewrapAll(dir: string, master: MasterKeys, modes: FileModes): Promise<RewrapReport> {
  return withLock(dir, modes, async () => {
    let rewrapped = 0;
    const wrappedBy: Record<string, number> = {};
    for (const scope of await scopesIn(dir)) {
      const path = keyFilePath(dir, scope);
      const file = parseDataKeyFile(await readFile(path, 'utf8'), path, scope);
      if (file.wrappedBy !== master.primary) {
        await replaceAtomically(path, wrapDataKey(unwrapDataKey(file, master), master), modes);
        rewrapped += 1;
      }
      wrappedBy[master.primary] = (wrappedBy[master.primary] ?? 0) + 1;
    }
    return { rewrapped, wrappedBy };
  });
}

/** How many data keys of `dir` each master key wraps. Thrown on an unreadable key file: `DataKeyFileError`. */
export async function wrappingUsage(dir: string): Promise<Record<string, number>> {
  const usage: Record<string, number> = {};
  for (const scope of await scopesIn(dir)) {
    const path = keyFilePath(dir, scope);
    const { wrappedBy } = parseDataKeyFile(await readFile(path, 'utf8'), path, scope);
    usage[wrappedBy] = (usage[wrappedBy] ?? 0) + 1;
  }
  return usage;
}

/**
 * Deletes the data key of `scope`, leaving a tombstone so the scope's next key gets a new id. Every payload sealed
 * under the erased key is unreadable from then on, wherever it is kept. Returns the erased key's id, or undefined
 * when the scope had no key. Thrown: `KeyStoreBusyError`, `DataKeyFileError` (an unreadable tombstone).
 */
export async function eraseScope(dir: string, scope: string, modes: FileModes): Promise<string | undefined> {
  return withLock(dir, modes, async () => {
    const path = keyFilePath(dir, scope);
    const text = await readIfPresent(path);
    if (text === undefined) return undefined;
    const tombstone = tombstonePath(dir, scope);
    const previous = erasedGeneration(await readIfPresent(tombstone), tombstone);
    let id: string | undefined;
    try {
      id = parseDataKeyFile(text, path, scope).id;
    } catch (err) {
      // An unreadable key file is erased all the same; its generation is then only known to be past the last.
      if (!hasErrorName(err, 'DataKeyFileError')) throw err;
    }
    const generation = id === undefined ? previous + 1 : Math.max(previous, parseDataKeyId(id).generation);
    // Tombstone first: a process creating the scope's next key after the unlink must see it.
    await replaceAtomically(tombstone, tombstoneText(generation), modes);
    await unlink(path);
    return id ?? `${scope}/${generation}`;
  });
}
