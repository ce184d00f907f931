/**
 * Writing master key files (`bulkflow keys generate`, `bulkflow keys rotate`, and the embedded stack's first run).
 * A key file is created only where none exists, and replaced atomically, so a process that reads it (again, after
 * a rotation) never sees half of one.
 */
import { randomKey } from './aes-gcm';
import { keyFileText, readKeyFile, withNewPrimary } from './master-keys';
import type { MasterKeys } from './master-keys';
import { createExclusive, replaceAtomically } from '../fs/shared-files';
import type { FileModes } from '../fs/shared-files';

/**
 * Creates a key file at `path` holding one new random key, primary, under `id` (default `k1`). Returns the keys, or
 * undefined when a file is there already (it is left as it is).
 */
export async function createKeyFile(path: string, modes: FileModes, id?: string): Promise<MasterKeys | undefined> {
  const keys = withNewPrimary(undefined, randomKey(), id);
  return (await createExclusive(path, keyFileText(keys), modes)) ? keys : undefined;
}

/**
 * Adds a new random key to the key file at `path` as its primary (under `id`, default the next `k<n>`), keeping
 * the others for reading. Returns the new keys. Thrown when the file does not read or `id` is taken: `ConfigError`.
 */
export async function addPrimaryKey(path: string, modes: FileModes, id?: string): Promise<MasterKeys> {
  const keys = withNewPrimary(readKeyFile(path), randomKey(), id);
  await replaceAtomically(path, keyFileText(keys), modes);
  return keys;
}
