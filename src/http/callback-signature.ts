/**
 * Signatures of completion callbacks, per tenant (README "Completion callbacks", docs/security.md). The deployment
 * holds one secret (`BULKFLOW_CALLBACK_SECRET`); each tenant's receiver holds only its tenant's secret, derived from
 * it, and every callback is signed with the secret of the job's tenant. So a receiver that checks the signature with
 * its own tenant's secret refuses a result signed for any other tenant, even when both share one origin. Pure.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-bulkflow-signature';
export const TIMESTAMP_HEADER = 'x-bulkflow-timestamp';
export const JOB_ID_HEADER = 'x-bulkflow-job-id';
export const TENANT_HEADER = 'x-bulkflow-tenant';

/** How far a receiver should let a callback's timestamp be from its own clock, in seconds. */
export const CALLBACK_TOLERANCE_S = 300;

/** Label of the derivation, so a tenant's secret is good for nothing else. */
const DERIVATION_LABEL = 'bulkflow-callback-tenant:';

/** The secret of `tenant`'s receivers: hex HMAC-SHA256(deployment secret, `bulkflow-callback-tenant:<tenant>`). */
export function callbackSecretFor(deploymentSecret: string, tenant: string): string {
  return createHmac('sha256', deploymentSecret).update(`${DERIVATION_LABEL}${tenant}`, 'utf8').digest('hex');
}

/** The hex HMAC-SHA256 of `<timestamp>.<jobId>.<body>` under a tenant's secret: `X-Bulkflow-Signature` after `sha256=`. */
export function signCallback(tenantSecret: string, timestamp: string, jobId: string, body: string): string {
  return createHmac('sha256', tenantSecret).update(`${timestamp}.${jobId}.${body}`, 'utf8').digest('hex');
}

/** The headers of one callback attempt for the job `jobId` of `tenant`. */
export function callbackHeaders(
  deploymentSecret: string,
  callback: { readonly tenant: string; readonly jobId: string; readonly body: string; readonly timestamp: string },
): Record<string, string> {
  const signature = signCallback(
    callbackSecretFor(deploymentSecret, callback.tenant),
    callback.timestamp,
    callback.jobId,
    callback.body,
  );
  return {
    [SIGNATURE_HEADER]: `sha256=${signature}`,
    [TIMESTAMP_HEADER]: callback.timestamp,
    [JOB_ID_HEADER]: callback.jobId,
    [TENANT_HEADER]: callback.tenant,
  };
}

export interface ReceivedCallback {
  /** Header values by lower-case name, as Node's `IncomingMessage.headers` has them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The raw body, exactly as received. */
  readonly body: string;
}

function header(received: ReceivedCallback, name: string): string {
  const value = received.headers[name];
  return typeof value === 'string' ? value : '';
}

/**
 * The check a receiver of `tenant` makes, holding that tenant's secret: why the callback must be refused, or
 * `undefined` to accept it. It must name the receiver's tenant, carry a fresh timestamp (within
 * `CALLBACK_TOLERANCE_S` of `nowMs`), and be signed with the tenant's secret over the raw body.
 */
export function callbackRefusalReason(
  received: ReceivedCallback,
  receiver: { readonly tenant: string; readonly tenantSecret: string },
  nowMs: number,
): string | undefined {
  if (header(received, TENANT_HEADER) !== receiver.tenant) return 'the callback is for another tenant';
  const timestamp = header(received, TIMESTAMP_HEADER);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > CALLBACK_TOLERANCE_S) {
    return 'the timestamp is missing or not fresh';
  }
  const expected = `sha256=${signCallback(receiver.tenantSecret, timestamp, header(received, JOB_ID_HEADER), received.body)}`;
  const given = Buffer.from(header(received, SIGNATURE_HEADER));
  const matches = given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
  return matches ? undefined : 'the signature does not match';
}
