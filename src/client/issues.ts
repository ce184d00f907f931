/** zod issues as `{ field, message }` pairs with paths such as `input.users[3].phoneNumber`. */
import type { ValidationIssue } from './errors';

export interface IssueLike {
  readonly code?: string;
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
  readonly keys?: readonly string[];
}

/** Formats `['users', 3, 'phoneNumber']` under `prefix` as `input.users[3].phoneNumber`. */
export function fieldPath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  const out = path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    prefix,
  );
  return out || '(request)';
}

/** zod issues as field/message pairs; an unknown key is reported at its own path. */
export function toIssues(prefix: string, issues: readonly IssueLike[]): ValidationIssue[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' && issue.keys
      ? issue.keys.map((key) => ({ field: fieldPath(prefix, [...issue.path, key]), message: 'unknown field' }))
      : [{ field: fieldPath(prefix, issue.path), message: issue.message }],
  );
}
