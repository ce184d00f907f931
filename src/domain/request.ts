/** The request envelope schema, shared by the client, the API and the CLI. Operation input is checked later by the operation's own schema. */
import { z } from 'zod';
import { OPERATION_IDS } from './job';
import type { BulkJobRequest } from './job';
import { InvalidRequestError } from './errors';
import { firstField } from './field-path';

export const BulkJobRequestSchema = z
  .object({
    operation: z.enum(OPERATION_IDS),
    connection: z.string().min(1).max(100).default('default'),
    tenant: z.string().min(1).max(200).optional(),
    dryRun: z.boolean().default(false),
    input: z.unknown().refine((value) => value !== undefined, 'input is required'),
  })
  .strict();

/** Parses a request envelope. Thrown when invalid: `InvalidRequestError` naming the field. */
export function parseBulkJobRequest(raw: unknown): BulkJobRequest {
  const result = BulkJobRequestSchema.safeParse(raw);
  if (!result.success) {
    const { field, message } = firstField('', result.error.issues);
    throw new InvalidRequestError(field, message);
  }
  const { tenant, ...rest } = result.data;
  return tenant === undefined ? rest : { ...rest, tenant };
}
