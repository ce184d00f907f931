/**
 * How large a request body may be, per media type, and the 413 that says so (README, "HTTP API"). A JSON
 * body is read whole before it is parsed, so it stays at 2 MiB (about 26,000 Webex users); a start's item list of up
 * to 100,000 users comes as `text/csv`, parsed as it arrives, so only its items are held (docs/decisions.md, "Large
 * requests come as CSV"). Either way the job's input then goes to the claim check's blob store, not into history.
 */
import { RequestTooLargeError } from '../domain/errors';
import type { MeasuredSize } from '../domain/errors';
import { bytesText, countText, measuredBytesText } from '../domain/size-text';

/** Largest `application/json` body. */
export const JSON_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
/**
 * Largest `text/csv` start body: 100,000 Webex users with 80-character ids, phone numbers and extensions take
 * 17.4 MiB; 32 MiB leaves room for longer cells, and bounds what one request can make the API hold.
 */
export const CSV_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

/** The length a `Content-Length` header gives, or `undefined` (absent, chunked, or not a length). */
export function declaredLength(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string' || !/^\d{1,15}$/.test(header)) return undefined;
  return Number(header);
}

/** What a JSON body over its limit is told: its size (declared, else "more than"), the limit, and the CSV way. */
export function jsonBodyTooLarge(contentLength: number | undefined): RequestTooLargeError {
  const size = { value: contentLength ?? JSON_BODY_LIMIT_BYTES + 1, exact: contentLength !== undefined };
  const message =
    `the body is ${measuredBytesText(size, JSON_BODY_LIMIT_BYTES)}, over the limit of ` +
    `${bytesText(JSON_BODY_LIMIT_BYTES)} for application/json; send a start's items as text/csv ` +
    `(up to ${bytesText(CSV_BODY_LIMIT_BYTES)}, the operation and its options in the query)`;
  return new RequestTooLargeError(message, size, JSON_BODY_LIMIT_BYTES, 'bytes');
}

/** What a CSV body over `limit` is told: its size (declared, else "more than" what was read), and the limit. */
export function csvBodyTooLarge(size: MeasuredSize, limit: number): RequestTooLargeError {
  const message = `the body is ${measuredBytesText(size, limit)}, over the limit of ${bytesText(limit)} for text/csv`;
  return new RequestTooLargeError(message, size, limit, 'bytes');
}

/** What a CSV with more rows than its operation's list takes is told: more than `max` rows, and the limit. */
export function tooManyCsvRows(operationId: string, field: string, max: number): RequestTooLargeError {
  const message = `the body holds more than ${countText(max)} rows; ${operationId} takes at most ${countText(max)} ${field}`;
  return new RequestTooLargeError(message, { value: max + 1, exact: false }, max, 'rows');
}

/**
 * A meter of a CSV body under `limit`: thrown before reading when the declared length is over it, and while reading
 * once more than it came (`csvBodyTooLarge` either way).
 */
export function csvBodyMeter(contentLength: number | undefined, limit: number): (chunk: Buffer | string) => void {
  if (contentLength !== undefined && contentLength > limit) {
    throw csvBodyTooLarge({ value: contentLength, exact: true }, limit);
  }
  let bytes = 0;
  return (chunk) => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (bytes > limit) throw csvBodyTooLarge({ value: bytes, exact: false }, limit);
  };
}
