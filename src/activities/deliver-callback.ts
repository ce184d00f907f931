/**
 * `deliverCallback`: POSTs a finished job's result to the caller's `callbackUrl`, signed with HMAC-SHA256.
 * Any failure (no answer, non-2xx, no secret configured yet) is retryable: the workflow retries durably.
 *
 * Signature scheme (README "Completion callbacks"): `X-Bulkflow-Signature: sha256=<hex>` where `<hex>` is
 * HMAC-SHA256(secret, `${timestamp}.${jobId}.${body}`), `timestamp` is `X-Bulkflow-Timestamp` (unix seconds) and
 * `jobId` is `X-Bulkflow-Job-Id`. The secret comes from the worker's configuration, never from workflow input.
 */
import { createHmac } from 'node:crypto';
import { BulkflowError, hasErrorName } from '../domain/errors';
import type { BulkJobResult } from '../domain/job';
import { postWebhook } from '../http/webhook';
import type { ActivityDeps } from './context';
import { toFailure } from './failures';

export const SIGNATURE_HEADER = 'x-bulkflow-signature';
export const TIMESTAMP_HEADER = 'x-bulkflow-timestamp';
export const JOB_ID_HEADER = 'x-bulkflow-job-id';
const TIMEOUT_MS = 30_000;

export interface DeliverCallbackInput {
  readonly url: string;
  readonly jobId: string;
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

function originOf(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : '(not a URL)';
}

/** The hex HMAC-SHA256 of `${timestamp}.${jobId}.${body}`: what `X-Bulkflow-Signature` carries after `sha256=`. */
export function signCallback(secret: string, timestamp: string, jobId: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${jobId}.${body}`).digest('hex');
}

/** Delivers once per attempt. Thrown on any failure: a retryable `ApplicationFailure` (CallbackDeliveryError). */
export async function deliverCallback(deps: ActivityDeps, input: DeliverCallbackInput): Promise<{ status: number }> {
  try {
    const secret = deps.config.callbackSecret;
    if (!secret) throw new CallbackDeliveryError(input.url, 'BULKFLOW_CALLBACK_SECRET is not set on this worker');
    const body = JSON.stringify(input.result);
    const timestamp = String(Math.floor(deps.now() / 1000));
    const signature = signCallback(secret, timestamp, input.jobId, body);
    const headers = {
      [SIGNATURE_HEADER]: `sha256=${signature}`,
      [TIMESTAMP_HEADER]: timestamp,
      [JOB_ID_HEADER]: input.jobId,
    };
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
