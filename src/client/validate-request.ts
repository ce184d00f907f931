/**
 * Full validation of a start request at the edge (API, CLI, or a calling service), before anything is started:
 * the envelope, the operation, and the operation's own input schema from the provider registry. Every offending
 * field is reported, as a path such as `input.users[3].phoneNumber`, within the bound of `domain/issue-list.ts`.
 */
import { z } from 'zod';
import { BulkJobRequestSchema } from '../domain/request';
import type { BulkJobRequest } from '../domain/job';
import { hasErrorName } from '../domain/errors';
import { jobTenant } from '../providers/job-tenant';
import { getOperation } from '../providers/registry';
import type { ProviderOperation } from '../providers/types';
import { RequestValidationError } from './errors';
import type { ValidationIssue } from './errors';
import { firstIssueFields } from '../domain/field-path';
import type { PathIssue } from '../domain/field-path';
import { MAX_LISTED_ISSUES } from '../domain/issue-list';
import { checkInput } from './input-issues';

/**
 * A completion callback URL's shape: http(s), no credentials in it. Where it may point is the deployment's
 * callback policy, checked by the API and again by the worker on every connection (http/callback-policy.ts).
 */
export const CallbackUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2_000)
  .refine((raw) => {
    // zod 4 runs this check even after `z.url` failed; that failure already reports a non-URL.
    if (!URL.canParse(raw)) return true;
    const url = new URL(raw);
    return url.username === '' && url.password === '';
  }, 'callbackUrl must not carry credentials');

/** The start request as the API and the CLI accept it: the envelope plus an optional completion callback. */
export const StartJobBodySchema = BulkJobRequestSchema.extend({ callbackUrl: CallbackUrlSchema.optional() });

export interface ValidatedRequest {
  readonly request: BulkJobRequest;
  /** The tenant the job acts on, derived from its input and connection (see `providers/job-tenant.ts`). */
  readonly tenant: string;
  readonly callbackUrl?: string;
  /** The operation's poll interval, a hint for how often to look at the job. */
  readonly pollIntervalMs: number;
}

function operationOf(id: string, lookup: (id: string) => ProviderOperation): ProviderOperation | ValidationIssue {
  try {
    return lookup(id);
  } catch (err) {
    if (hasErrorName(err, 'InvalidRequestError')) return { field: 'operation', message: err.message };
    throw err;
  }
}

/** The envelope's problems as an error: zod lists them all; only the first are formatted (domain/issue-list.ts). */
function envelopeError(issues: readonly PathIssue[]): RequestValidationError {
  const { fields, count } = firstIssueFields('', issues, MAX_LISTED_ISSUES);
  return new RequestValidationError(fields, { total: count, exact: true });
}

/**
 * Validates a raw start request (e.g. a parsed JSON body): the envelope, the operation's input schema, and the
 * formula-cell rule on every text value (`domain/formula-cell.ts`), the same for every door.
 * Thrown when anything is invalid: `RequestValidationError` listing the first 100 offending fields and counting all
 * (validation stops once a long item list has given 100: the count is then "at least"); `TenantMismatchError`
 * when the request declares a tenant other than the one its input and connection act on. Nothing is started.
 */
export function validateBulkJobRequest(
  raw: unknown,
  lookup: (id: string) => ProviderOperation = getOperation,
): ValidatedRequest {
  const envelope = StartJobBodySchema.safeParse(raw);
  if (!envelope.success) throw envelopeError(envelope.error.issues);
  const { callbackUrl, tenant, ...rest } = envelope.data;
  const operation = operationOf(rest.operation, lookup);
  if (!('inputSchema' in operation)) throw new RequestValidationError([operation]);
  const dryRun: ValidationIssue[] =
    rest.dryRun && !operation.capabilities.dryRun
      ? [{ field: 'dryRun', message: `${operation.id} has no dry-run mode at the provider` }]
      : [];
  const input = checkInput(operation.inputSchema, rest.input);
  if (!input.ok) {
    const { total, exact } = input.count;
    throw new RequestValidationError([...dryRun, ...input.issues], { total: total + dryRun.length, exact });
  }
  if (dryRun.length > 0) throw new RequestValidationError(dryRun);
  const request: BulkJobRequest = tenant === undefined ? rest : { ...rest, tenant };
  return {
    request,
    tenant: jobTenant(operation, input.data, rest.connection, tenant),
    pollIntervalMs: operation.limits.pollIntervalMs,
    ...(callbackUrl === undefined ? {} : { callbackUrl }),
  };
}
