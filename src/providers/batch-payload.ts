/** A planned batch's payload, parsed again where an operation uses it: it crossed Temporal as plain JSON. */
import type { z } from 'zod';
import { InvalidRequestError } from '../domain/errors';
import { issuesText } from '../domain/field-path';
import type { PlannedBatch } from '../domain/job';

/** The payload of `batch` as `schema` reads it. Thrown when it does not match: InvalidRequestError on `batch.payload`. */
export function batchPayload<T>(schema: z.ZodType<T>, batch: PlannedBatch): T {
  const parsed = schema.safeParse(batch.payload);
  if (!parsed.success) throw new InvalidRequestError('batch.payload', issuesText(parsed.error.issues));
  return parsed.data;
}
