/** The request envelope schema, shared by the client, the API and the CLI. Operation input is checked later by the operation's own schema. */
import { z } from 'zod';
import { OPERATION_IDS } from './job';
import type { BulkJobRequest } from './job';
import { InvalidRequestError } from './errors';
import { firstField } from './field-path';
import { jsonShapeProblem } from './json-shape';
import { MAX_REQUESTER_LENGTH, NAME_PATTERN, REQUESTER_PATTERN, requesterProblem, unsafeIdReason } from './safe-text';

/** A tenant as it may be declared: a provider's id (Webex org ids are base64, `/` included) or a connection name. */
export const TenantSchema = z
  .string()
  .min(1)
  .max(200)
  .superRefine((tenant, ctx) => {
    const reason = unsafeIdReason(tenant, true);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

const REQUESTER_LENGTH = `must be 1-${MAX_REQUESTER_LENGTH} characters`;

/**
 * Who asks for a job or a control (`requestedBy`), by the rule of `requesterProblem`; the same at every door. The
 * length and `REQUESTER_PATTERN` come first so that the API's document states them.
 */
export const RequestedBySchema = z
  .string()
  .min(1, { error: REQUESTER_LENGTH, abort: true })
  .max(MAX_REQUESTER_LENGTH, { error: REQUESTER_LENGTH, abort: true })
  .regex(REQUESTER_PATTERN, { error: 'must be printable, with no quotes or backslashes', abort: true })
  .superRefine((text, ctx) => {
    const problem = requesterProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * Operation input, before its own schema reads it: present, and shaped so that no schema or digest can be made to
 * recurse without bound or to reach a prototype.
 */
const InputSchema = z.unknown().superRefine((input, ctx) => {
  if (input === undefined) {
    ctx.addIssue({ code: 'custom', message: 'input is required' });
    return;
  }
  const problem = jsonShapeProblem(input);
  if (problem) ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
});

export const BulkJobRequestSchema = z
  .object({
    operation: z.enum(OPERATION_IDS),
    connection: z
      .string()
      .regex(NAME_PATTERN, 'must be 1-100 letters, digits, . _ or -, starting with a letter or digit')
      .default('default'),
    tenant: TenantSchema.optional(),
    dryRun: z.boolean().default(false),
    input: InputSchema,
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
