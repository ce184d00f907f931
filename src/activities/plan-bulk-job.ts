/** `planBulkJob`: validates a request with the operation's schema and splits it into provider-sized batches. */
import { requireServed, resolveConnection } from '../connections-config';
import { InvalidRequestError } from '../domain/errors';
import { firstField } from '../domain/field-path';
import { providerOf } from '../domain/job';
import { jobTenant } from '../providers/job-tenant';
import type { BulkJobRequest, JobPlan } from '../domain/job';
import type { ActivityDeps } from './context';

/**
 * Validates and plans. Thrown when the request is invalid (unknown operation or connection, bad input, dry run
 * unsupported): `InvalidRequestError` naming the field; `TenantMismatchError` when the declared tenant is not the
 * one the input and connection act on; `ConnectionNotServedError` when the connection does not serve that tenant.
 * Nothing is sent to any provider.
 */
export function planBulkJob(deps: ActivityDeps, request: BulkJobRequest): JobPlan {
  const operation = deps.getOperation(request.operation);
  resolveConnection(deps.config, providerOf(request.operation), request.connection);
  if (request.dryRun && !operation.capabilities.dryRun) {
    throw new InvalidRequestError('dryRun', `${operation.id} has no dry-run mode at the provider`);
  }
  const parsed = operation.inputSchema.safeParse(request.input);
  if (!parsed.success) {
    const { field, message } = firstField('input', parsed.error.issues);
    throw new InvalidRequestError(field, message);
  }
  const tenant = jobTenant(operation, parsed.data, request.connection, request.tenant);
  // The door every start goes through (API, typed client, CLI): the connection must serve the job's tenant.
  requireServed(deps.config.connections, operation.provider, request.connection, tenant);
  const batches = operation.plan(parsed.data);
  const total = batches.reduce((sum, batch) => sum + batch.itemRefs.length, 0);
  return {
    operation: operation.id,
    provider: operation.provider,
    tenant,
    total,
    batches,
    maxConcurrentBatches: operation.limits.maxConcurrentBatches,
    ...(operation.limits.tenantPermits ? { tenantPermits: operation.limits.tenantPermits } : {}),
    pollIntervalMs: operation.limits.pollIntervalMs,
    capabilities: operation.capabilities,
  };
}
