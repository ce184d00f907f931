/**
 * The one rule for job ids, the same at every door (the HTTP API, the typed client, the CLI, and any later door such
 * as schedules or Nexus):
 *
 *     <tenant tag>.<caller tag>.<idempotency key>   when the caller gives an idempotency key
 *     <tenant tag>.<random UUID>                     when it does not
 *
 * `tenant tag` is `t` + the first 16 hex digits of SHA-256 of the job's (derived) tenant; `caller tag` is `c` + the
 * first 12 hex digits of SHA-256 of the caller's identity (the API key's caller, or the client's `requestedBy`).
 * So an idempotency key belongs to one caller on one tenant: no one can take a key before another caller, or learn
 * from a 409 that another tenant used it. The tenant tag also lets the API refuse another tenant's job id without
 * asking Temporal, and lets the payload codec pick the tenant's data key from a workflow id alone.
 */
import { createHash, randomUUID } from 'node:crypto';

const TENANT_TAG = /^(t[0-9a-f]{16})\./;

function hexOf(text: string, digits: number): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, digits);
}

/** The tag of `tenant` in job ids (and in the names of its data keys). */
export function tenantTag(tenant: string): string {
  return `t${hexOf(tenant, 16)}`;
}

/** The job id for a start by `caller` on `tenant`, with or without the caller's idempotency key. */
export function jobIdFor(tenant: string, caller: string, idempotencyKey?: string): string {
  const scope = idempotencyKey === undefined ? randomUUID() : `c${hexOf(caller, 12)}.${idempotencyKey}`;
  return `${tenantTag(tenant)}.${scope}`;
}

/** The tenant tag a job id starts with; `undefined` for ids made before the rule (or not by bulkflow). */
export function tenantTagOf(jobId: string): string | undefined {
  return TENANT_TAG.exec(jobId)?.[1];
}
