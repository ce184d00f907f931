/**
 * POSTs a JSON body to a caller-supplied URL (completion callbacks). Like the provider client it sends exactly one
 * request per call, never retries (Temporal does) and never follows redirects (a signed body must reach the URL the
 * caller registered, not wherever it points).
 */

export interface WebhookRequest {
  readonly url: string;
  /** The exact bytes to send; signatures are computed over this string. */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

export interface WebhookResponse {
  readonly status: number;
  /** The start of the receiver's answer, for diagnostics (at most 500 characters). */
  readonly snippet: string;
}

/**
 * Sends one POST and returns the receiver's status, whatever it is.
 * Thrown when no HTTP answer arrives (refused, reset, DNS, timeout): the fetch error, with the reason as message.
 */
export async function postWebhook(request: WebhookRequest, fetchImpl: typeof fetch = fetch): Promise<WebhookResponse> {
  const response = await fetchImpl(request.url, {
    method: 'POST',
    body: request.body,
    headers: { 'content-type': 'application/json', ...request.headers },
    redirect: 'manual',
    signal: AbortSignal.timeout(request.timeoutMs),
  });
  const text = await response.text();
  return { status: response.status, snippet: text.slice(0, 500) };
}
