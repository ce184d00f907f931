/**
 * Temporal's limit on one payload, at the start of a job. The claim check (docs/architecture.md#claim-check) keeps a
 * large input out of the start request; a client without a blob store sends it inline, and Temporal refuses one over
 * 2 MiB ("Blob data size exceeds limit"), or over its gRPC message size, after retries, with nothing but "Failed to
 * start Workflow". Such a client measures the input before it starts, and a refusal Temporal gives anyway (a server
 * with a lower limit) is told in the same words: the size, the limit, and the setting that fixes it.
 */
import { RequestTooLargeError, isError } from '../domain/errors';
import { bytesText } from '../domain/size-text';

/** Temporal's default limit on one payload (the server's `limit.blobSize.error`): 2 MiB. */
export const TEMPORAL_PAYLOAD_LIMIT_BYTES = 2 * 1024 * 1024;

const CLAIM_CHECK_HINT =
  'give this process the blob store the workers share (BULKFLOW_CLAIM_CHECK_DIR), so a large input is kept there ' +
  'and only its reference is sent; beside `npm start`, leave TEMPORAL_ADDRESS unset and it is read from stack.json';

/** How large `value` is as a JSON payload, in bytes: what Temporal's payload converter makes of it. */
export function jsonPayloadBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

function tooLarge(message: string, bytes: number, cause?: unknown): RequestTooLargeError {
  const size = { value: bytes, exact: true };
  return new RequestTooLargeError(
    `${message}: ${CLAIM_CHECK_HINT}`,
    size,
    TEMPORAL_PAYLOAD_LIMIT_BYTES,
    'bytes',
    cause,
  );
}

/**
 * Thrown when a client without a blob store would send an input over Temporal's payload limit:
 * `RequestTooLargeError` naming its size, the limit, and the claim check's setting. Nothing is sent.
 */
export function checkInlinePayload(input: unknown): void {
  const bytes = jsonPayloadBytes(input);
  if (bytes <= TEMPORAL_PAYLOAD_LIMIT_BYTES) return;
  const limit = bytesText(TEMPORAL_PAYLOAD_LIMIT_BYTES);
  throw tooLarge(
    `the job's input is ${bytesText(bytes)} as a Temporal payload, over Temporal's limit of ${limit}`,
    bytes,
  );
}

/** gRPC INVALID_ARGUMENT (3) and RESOURCE_EXHAUSTED (8), with what Temporal and gRPC say of a size. */
const SIZE_REFUSALS: readonly { code: number; pattern: RegExp }[] = [
  { code: 3, pattern: /blob data size exceeds limit/i },
  { code: 8, pattern: /message larger than max/i },
];

/** True when `err` (or its cause) is Temporal refusing a request for its size. */
export function isSizeRefusal(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; isError(e) && depth < 3; e = e.cause, depth += 1) {
    const { code, details } = e as { code?: unknown; details?: unknown };
    const text = `${e.message} ${typeof details === 'string' ? details : ''}`;
    if (SIZE_REFUSALS.some((refusal) => refusal.code === code && refusal.pattern.test(text))) return true;
  }
  return false;
}

/**
 * `err` as the error a caller can act on: Temporal's refusal of a start for its size becomes `RequestTooLargeError`
 * naming the input's size (measured now), the limit, and the setting to change (the blob store when the input went
 * `inline`, else the claim check's threshold); any other error is returned as it is.
 */
export function explainStartFailure(err: unknown, input: unknown, inline: boolean): unknown {
  if (!isSizeRefusal(err)) return err;
  const bytes = jsonPayloadBytes(input);
  const limit = bytesText(TEMPORAL_PAYLOAD_LIMIT_BYTES);
  const refused = `Temporal refused to start the job for its size: its input is ${bytesText(bytes)} as a payload`;
  if (inline)
    return tooLarge(`${refused}, and a Temporal server takes at most ${limit} per payload by default`, bytes, err);
  const hint =
    "the input went to the claim check's blob store, so the server's limit is below the claim check's threshold: " +
    `set BULKFLOW_CLAIM_CHECK_THRESHOLD_BYTES under it (Temporal's default limit is ${limit})`;
  return new RequestTooLargeError(
    `${refused}; ${hint}`,
    { value: bytes, exact: true },
    TEMPORAL_PAYLOAD_LIMIT_BYTES,
    'bytes',
    err,
  );
}
