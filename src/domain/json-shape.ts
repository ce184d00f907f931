/**
 * Limits on the shape of caller-supplied JSON, checked before anything recursive (schemas, digests) reads it: how
 * deep it nests, keys that reach an object's prototype when merged (`__proto__`, `constructor.prototype`), values
 * JSON cannot carry (NaN, infinities, bigints, functions: a typed client could pass them, and JSON would silently
 * turn them into something else), text with control or bidirectional characters, and keys with those or zero-width
 * ones (they hide or reorder what an operator reads in a provider's console, a log or a terminal; ids are held to
 * more by each operation's schema). Iterative, so a hostile
 * nesting cannot overflow the stack here either. Pure.
 */
import { hasControlOrBidiChars, hasLoneSurrogate, hasUnsafeChars, ILL_FORMED_REASON } from './safe-text';

/** Deepest nesting of objects and arrays a request may have; real inputs need a handful of levels. */
export const MAX_JSON_DEPTH = 32;

/** What is wrong with a JSON value, and where. */
export interface JsonShapeProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

interface Pending {
  readonly value: unknown;
  readonly path: readonly (string | number)[];
}

function keyProblem(key: string, value: unknown): string | undefined {
  if (hasLoneSurrogate(key)) return `the key ${ILL_FORMED_REASON}`;
  if (hasUnsafeChars(key)) return 'the key must not contain control, bidirectional or zero-width characters';
  if (key === '__proto__') return 'the key __proto__ is not allowed';
  if (key === 'constructor' && value !== null && typeof value === 'object' && 'prototype' in value) {
    return 'a constructor.prototype key is not allowed';
  }
  return undefined;
}

/** What is wrong with a value that is not an object or array, or `undefined`. */
function leafProblem(leaf: unknown): string | undefined {
  switch (typeof leaf) {
    case 'number':
      return Number.isFinite(leaf) ? undefined : `${String(leaf)} is not a number JSON can carry`;
    case 'string':
      if (hasLoneSurrogate(leaf)) return ILL_FORMED_REASON;
      return hasControlOrBidiChars(leaf) ? 'must not contain control or bidirectional characters' : undefined;
    case 'bigint':
    case 'function':
    case 'symbol':
      return `a ${typeof leaf} is not a JSON value`;
    case 'boolean':
    case 'object':
    case 'undefined':
      return undefined;
  }
}

/**
 * The first problem of `value` (depth beyond `maxDepth`, a prototype key, a value JSON cannot carry, unsafe text), or
 * `undefined` when it has none.
 */
export function jsonShapeProblem(value: unknown, maxDepth: number = MAX_JSON_DEPTH): JsonShapeProblem | undefined {
  const stack: Pending[] = [{ value, path: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value: node, path } = next;
    if (node === null || typeof node !== 'object') {
      const problem = leafProblem(node);
      if (problem) return { path, message: problem };
      continue;
    }
    if (path.length >= maxDepth) return { path, message: `nested deeper than ${maxDepth} levels` };
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i -= 1) stack.push({ value: node[i] as unknown, path: [...path, i] });
      continue;
    }
    const entries = Object.entries(node as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, child] = entries[i] as [string, unknown];
      const problem = keyProblem(key, child);
      if (problem) return { path: [...path, key], message: problem };
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}
