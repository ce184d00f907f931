/**
 * Tolerant extraction of what a provider said about a failure. Knows every documented error body shape
 * (docs/contracts.md#error-bodies) and never throws: a body it does not understand still yields the status.
 */
import type { ProviderErrorDetails } from '../domain/errors';
import { parseRetryAfter } from './retry-after';
import type { HttpResponse } from './types';

type JsonRecord = Record<string, unknown>;
type BodyDetails = { -readonly [K in 'code' | 'providerMessage' | 'trackingId']?: string };

/** Longest provider message kept from a JSON error body. */
const MAX_MESSAGE_CHARS = 500;
/** Longest provider message kept from a plain-text (or HTML) error body. */
const MAX_TEXT_CHARS = 200;

/**
 * Status, provider error code, message, tracking id and `Retry-After` (ms) of an error response. Reads Webex generic
 * `{ message, errors[], trackingId }`, Webex Move Users `{ error: [{ code, message }] }`, FullStory `{ message, code }`,
 * Zoho `{ code, message, details, status: 'error' }` (top level or inside `portal_invite[]` / `data[]`) and plain
 * text. The tracking id may also come from the `TrackingID` header. Never throws.
 */
export function extractErrorDetails(response: HttpResponse): ProviderErrorDetails {
  const body = bodyDetails(response.text);
  const trackingId = body.trackingId ?? text(response.headers.get('trackingid'));
  const retryAfterMs = parseRetryAfter(
    response.headers.get('retry-after'),
    response.receivedAt,
    response.headers.get('date'),
  );
  return {
    status: response.status,
    ...(body.code !== undefined && { code: body.code }),
    ...(body.providerMessage !== undefined && { providerMessage: body.providerMessage }),
    ...(trackingId !== undefined && { trackingId }),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(response.heldByRetryAfter && { heldByRetryAfter: true as const }),
  };
}

function bodyDetails(raw: string): BodyDetails {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return plainText(raw);
  }
  const record = asRecord(parsed);
  return record ? fromJson(record) : plainText(raw);
}

function fromJson(body: JsonRecord): BodyDetails {
  if (Array.isArray(body['error'])) return fromEntries(body['error'], 'message', 'code');
  const nested = zohoEntry(body['portal_invite']) ?? zohoEntry(body['data']);
  if (nested) return fromFlat(nested);
  const generic = fromFlat(body);
  if (Array.isArray(body['errors'])) {
    // Webex repeats the top-level `message` in `errors[].description`; the top level wins, codes come from entries.
    return { ...fromEntries(body['errors'], 'description', 'errorCode'), ...generic };
  }
  return generic;
}

/** Webex Move Users `error[]` and Webex generic `errors[]`: all messages joined, the first code. */
function fromEntries(entries: unknown[], messageKey: string, codeKey: string): BodyDetails {
  const records = entries.map(asRecord).filter((entry): entry is JsonRecord => entry !== undefined);
  const messages = records.map((entry) => text(entry[messageKey])).filter((m): m is string => m !== undefined);
  const code = records.map((entry) => text(entry[codeKey])).find((c) => c !== undefined);
  const message = messages.length > 0 ? truncate(messages.join('; '), MAX_MESSAGE_CHARS) : undefined;
  return defined({ code, providerMessage: message });
}

/** FullStory `{ message, code }`, Zoho `{ code, message, details }`, Webex `{ message, trackingId }` and kin. */
function fromFlat(body: JsonRecord): BodyDetails {
  const message =
    text(body['message']) ?? text(body['error_description']) ?? text(body['detail']) ?? text(body['title']);
  const code = text(body['code']) ?? text(body['errorCode']) ?? text(body['error_code']) ?? text(body['error']);
  const where = zohoLocation(body['details']);
  const full = message !== undefined && where !== undefined ? `${message} (${where})` : (message ?? where);
  return defined({
    code,
    providerMessage: full === undefined ? undefined : truncate(full, MAX_MESSAGE_CHARS),
    trackingId: text(body['trackingId']) ?? text(body['tracking_id']),
  });
}

/** Zoho wraps errors in `portal_invite[]` or `data[]`: the first entry marked `status: 'error'`, else one with a code. */
function zohoEntry(value: unknown): JsonRecord | undefined {
  if (!Array.isArray(value)) return undefined;
  const records = value.map(asRecord).filter((entry): entry is JsonRecord => entry !== undefined);
  return records.find((entry) => entry['status'] === 'error') ?? records.find((entry) => text(entry['code']));
}

/** Zoho `details` names the offending field (`api_name`, `json_path`); worth keeping next to the message. */
function zohoLocation(value: unknown): string | undefined {
  const details = asRecord(value);
  if (!details) return undefined;
  const parts = ['api_name', 'json_path']
    .map((key) => [key, text(details[key])] as const)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => `${key} ${v}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function plainText(raw: string): BodyDetails {
  const flat = raw
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat ? { providerMessage: truncate(flat, MAX_TEXT_CHARS) } : {};
}

function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

/** A non-empty trimmed string, or a finite number as a string (Webex codes are numbers). */
function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function truncate(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

function defined(details: { [K in keyof BodyDetails]: string | undefined }): BodyDetails {
  const out: BodyDetails = {};
  if (details.code !== undefined) out.code = details.code;
  if (details.providerMessage !== undefined) out.providerMessage = details.providerMessage;
  if (details.trackingId !== undefined) out.trackingId = details.trackingId;
  return out;
}
