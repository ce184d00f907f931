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
const KEYED_ID = /^t[0-9a-f]{16}\.(c[0-9a-f]{12})\.(.+)$/;

function hexOf(text: string, digits: number): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, digits);
}

/** The tag of `tenant` in job ids (and in the names of its data keys). */
export function tenantTag(tenant: string): string {
  return `t${hexOf(tenant, 16)}`;
}

/** The tag of `caller` in job ids made with an idempotency key. */
export function callerTag(caller: string): string {
  return `c${hexOf(caller, 12)}`;
}

/** The job id for a start by `caller` on `tenant`, with or without the caller's idempotency key. */
export function jobIdFor(tenant: string, caller: string, idempotencyKey?: string): string {
  const scope = idempotencyKey === undefined ? randomUUID() : `${callerTag(caller)}.${idempotencyKey}`;
  return `${tenantTag(tenant)}.${scope}`;
}

/** The caller tag and idempotency key of a job id made with a key; `undefined` for any other id. */
export function keyedPartsOf(jobId: string): { readonly callerTag: string; readonly key: string } | undefined {
  const match = KEYED_ID.exec(jobId);
  return match?.[1] && match[2] ? { callerTag: match[1], key: match[2] } : undefined;
}

/** The tenant tag a job id starts with; `undefined` for ids made before the rule (or not by bulkflow). */
export function tenantTagOf(jobId: string): string | undefined {
  return TENANT_TAG.exec(jobId)?.[1];
}
