/** The first problem a zod schema finds in a value, with its path as zod gives it (`['users', 3, 'phoneNumber']`). */
import type { z } from 'zod';

export interface FirstIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** The first issue `schema` reports for `value`. Thrown when `value` is accepted. */
export function firstIssue(schema: z.ZodType, value: unknown): FirstIssue {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('the value was accepted');
  const [issue] = result.error.issues;
  if (issue === undefined) throw new Error('the value was refused without an issue');
  return { path: issue.path, message: issue.message };
}
