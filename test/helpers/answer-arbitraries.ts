/** fast-check arbitraries shared by the property tests of provider answers. */
import fc from 'fast-check';

/** Any text, unicode graphemes included (combining marks, emoji, right-to-left scripts). */
export const unicodeText = fc.string({ unit: 'grapheme', maxLength: 16 });

/** A word the provider does not document: never one of `documented`. */
export function unknownWord(documented: readonly string[]): fc.Arbitrary<string> {
  return fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((word) => !documented.includes(word));
}

/** A documented word, or (as often) one the provider may add later. */
export function statusWord(documented: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...documented), unknownWord(documented));
}

/** Fields a provider may add that bulkflow does not model, under names it never reads (any JSON value). */
export const extraFields: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).map((key) => `extra_${key}`),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 3 },
);

/** A reference no item of a batch has: a user the provider names that was never sent. */
export const strangerRef = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).map((s) => `stranger-${s}`);

/** `rows` cut into pages of `size` (at least one page, empty when there are no rows). */
export function pagesOf<T>(rows: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let at = 0; at < rows.length; at += size) pages.push(rows.slice(at, at + size));
  return pages.length > 0 ? pages : [[]];
}

/** `items` in the order of `keys` (one sort key per item, from the generator): a shuffle that shrinks well. */
export function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i] ?? i }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);
}
