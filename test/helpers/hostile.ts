/**
 * Hostile input for the fuzz tests (fast-check): strings and values that have broken parsers elsewhere (huge,
 * deeply nested, prototype keys, NaN and negative numbers, control, bidi and zero-width characters), each operation's
 * sample input to plant them in (its samples, gathered in src/simulator-registry.ts), and the run settings (fixed
 * seed, so a CI run is reproducible; BULKFLOW_FUZZ_SEED=<n> explores another).
 */
import fc from 'fast-check';
import type { OperationId } from '../../src/domain/job';
import { fieldPath } from '../../src/domain/field-path';
import { samplesOf } from '../../src/simulator-registry';

/** fast-check settings of every fuzz property. */
export const FUZZ: fc.Parameters<unknown> = {
  seed: Number(process.env['BULKFLOW_FUZZ_SEED'] ?? 20_261_129),
  numRuns: 150,
};

/** Characters that break or reorder text: C0/C1 controls, DEL, line separators, bidi marks, overrides, isolates. */
export const UNSAFE_CHARS = [
  '\u0000',
  '\u0007',
  '\n',
  '\r',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u061c',
  '\u200e',
  '\u2028',
  '\u202e',
  '\u2066',
];

/** Zero-width characters: allowed in text (scripts and emoji use them), refused in ids. */
export const ZERO_WIDTH_CHARS = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];

const around = (chars: readonly string[]) =>
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...chars), fc.string({ maxLength: 8 }))
    .map(([a, ch, b]) => `a${a}${ch}${b}`);

/** A string holding at least one control or bidi character somewhere: refused in any text. */
export const unsafeText = around(UNSAFE_CHARS);

/** A string holding a zero-width character: refused in ids. */
export const zeroWidthText = around(ZERO_WIDTH_CHARS);

/** Short strings a parser may choke on. */
export const hostileShortString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  unsafeText,
  fc.constantFrom('__proto__', 'constructor', 'prototype', '', ' ', '../..', '%2e%2e', '?x=1#y', '=cmd|x', '\\\\x'),
);

/** Strings a parser may choke on, huge ones included. */
export const hostileString = fc.oneof(
  hostileShortString,
  fc.integer({ min: 10_000, max: 2_000_000 }).map((n) => 'x'.repeat(n)),
);

/** Numbers a schema may let through: NaN, infinities, negatives, -0, fractions and huge integers. */
export const hostileNumber = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, -1, 0.5, Number.MAX_SAFE_INTEGER + 2, -(2 ** 53)),
  fc.double(),
  fc.integer(),
);

/** `depth` levels of arrays or objects around `leaf`. */
export function nested(depth: number, leaf: unknown = 1, kind: 'array' | 'object' = 'array'): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** An object whose own keys include `__proto__` or `constructor.prototype`, as JSON.parse makes them. */
export const prototypeKeyed = fc
  .tuple(fc.constantFrom('{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}'), fc.boolean())
  .map(([text, wrap]) => {
    const value = JSON.parse(text) as unknown;
    return wrap ? { users: [value] } : value;
  });

/** Any hostile value: the above, and JSON-like trees of them. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  prototypeKeyed,
  fc.integer({ min: 30, max: 3_000 }).map((depth) => nested(depth)),
  fc.integer({ min: 30, max: 3_000 }).map((depth) => nested(depth, 'x', 'object')),
  fc.constantFrom(null, undefined, true, false, [], {}),
  fc.jsonValue({ maxDepth: 4 }),
);

/** Fields whose value is free JSON (e.g. FullStory's custom properties): any JSON value is taken there. */
export function isFreeForm(operation: OperationId, path: ReadonlyArray<string | number>): boolean {
  return (samplesOf(operation).freeFormKeys ?? []).some((key) => path.includes(key));
}

/** True when the leaf at `path` is an id of `operation` (held to more than free text; a list of ids by its name). */
export function isIdPath(operation: OperationId, path: ReadonlyArray<string | number>): boolean {
  const key = typeof path.at(-1) === 'number' ? path.at(-2) : path.at(-1);
  return typeof key === 'string' && samplesOf(operation).idKeys.includes(key);
}

/** A valid input of each operation, small, with every kind of field it has filled in (a fresh copy). */
export function sampleInput(operation: OperationId): Record<string, unknown> {
  return structuredClone(samplesOf(operation).input);
}

/** Every path to a leaf (string, number, boolean) of `value`, e.g. `['users', 0, 'userId']`. */
export function leafPaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((item, i) => leafPaths(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...path, key]));
  }
  return [path];
}

/** A deep copy of `value` with the leaf at `path` replaced by `leaf`. */
export function withLeaf(value: unknown, path: ReadonlyArray<string | number>, leaf: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return leaf;
  if (Array.isArray(value)) {
    return (value as unknown[]).map((item, i) => (i === head ? withLeaf(item, rest, leaf) : item));
  }
  const object = value as Record<string, unknown>;
  return { ...object, [head]: withLeaf(object[head], rest, leaf) };
}

/** The field name bulkflow gives `path` under `input`. */
export function inputField(path: ReadonlyArray<string | number>): string {
  return fieldPath('input', path);
}

/** True when an issue's `field` names `path` itself or something inside it. */
export function namesField(field: string, path: string): boolean {
  return field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`);
}
