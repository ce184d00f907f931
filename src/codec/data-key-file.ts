/**
 * The on-disk form of the tenant key store: one file per key scope (a tenant tag, or `system`), holding the scope's
 * current data key wrapped (AES-256-GCM) by a master key, and a tombstone once the scope's key was erased, so a key
 * made after an erasure has a new id and never answers for the erased one.
 *
 *     <dir>/<scope>.key.json     { "v": 1, "id": "t0123456789abcdef/1", "wrappedBy": "k2", "wrapped": "<base64>", "createdAt": "…" }
 *     <dir>/<scope>.erased.json  { "v": 1, "generation": 1, "erasedAt": "…" }
 */
import { join } from 'node:path';
import { z } from 'zod';
import { open, seal } from './aes-gcm';
import { DataKeyFileError, DecryptionError, MalformedKeyIdError, UnknownMasterKeyError } from './errors';
import type { MasterKeys } from './master-keys';

/** The scope of payloads that belong to no tenant (tenant semaphores, jobs started before tenant-tagged ids). */
export const SYSTEM_SCOPE = 'system';
const SCOPE = /^(?:system|t[0-9a-f]{16})$/;
const DATA_KEY_ID = /^(system|t[0-9a-f]{16})\/([1-9][0-9]{0,8})$/;
const KEY_FILE_SUFFIX = '.key.json';

/** A data key in the clear, as a process holds it in memory. */
export interface DataKey {
  readonly id: string;
  readonly key: Buffer;
}

const DataKeyFileSchema = z.strictObject({
  v: z.literal(1),
  id: z.string().regex(DATA_KEY_ID),
  wrappedBy: z.string().min(1),
  wrapped: z.base64(),
  createdAt: z.string(),
});
export type DataKeyFile = z.infer<typeof DataKeyFileSchema>;

const TombstoneSchema = z.strictObject({
  v: z.literal(1),
  generation: z.number().int().positive(),
  erasedAt: z.string(),
});

/** True for a key scope: `system` or a tenant tag. */
export function isScope(scope: string): boolean {
  return SCOPE.test(scope);
}

/** The scope and generation a data key id names. Thrown when it names none: `MalformedKeyIdError`. */
export function parseDataKeyId(id: string): { readonly scope: string; readonly generation: number } {
  const match = DATA_KEY_ID.exec(id);
  if (!match) throw new MalformedKeyIdError(id);
  return { scope: match[1] as string, generation: Number(match[2]) };
}

export function keyFilePath(dir: string, scope: string): string {
  return join(dir, `${scope}${KEY_FILE_SUFFIX}`);
}

export function tombstonePath(dir: string, scope: string): string {
  return join(dir, `${scope}.erased.json`);
}

/** The scope of a key file's name, or undefined for any other file. */
export function scopeOfFileName(name: string): string | undefined {
  const scope = name.endsWith(KEY_FILE_SUFFIX) ? name.slice(0, -KEY_FILE_SUFFIX.length) : '';
  return isScope(scope) ? scope : undefined;
}

const aadOf = (dataKeyId: string): Buffer => Buffer.from(`bulkflow-data-key/v1\0${dataKeyId}`, 'utf8');

/** The file content for data key `dataKey`, wrapped by the primary master key. */
export function wrapDataKey(dataKey: DataKey, master: MasterKeys): string {
  const masterKey = master.keys.get(master.primary) as Buffer;
  const file: DataKeyFile = {
    v: 1,
    id: dataKey.id,
    wrappedBy: master.primary,
    wrapped: seal(masterKey, dataKey.key, aadOf(dataKey.id)).toString('base64'),
    createdAt: new Date().toISOString(),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads a key file's text (read from `path`, the file of `scope`). Thrown when it is not one of `scope`'s key files:
 * `DataKeyFileError`.
 */
export function parseDataKeyFile(text: string, path: string, scope: string): DataKeyFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DataKeyFileError(path, 'is not JSON');
  }
  const parsed = DataKeyFileSchema.safeParse(raw);
  if (!parsed.success) throw new DataKeyFileError(path, 'is not a bulkflow data key file');
  // A file copied or renamed onto another scope must never encrypt that scope's payloads.
  if (parseDataKeyId(parsed.data.id).scope !== scope) throw new DataKeyFileError(path, `holds key ${parsed.data.id}`);
  return parsed.data;
}

/** The data key of a key file. Thrown: `UnknownMasterKeyError`, `DecryptionError` (altered or wrong master key). */
export function unwrapDataKey(file: DataKeyFile, master: MasterKeys): DataKey {
  const masterKey = master.keys.get(file.wrappedBy);
  if (!masterKey) throw new UnknownMasterKeyError(file.wrappedBy, file.id);
  const key = open(masterKey, Buffer.from(file.wrapped, 'base64'), aadOf(file.id));
  if (!key) throw new DecryptionError(file.wrappedBy, `data key ${file.id}`);
  return { id: file.id, key };
}

/**
 * The generation of the last erased key, from the text of the tombstone at `path` (0 when there is none). Thrown
 * when the tombstone does not read: `DataKeyFileError` (a guess could give a new key an erased key's id).
 */
export function erasedGeneration(text: string | undefined, path: string): number {
  if (text === undefined) return 0;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DataKeyFileError(path, 'is not JSON');
  }
  const parsed = TombstoneSchema.safeParse(raw);
  if (!parsed.success) throw new DataKeyFileError(path, 'is not a bulkflow tombstone');
  return parsed.data.generation;
}

export function tombstoneText(generation: number): string {
  return `${JSON.stringify({ v: 1, generation, erasedAt: new Date().toISOString() }, null, 2)}\n`;
}
