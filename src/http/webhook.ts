/**
 * POSTs a JSON body to a caller-supplied URL (completion callbacks). Like the provider client it sends exactly one
 * request per call, never retries (Temporal does) and never follows redirects (a signed body must reach the URL the
 * caller registered, not wherever it points). Every connection resolves the host itself and refuses an address
 * the callback policy does not allow (callback-policy.ts), so DNS cannot point a callback inside the network.
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BulkflowError } from '../domain/errors';
import { addressRefusal, callbackRefusal } from './callback-policy';
import type { CallbackPolicy } from './callback-policy';

export interface WebhookRequest {
  readonly url: string;
  /** The exact bytes to send; signatures are computed over this string. */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly policy: CallbackPolicy;
}

export interface WebhookResponse {
  readonly status: number;
  /** The start of the receiver's answer, for diagnostics (at most 500 characters). */
  readonly snippet: string;
}

/** Thrown when the policy refuses the URL or an address its host resolves to. Not retryable. */
export class CallbackRefusedError extends BulkflowError {
  override readonly name = 'CallbackRefusedError';
  constructor(reason: string) {
    super(`callback refused: ${reason}`, { retryable: false });
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
/** `dns.lookup`'s shape, injectable so tests can play a resolver that changes its answer. */
export type Resolver = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

const systemResolver: Resolver = (hostname, options, callback) =>
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => callback(err, addresses));

/** A `lookup` for http.request that resolves through `resolve` and refuses any address the policy does not allow. */
function guardedLookup(policy: CallbackPolicy, resolve: Resolver): NonNullable<RequestOptions['lookup']> {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, found) => {
      const addresses = Array.isArray(found) ? found : [];
      const refused = addresses.find((a) => addressRefusal(a.address, policy) !== undefined);
      if (err || addresses.length === 0) {
        callback(err ?? new Error('the callback host did not resolve'), '', 0);
      } else if (refused) {
        callback(
          new CallbackRefusedError(`the callback host resolves to ${addressRefusal(refused.address, policy)}`),
          '',
          0,
        );
      } else if (options.all) {
        callback(null, addresses);
      } else {
        callback(null, addresses[0]?.address ?? '', addresses[0]?.family ?? 4);
      }
    });
  };
}

function readSnippet(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      if (text.length < 500) text += chunk;
    });
    response.on('end', () => resolve(text.slice(0, 500)));
    response.on('error', reject);
  });
}

/**
 * Sends one POST and returns the receiver's status, whatever it is.
 * Thrown: `CallbackRefusedError` when the policy refuses the URL or the address it resolves to; otherwise the
 * transport error when no HTTP answer arrives (refused, reset, DNS, timeout).
 */
export function postWebhook(request: WebhookRequest, resolve: Resolver = systemResolver): Promise<WebhookResponse> {
  const refusal = callbackRefusal(request.url, request.policy);
  if (refusal) return Promise.reject(new CallbackRefusedError(refusal));
  const url = new URL(request.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolvePromise, reject) => {
    const req = send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...request.headers },
      lookup: guardedLookup(request.policy, resolve),
      agent: false,
      timeout: request.timeoutMs,
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${request.timeoutMs} ms`)));
    req.on('error', reject);
    req.on('response', (response) => {
      readSnippet(response).then((snippet) => resolvePromise({ status: response.statusCode ?? 0, snippet }), reject);
    });
    req.end(request.body);
  });
}
