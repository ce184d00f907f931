/**
 * The tenant a job acts on, derived from what the job will touch: the tenant its input names (e.g. the Webex
 * `orgId`), else the connection it runs on. Authorization, the per-tenant semaphore and the `BulkTenant` label all
 * use this value; a tenant a caller declares is only checked against it, never trusted.
 */
import { TenantMismatchError } from '../domain/errors';
import type { ProviderOperation } from './types';

/**
 * The derived tenant of a job whose input already parsed against `operation.inputSchema`.
 * Thrown when `declared` is given and differs: `TenantMismatchError` (field `tenant`).
 */
export function jobTenant<Input>(
  operation: ProviderOperation<Input>,
  input: Input,
  connection: string,
  declared?: string,
): string {
  const derived = operation.tenantOf(input) ?? connection;
  if (declared !== undefined && declared !== derived) throw new TenantMismatchError(declared, derived);
  return derived;
}
