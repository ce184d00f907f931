/**
 * Classification of every HTTP answer into an outcome of the retry table (docs/architecture.md#retry-table), and the
 * typed error each failure outcome becomes. Pure: no I/O, no retries.
 */
import {
  ProviderAuthError,
  ProviderLockedError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from '../domain/errors';
import type { ProviderError, ProviderErrorDetails, ProviderName } from '../domain/errors';
import { extractErrorDetails } from './error-details';
import { parseRetryAfter } from './retry-after';
import type { HttpResponse } from './types';

export { extractErrorDetails } from './error-details';

/** What an HTTP answer means for the caller, before any provider-specific interpretation of the body. */
export type HttpOutcome =
  | { kind: 'success'; status: number }
  | { kind: 'accepted'; status: 202; retryAfterMs?: number; location?: string }
  | { kind: 'noContent'; status: 204 }
  | { kind: 'locked'; status: 423; retryAfterMs?: number; details: ProviderErrorDetails }
  | { kind: 'rateLimited'; status: 429; retryAfterMs?: number; details: ProviderErrorDetails }
  | { kind: 'transient'; status: number; retryAfterMs?: number; details: ProviderErrorDetails }
  | { kind: 'permanent'; status: number; details: ProviderErrorDetails };

/** The outcomes that are failures. */
export type FailureOutcome = Exclude<HttpOutcome, { kind: 'success' | 'accepted' | 'noContent' }>;

/**
 * Maps a response to its outcome: 202 → `accepted` (with `Retry-After` and `Location`, resolved against the request
 * URL), 204 → `noContent`, other 2xx → `success`, 423 → `locked`, 429 → `rateLimited`, 5xx and 408 → `transient`,
 * anything else (1xx, 3xx — redirects are never followed — and other 4xx) → `permanent`.
 */
export function classifyResponse(response: HttpResponse): HttpOutcome {
  const { status } = response;
  if (status === 202) return accepted(response);
  if (status === 204) return { kind: 'noContent', status };
  if (status >= 200 && status < 300) return { kind: 'success', status };
  const details = extractErrorDetails(response);
  const wait = details.retryAfterMs === undefined ? {} : { retryAfterMs: details.retryAfterMs };
  if (status === 423) return { kind: 'locked', status, ...wait, details };
  if (status === 429) return { kind: 'rateLimited', status, ...wait, details };
  if (status === 408 || (status >= 500 && status < 600)) return { kind: 'transient', status, ...wait, details };
  return { kind: 'permanent', status, details };
}

/**
 * The typed error for a failure outcome: 423 → `ProviderLockedError`, 429 → `ProviderRateLimitError`, transient →
 * `ProviderUnavailableError`, 401/403 → `ProviderAuthError`, 404/410 → `ProviderNotFoundError`, any other →
 * `ProviderRejectedError`. The provider's code, message, tracking id and `Retry-After` travel in `details`.
 */
export function errorForOutcome(provider: ProviderName, outcome: FailureOutcome): ProviderError {
  switch (outcome.kind) {
    case 'locked':
      return new ProviderLockedError(provider, outcome.details);
    case 'rateLimited':
      return new ProviderRateLimitError(provider, outcome.details);
    case 'transient':
      return new ProviderUnavailableError(provider, transientReason(outcome.details), outcome.details);
    case 'permanent':
      return permanentError(provider, outcome.details);
  }
}

/**
 * Returns `response` when its status is 2xx.
 * Thrown when it is not: the typed error of {@link errorForOutcome}.
 */
export function ensureSuccess(provider: ProviderName, response: HttpResponse): HttpResponse {
  const outcome = classifyResponse(response);
  if (outcome.kind === 'success' || outcome.kind === 'accepted' || outcome.kind === 'noContent') return response;
  throw errorForOutcome(provider, outcome);
}

function accepted(response: HttpResponse): HttpOutcome {
  const headers = response.headers;
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'), response.receivedAt, headers.get('date'));
  const location = resolveLocation(headers.get('location'), response.url);
  return {
    kind: 'accepted',
    status: 202,
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(location !== undefined && { location }),
  };
}

/** A relative `Location` is relative to the request URL (RFC 9110 §10.2.2); kept as sent when that cannot resolve. */
function resolveLocation(location: string | null, requestUrl: string): string | undefined {
  const value = location?.trim();
  if (!value) return undefined;
  try {
    return new URL(value, requestUrl).href;
  } catch {
    return value;
  }
}

function permanentError(provider: ProviderName, details: ProviderErrorDetails): ProviderError {
  const { status } = details;
  if (status === 401 || status === 403) return new ProviderAuthError(provider, details);
  if (status === 404 || status === 410) return new ProviderNotFoundError(provider, details);
  return new ProviderRejectedError(provider, details);
}

function transientReason(details: ProviderErrorDetails): string {
  const said = [
    details.code && `code ${details.code}`,
    details.providerMessage,
    details.trackingId && `trackingId ${details.trackingId}`,
  ]
    .filter(Boolean)
    .join('; ');
  return `HTTP ${details.status ?? '?'}${said ? `: ${said}` : ''}`;
}
