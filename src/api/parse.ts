/** Parsing of query strings and path parameters with zod, failing as a validation problem naming each field. */
import type { z } from 'zod';
import { RequestValidationError } from '../client';
import { issueFields } from '../domain/field-path';

/** Parses `value`. Thrown when invalid: `RequestValidationError` with fields under `prefix` (e.g. `query.limit`). */
export function parsePart<T extends z.ZodType>(schema: T, value: unknown, prefix: string): z.output<T> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new RequestValidationError(issueFields(prefix, parsed.error.issues));
  return parsed.data;
}
