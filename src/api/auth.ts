/**
 * Bearer API keys: each configured key (kept as a SHA-256 digest) maps to a caller identity, recorded as
 * `requestedBy`, and to the tenants it may act on. Keys are compared in constant time and never logged.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sha256Hex } from '../api-keys-config';
import type { ApiKeyConfig, TenantGrant } from '../api-keys-config';
import { JobNotFoundError } from '../client';
import { tenantTag, tenantTagOf } from '../job-id';
import { ForbiddenError, UnauthenticatedError } from './errors';

/** Who is calling, as an authenticated request knows it. */
export interface Caller {
  readonly identity: string;
  readonly tenants: TenantGrant;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every `/v1` route. */
    caller: Caller | null;
  }
}

/** The caller of a bearer key. Thrown when the header is missing, malformed or the key unknown: `UnauthenticatedError`. */
export function authenticate(keys: readonly ApiKeyConfig[], authorization: string | undefined): Caller {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) throw new UnauthenticatedError('missing bearer API key (Authorization: Bearer <key>)');
  const presented = Buffer.from(sha256Hex(match[1]), 'hex');
  let found: ApiKeyConfig | undefined;
  // Every key is compared, so the time taken does not tell which one nearly matched.
  for (const key of keys) {
    if (timingSafeEqual(presented, Buffer.from(key.keySha256, 'hex')) && !found) found = key;
  }
  if (!found) throw new UnauthenticatedError('unknown API key');
  return { identity: found.caller, tenants: found.tenants };
}

/** True when `caller` may act on `tenant`. */
export function mayActOn(caller: Caller, tenant: string | undefined): boolean {
  if (caller.tenants === '*') return true;
  return tenant !== undefined && caller.tenants.includes(tenant);
}

/** Thrown when the caller may not act on `tenant`: `ForbiddenError`. */
export function requireTenant(caller: Caller, tenant: string | undefined): void {
  if (!mayActOn(caller, tenant)) throw new ForbiddenError(tenant ?? '(unknown)');
}

/** False when the id alone shows the job belongs to a tenant the caller lacks (no need to ask Temporal). */
function mayHaveJob(caller: Caller, jobId: string): boolean {
  if (caller.tenants === '*') return true;
  const tag = tenantTagOf(jobId);
  return tag === undefined || caller.tenants.some((tenant) => tenantTag(tenant) === tag);
}

/**
 * Reads a job (`read`) only when `caller` may see it. Thrown otherwise: `JobNotFoundError`, the same answer as for a
 * job that does not exist, so an id cannot be probed for another tenant's jobs.
 */
export async function visibleJob<T extends { readonly tenant?: string }>(
  caller: Caller,
  jobId: string,
  read: () => Promise<T>,
): Promise<T> {
  if (!mayHaveJob(caller, jobId)) throw new JobNotFoundError(jobId);
  const job = await read();
  if (!mayActOn(caller, job.tenant)) throw new JobNotFoundError(jobId);
  return job;
}

/** The authenticated caller of a `/v1` request. Thrown when the hook did not run: `UnauthenticatedError`. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new UnauthenticatedError('not authenticated');
  return request.caller;
}
