/**
 * Full validation of a start request at the edge (API, CLI, or a calling service), before anything is started:
 * the envelope, the operation, and the operation's own input schema from the provider registry. Every offending
 * field is reported, as a path such as `input.users[3].phoneNumber`.
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
import { issueFields } from '../domain/field-path';

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

/**
 * Validates a raw start request (e.g. a parsed JSON body).
 * Thrown when anything is invalid: `RequestValidationError` listing every offending field; `TenantMismatchError`
 * when the request declares a tenant other than the one its input and connection act on. Nothing is started.
 */
export function validateBulkJobRequest(
  raw: unknown,
  lookup: (id: string) => ProviderOperation = getOperation,
): ValidatedRequest {
  const envelope = StartJobBodySchema.safeParse(raw);
  if (!envelope.success) throw new RequestValidationError(issueFields('', envelope.error.issues));
  const { callbackUrl, tenant, ...rest } = envelope.data;
  const operation = operationOf(rest.operation, lookup);
  if (!('inputSchema' in operation)) throw new RequestValidationError([operation]);
  const issues: ValidationIssue[] = [];
  if (rest.dryRun && !operation.capabilities.dryRun) {
    issues.push({ field: 'dryRun', message: `${operation.id} has no dry-run mode at the provider` });
  }
  const input = operation.inputSchema.safeParse(rest.input);
  if (!input.success) issues.push(...issueFields('input', input.error.issues));
  if (issues.length > 0 || !input.success) throw new RequestValidationError(issues);
  const request: BulkJobRequest = tenant === undefined ? rest : { ...rest, tenant };
  return {
    request,
    tenant: jobTenant(operation, input.data, rest.connection, tenant),
    pollIntervalMs: operation.limits.pollIntervalMs,
    ...(callbackUrl === undefined ? {} : { callbackUrl }),
  };
}
