/**
 * The one refusal of a user listed twice in a job: per-item results could not be told apart, and a provider that
 * upserts has no defined order. Every later entry is reported at its own field, naming the first. Pure and zod-free:
 * an input schema turns each problem into an issue.
 */
import { fieldPath } from '../domain/field-path';

/** One listed key and the field that holds it, e.g. `{ key: 'u1', path: ['users', 3, 'userId'] }`. */
export interface KeyedEntry {
  /** What is compared: the id itself, or a normalised form of it (Oracle's login ids, lower-cased). */
  readonly key: string;
  readonly path: readonly PropertyKey[];
  /** Said in parentheses after the message, e.g. the id as written. */
  readonly note?: string;
}

/** A later entry whose key an earlier one has: at its own path, `users[3].uid duplicates users[1].uid`. */
export interface DuplicateKeyProblem {
  readonly path: PropertyKey[];
  readonly message: string;
}

/** Every entry of `entries` (in order) whose key an earlier entry already has, each naming the first's field. */
export function duplicateKeyProblems(entries: Iterable<KeyedEntry>): DuplicateKeyProblem[] {
  const first = new Map<string, readonly PropertyKey[]>();
  const problems: DuplicateKeyProblem[] = [];
  for (const { key, path, note } of entries) {
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, path);
      continue;
    }
    const message = `${fieldPath('', path)} duplicates ${fieldPath('', seen)}${note === undefined ? '' : ` (${note})`}`;
    problems.push({ path: [...path], message });
  }
  return problems;
}
