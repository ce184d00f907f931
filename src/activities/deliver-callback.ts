/**
 * `deliverCallback`: POSTs a finished job's result to the caller's `callbackUrl`, signed with HMAC-SHA256 under the
 * secret of the job's tenant. Any failure (no answer, non-2xx, no secret configured yet) is retryable: the workflow
 * retries durably.
 *
 * Signature scheme (README "Completion callbacks", src/http/callback-signature.ts): `X-Bulkflow-Signature:
 * sha256=<hex>` where `<hex>` is HMAC-SHA256(tenant secret, `${timestamp}.${jobId}.${body}`), the tenant secret is
 * HMAC-SHA256(BULKFLOW_CALLBACK_SECRET, `bulkflow-callback-tenant:${tenant}`), and `X-Bulkflow-Tenant` names the
 * tenant. The deployment secret comes from the worker's configuration, never from workflow input.
 */
import { BulkflowError, hasErrorName } from '../domain/errors';
import type { BulkJobResult } from '../domain/job';
import { callbackHeaders } from '../http/callback-signature';
import { postWebhook } from '../http/webhook';
import type { ActivityDeps } from './context';
import { toFailure } from './failures';

const TIMEOUT_MS = 30_000;

export interface DeliverCallbackInput {
  readonly url: string;
  readonly jobId: string;
  /** The job's tenant, whose secret signs the callback; absent only in attempts scheduled before tenants were signed. */
  readonly tenant?: string;
  readonly result: BulkJobResult;
}

/**
 * Thrown when a callback could not be delivered (no answer, non-2xx, or no secret). Retryable. It names the
 * receiver's origin only: a callback URL may carry a token in its path or query, and errors go to logs and history.
 */
export class CallbackDeliveryError extends BulkflowError {
  override readonly name = 'CallbackDeliveryError';
  constructor(url: string, reason: string) {
    super(`callback to ${originOf(url)} not delivered: ${reason}`, { retryable: true });
  }
}

/**
 * Thrown when a callback was scheduled (by a job of an older version) without its tenant: no receiver could tell
 * whose it is, so it is never sent. Not retryable.
 */
export class CallbackTenantUnknownError extends BulkflowError {
  override readonly name = 'CallbackTenantUnknownError';
  constructor(url: string) {
    super(`callback to ${originOf(url)} not sent: it names no tenant to sign for`, { retryable: false });
  }
}

function originOf(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : '(not a URL)';
}

/** Delivers once per attempt. Thrown on any failure: a retryable `ApplicationFailure` (CallbackDeliveryError). */
export async function deliverCallback(deps: ActivityDeps, input: DeliverCallbackInput): Promise<{ status: number }> {
  try {
    const secret = deps.config.callbackSecret;
    if (!secret) throw new CallbackDeliveryError(input.url, 'BULKFLOW_CALLBACK_SECRET is not set on this worker');
    if (input.tenant === undefined) throw new CallbackTenantUnknownError(input.url);
    const body = JSON.stringify(input.result);
    const timestamp = String(Math.floor(deps.now() / 1000));
    const headers = callbackHeaders(secret, { tenant: input.tenant, jobId: input.jobId, body, timestamp });
    const request = { url: input.url, body, headers, timeoutMs: TIMEOUT_MS, policy: deps.config.callbacks };
    const response = await postWebhook(request).catch((err: unknown) => {
      if (hasErrorName(err, 'CallbackRefusedError')) throw err;
      // Transport messages can quote the URL (DNS errors name the host and path): keep only the error code.
      const code = (err as { code?: unknown }).code;
      throw new CallbackDeliveryError(input.url, typeof code === 'string' ? code : 'no answer');
    });
    if (response.status < 200 || response.status > 299) {
      throw new CallbackDeliveryError(input.url, `receiver answered HTTP ${response.status}`);
    }
    return { status: response.status };
  } catch (err) {
    throw toFailure(err);
  }
}
