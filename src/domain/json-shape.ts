/**
 * Limits on the shape of caller-supplied JSON, checked before anything recursive (schemas, digests) reads it: how
 * deep it nests, and keys that reach an object's prototype when merged (`__proto__`, `constructor.prototype`).
 * Iterative, so a hostile nesting cannot overflow the stack here either. Pure.
 */

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
  if (key === '__proto__') return 'the key __proto__ is not allowed';
  if (key === 'constructor' && value !== null && typeof value === 'object' && 'prototype' in value) {
    return 'a constructor.prototype key is not allowed';
  }
  return undefined;
}

/** The first problem of `value` (depth beyond `maxDepth`, or a prototype key), or `undefined` when it has none. */
export function jsonShapeProblem(value: unknown, maxDepth: number = MAX_JSON_DEPTH): JsonShapeProblem | undefined {
  const stack: Pending[] = [{ value, path: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value: node, path } = next;
    if (node === null || typeof node !== 'object') continue;
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
