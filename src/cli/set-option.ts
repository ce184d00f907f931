/**
 * `--set key=value`: a top-level field of the operation's input. The key must be one the operation's input schema
 * lists: anything else (`__proto__`, `constructor`, `prototype`, a typo) is refused, naming the option, never dropped
 * silently while the job starts.
 */
import { InvalidRequestError } from '../domain/errors';
import { clip } from '../domain/issue-list';
import type { JsonSchema } from '../csv-items';

/** Keys that reach an object's prototype, refused even where a schema were to list them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Longest key quoted back in an error. */
const MAX_KEY_CHARS = 100;

/** `key=value` split at the first `=`. Thrown when there is no key: `InvalidRequestError` on `--set`. */
export function splitSet(pair: string): [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0)
    throw new InvalidRequestError('--set', `expected key=value, got ${JSON.stringify(clip(pair, MAX_KEY_CHARS))}`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}

/** Thrown when `key` is not a field of the operation's input: `InvalidRequestError` on `--set`, listing the fields. */
export function checkSetKey(operationId: string, schema: JsonSchema, key: string): void {
  const fields = Object.keys(schema.properties ?? {});
  if (!PROTOTYPE_KEYS.has(key) && fields.includes(key)) return;
  const shown = JSON.stringify(clip(key, MAX_KEY_CHARS));
  throw new InvalidRequestError(
    '--set',
    `${shown} is not an input field of ${operationId} (fields: ${fields.join(', ') || 'none'})`,
  );
}
