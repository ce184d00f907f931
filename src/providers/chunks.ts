/** Cutting an operation's list into batches: consecutive runs of at most the provider's size, in input order. */

/** A run of consecutive items; `start` is the index of its first item in the whole list. */
export interface Chunk<T> {
  readonly start: number;
  readonly items: T[];
}

/**
 * `items` cut, in order, into runs of at most `size` (only the last may be shorter; none for an empty list). Pure.
 * Thrown when `size` is not a positive integer: RangeError (no run could ever end).
 */
export function chunksOf<T>(items: readonly T[], size: number): Chunk<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, not ${size}`);
  const chunks: Chunk<T>[] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push({ start, items: items.slice(start, start + size) });
  }
  return chunks;
}
