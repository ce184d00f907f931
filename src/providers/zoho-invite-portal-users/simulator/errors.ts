/** Zoho's error bodies (docs/contracts.md#error-bodies): `{ code, details, message, status: 'error' }`. */
import type { SimResponse } from '../../../simulator/types';

/** Zoho's error body. */
export interface ZohoErrorBody {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly message: string;
  readonly status: 'error';
}

/** The verbatim text of Zoho's 429 (reproduced by several SDKs, docs/contracts.md#zohoinviteportalusers-limits). */
export const TOO_MANY_REQUESTS_MESSAGE =
  'Number of API requests for the 24 hour period is exceeded or the concurrency limit of the user for the app is exceeded';

/** Builds Zoho's error body. */
export function zohoErrorBody(code: string, message: string, details: Record<string, unknown> = {}): ZohoErrorBody {
  return { code, details, message, status: 'error' };
}

/** A `status` answer with Zoho's error body. */
export function zohoError(
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): SimResponse {
  return { status, body: zohoErrorBody(code, message, details) };
}

/** 429 as Zoho sends it: its error body and no `Retry-After`. */
export function tooManyRequests(): SimResponse {
  return zohoError(429, 'TOO_MANY_REQUESTS', TOO_MANY_REQUESTS_MESSAGE);
}

const BY_STATUS: Readonly<Record<number, readonly [string, string]>> = {
  400: ['INVALID_DATA', 'invalid data'],
  401: ['INVALID_TOKEN', 'invalid oauth token'],
  403: ['NO_PERMISSION', 'permission denied'],
  404: ['INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'],
  405: ['INVALID_REQUEST_METHOD', 'The http request method type is not a valid one'],
  429: ['TOO_MANY_REQUESTS', TOO_MANY_REQUESTS_MESSAGE],
};

/**
 * The body of a scripted status fault or an auth refusal on a Zoho endpoint: Zoho's shape with the code Zoho uses
 * for that status (INTERNAL_ERROR for 5xx). A status below 400 (e.g. a scripted 204) has no body at all.
 */
export function zohoErrorBodyFor(status: number, message: string): ZohoErrorBody | undefined {
  if (status < 400) return undefined;
  const known = BY_STATUS[status];
  if (known) return zohoErrorBody(known[0], known[1]);
  return status >= 500
    ? zohoErrorBody('INTERNAL_ERROR', 'Internal Server Error')
    : zohoErrorBody('INVALID_REQUEST', message);
}
