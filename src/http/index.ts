/** The HTTP layer: one client, response classification, body parsing and the retry-delay policy. */
export { createHttpClient, DEFAULT_TIMEOUT_MS } from './client';
export type { HttpClientOptions } from './client';
export { classifyResponse, ensureSuccess, errorForOutcome, extractErrorDetails } from './classify';
export type { FailureOutcome, HttpOutcome } from './classify';
export { parseBody, readJson } from './body';
export { redactSnippet } from './redact';
export {
  backoffDelay,
  clampDelay,
  DEFAULT_DELAY_POLICY,
  MAX_RETRY_AFTER_MS,
  parseHttpDate,
  parseRetryAfter,
  retryDelay,
} from './retry-after';
export type { DelayPolicy, RetryDelay } from './retry-after';
export type {
  AuthHeaderProvider,
  HttpClient,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  RenewableAuth,
  Renewal,
} from './types';
