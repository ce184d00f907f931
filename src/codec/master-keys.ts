/**
 * Master keys: several at once, one primary that wraps new data keys, all of them able to unwrap. They come from a
 * key file (`BULKFLOW_ENCRYPTION_KEY_FILE`) or the environment (`BULKFLOW_ENCRYPTION_KEYS`); both formats are
 * documented in docs/security.md and parsed here with errors that name the variable, never a key's bytes.
 *
 *     key file:     { "primary": "k2", "keys": { "k1": "<base64 of 32 bytes>", "k2": "<base64 of 32 bytes>" } }
 *     environment:  k2:<base64 of 32 bytes>,k1:<base64 of 32 bytes>      (the first one is the primary)
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../domain/errors';
import { firstField } from '../domain/field-path';
import { KEY_BYTES } from './aes-gcm';

export const KEYS_VARIABLE = 'BULKFLOW_ENCRYPTION_KEYS';
export const KEY_FILE_VARIABLE = 'BULKFLOW_ENCRYPTION_KEY_FILE';

/** The master keys of a process: every one by id, and the id of the one that wraps new data keys. */
export interface MasterKeys {
  readonly primary: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

const KeyIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, 'must be 1-32 letters, digits, "_", "." or "-", starting alphanumeric');

const Base64KeySchema = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64')
  .refine((value) => Buffer.from(value, 'base64').length === KEY_BYTES, `must be ${KEY_BYTES} bytes in base64`);

const KeyFileSchema = z
  .strictObject({ primary: KeyIdSchema, keys: z.record(KeyIdSchema, Base64KeySchema) })
  .refine((file) => Object.hasOwn(file.keys, file.primary), { message: 'names no key of "keys"', path: ['primary'] });
export type KeyFile = z.infer<typeof KeyFileSchema>;

function masterKeysOf(primary: string, entries: Iterable<readonly [string, string]>): MasterKeys {
  return { primary, keys: new Map([...entries].map(([id, key]) => [id, Buffer.from(key, 'base64')])) };
}

/** Parses `BULKFLOW_ENCRYPTION_KEYS`. Thrown when it is malformed: `ConfigError` naming the variable. */
export function parseMasterKeysEnv(value: string): MasterKeys {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new ConfigError(KEYS_VARIABLE, 'names no key');
  const pairs = entries.map((entry, index) => {
    const at = entry.indexOf(':');
    const id = KeyIdSchema.safeParse(at < 0 ? '' : entry.slice(0, at));
    if (!id.success)
      throw new ConfigError(
        `${KEYS_VARIABLE} (entry ${index + 1})`,
        `id:key expected; the id ${id.error.issues[0]?.message ?? 'is invalid'}`,
      );
    const key = Base64KeySchema.safeParse(entry.slice(at + 1));
    if (!key.success)
      throw new ConfigError(`${KEYS_VARIABLE} (key ${id.data})`, key.error.issues[0]?.message ?? 'invalid');
    return [id.data, key.data] as const;
  });
  const ids = pairs.map(([id]) => id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new ConfigError(KEYS_VARIABLE, `key id ${repeated} appears twice`);
  return masterKeysOf(ids[0] as string, pairs);
}

/** Parses the text of a key file read from `path`. Thrown when it is malformed: `ConfigError` naming the file. */
export function parseKeyFile(text: string, path: string): MasterKeys {
  const source = `${KEY_FILE_VARIABLE} (${path})`;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError(source, 'is not JSON');
  }
  const parsed = KeyFileSchema.safeParse(raw);
  if (!parsed.success) {
    const { field, message } = firstField('', parsed.error.issues);
    throw new ConfigError(`${source}: ${field}`, message);
  }
  return masterKeysOf(parsed.data.primary, Object.entries(parsed.data.keys));
}

/** Reads and parses a key file. Thrown when it cannot be read or parsed: `ConfigError` naming the file. */
export function readKeyFile(path: string): MasterKeys {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`${KEY_FILE_VARIABLE} (${path})`, `cannot be read (${code})`);
  }
  return parseKeyFile(text, path);
}

/** The key file's JSON text for `keys` (what `bulkflow keys generate` and `rotate` write). */
export function keyFileText(keys: MasterKeys): string {
  const file: KeyFile = {
    primary: keys.primary,
    keys: Object.fromEntries([...keys.keys].map(([id, key]) => [id, key.toString('base64')])),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The next free id of the form `k<n>` (`k1` for an empty set). */
export function nextKeyId(keys?: MasterKeys): string {
  const numbers = [...(keys?.keys.keys() ?? [])].map((id) => /^k(\d+)$/.exec(id)?.[1]).map(Number);
  return `k${Math.max(0, ...numbers.filter(Number.isInteger)) + 1}`;
}

/**
 * `keys` with `key` added as the new primary under `id` (default: the next free `k<n>`); the others stay for
 * reading. Thrown when `id` is taken or malformed: `ConfigError`.
 */
export function withNewPrimary(keys: MasterKeys | undefined, key: Buffer, id = nextKeyId(keys)): MasterKeys {
  const parsed = KeyIdSchema.safeParse(id);
  if (!parsed.success) throw new ConfigError('--id', parsed.error.issues[0]?.message ?? 'invalid');
  if (keys?.keys.has(id)) throw new ConfigError('--id', `key ${id} exists already`);
  return { primary: id, keys: new Map([[id, key], ...(keys?.keys ?? [])]) };
}
