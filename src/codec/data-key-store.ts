/**
 * The tenant key store of a process: each scope's current data key, created on first use and shared through the
 * key directory by every process (API, CLI, workers). Keys are cached in memory, but every use checks the key
 * file is still there and unchanged (one `stat`), so an erasure takes effect at once in every running process.
 * A data key wrapped by a master key this process does not know makes it read its key file again (when its keys
 * come from one): after `bulkflow keys rotate` rewrapped the keys, running processes follow without a restart.
 */
import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { randomKey } from './aes-gcm';
import {
  erasedGeneration,
  keyFilePath,
  parseDataKeyFile,
  parseDataKeyId,
  tombstonePath,
  unwrapDataKey,
  wrapDataKey,
} from './data-key-file';
import type { DataKey, DataKeyFile } from './data-key-file';
import { hasErrorName } from '../domain/errors';
import { DataKeyFileError, DataKeyNotFoundError } from './errors';
import type { MasterKeys } from './master-keys';
import { createExclusive, ensureDir, readIfPresent } from '../fs/shared-files';
import type { FileModes } from '../fs/shared-files';

interface Cached {
  /** `stampOf` the file the key was read from. */
  readonly stamp: string;
  readonly key: DataKey;
}

/** Identity of a key file's version: another inode, time or size means it must be read again. */
function stampOf(s: Stats): string {
  return `${s.ino}:${s.mtimeMs}:${s.size}`;
}

/** Attempts to create a scope's key when other processes keep erasing or creating it at the same moment. */
const CREATE_ATTEMPTS = 3;

export class DataKeyStore {
  private readonly cache = new Map<string, Cached>();
  private readonly creating = new Map<string, Promise<DataKey>>();
  private dirReady: Promise<void> | undefined;

  /**
   * @param reloadMasterKeys reads the master keys again (from the key file); absent when they cannot change
   */
  constructor(
    readonly dir: string,
    private master: MasterKeys,
    private readonly modes: FileModes,
    private readonly reloadMasterKeys?: () => MasterKeys,
  ) {}

  /** The current data key of `scope`, created (wrapped by the primary master key) when it has none. */
  async current(scope: string): Promise<DataKey> {
    const loaded = await this.load(scope);
    if (loaded) return loaded;
    let pending = this.creating.get(scope);
    if (!pending) {
      pending = this.create(scope).finally(() => this.creating.delete(scope));
      this.creating.set(scope, pending);
    }
    return pending;
  }

  /**
   * The data key named `id`. Thrown: `DataKeyNotFoundError` (erased or another directory), `MalformedKeyIdError`,
   * `UnknownMasterKeyError`, `DecryptionError`, `DataKeyFileError`.
   */
  async byId(id: string): Promise<DataKey> {
    const loaded = await this.load(parseDataKeyId(id).scope);
    if (!loaded || loaded.id !== id) throw new DataKeyNotFoundError(id, this.dir);
    return loaded;
  }

  private async load(scope: string): Promise<DataKey | undefined> {
    const path = keyFilePath(this.dir, scope);
    // Synchronous on purpose: a stat of a local file takes microseconds, a round trip through libuv's thread pool
    // many times that, on every payload batch of every process.
    const s = statSync(path, { throwIfNoEntry: false });
    if (!s) {
      this.cache.delete(scope);
      return undefined;
    }
    const stamp = stampOf(s);
    const cached = this.cache.get(scope);
    if (cached?.stamp === stamp) return cached.key;
    const text = await readIfPresent(path);
    if (text === undefined) return undefined;
    const key = this.unwrap(parseDataKeyFile(text, path, scope));
    this.cache.set(scope, { stamp, key });
    return key;
  }

  private unwrap(file: DataKeyFile): DataKey {
    try {
      return unwrapDataKey(file, this.master);
    } catch (err) {
      if (!this.reloadMasterKeys || !hasErrorName(err, 'UnknownMasterKeyError')) throw err;
      this.master = this.reloadMasterKeys();
      return unwrapDataKey(file, this.master);
    }
  }

  private async create(scope: string): Promise<DataKey> {
    this.dirReady ??= ensureDir(this.dir, this.modes);
    await this.dirReady;
    for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt += 1) {
      const tombstone = tombstonePath(this.dir, scope);
      const generation = erasedGeneration(await readIfPresent(tombstone), tombstone) + 1;
      const dataKey: DataKey = { id: `${scope}/${generation}`, key: randomKey() };
      const path = keyFilePath(this.dir, scope);
      if (await createExclusive(path, wrapDataKey(dataKey, this.master), this.modes)) {
        const created = statSync(path, { throwIfNoEntry: false });
        if (created) this.cache.set(scope, { stamp: stampOf(created), key: dataKey });
        return dataKey;
      }
      // Another process created it first: use theirs (unless it was erased again in between).
      const winner = await this.load(scope);
      if (winner) return winner;
    }
    throw new DataKeyFileError(keyFilePath(this.dir, scope), 'is created and removed by others faster than it reads');
  }
}
