/** FullStory's error body `{ message, code }` as the simulator writes it (docs/contracts.md#error-bodies). */
import { STATUS_CODES } from 'node:http';
import type { FullStoryErrorBody } from '../schemas';

/** The documented examples (the `fullstory-error-*.json` fixtures), answered for these statuses whatever the cause. */
const DOCUMENTED: Readonly<Record<number, FullStoryErrorBody>> = {
  400: { message: 'uid is required', code: 'required_field' },
  401: { message: 'access is unauthorized', code: 'unauthorized' },
  403: { message: 'insufficient permissions', code: 'forbidden' },
  404: { message: 'Requested resource does not exist', code: 'resource_not_found' },
  429: {
    message: 'Too many requests. Client has exceeded the rate limit for this endpoint.',
    code: 'too_many_requests',
  },
  500: { message: 'Server error was encountered', code: 'server_error' },
};

/**
 * The body of a scripted status fault or an auth failure: the documented example for 400/401/403/404/429/500,
 * else `{ message, code }` with a snake_case code derived from the status text (e.g. 503 → `service_unavailable`).
 */
export function fullstoryErrorBody(status: number, message?: string): FullStoryErrorBody {
  const documented = DOCUMENTED[status];
  if (documented) return documented;
  const text = STATUS_CODES[status] ?? `HTTP ${status}`;
  return { message: message ?? text, code: text.toLowerCase().replace(/[^a-z0-9]+/g, '_') };
}

/** A specific error body (validation failures, idempotency conflicts). */
export function fullstoryError(code: string, message: string): FullStoryErrorBody {
  return { message, code };
}
