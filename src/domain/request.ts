/** The request envelope schema, shared by the client, the API and the CLI. Operation input is checked later by the operation's own schema. */
import { z } from 'zod';
import { OPERATION_IDS } from './job';
import type { BulkJobRequest } from './job';
import { InvalidRequestError } from './errors';

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
    const issue = result.error.issues[0];
    // An unknown key is reported at the object's own path; name the key itself.
    const path = [...(issue?.path ?? []), ...(issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])];
    const field = path.length ? path.map(String).join('.') : '(request)';
    throw new InvalidRequestError(field, issue?.message ?? 'invalid');
  }
  const { tenant, ...rest } = result.data;
  return tenant === undefined ? rest : { ...rest, tenant };
}
