/** Redaction of response bodies kept for logs: secrets and personal data out, length bounded. */

/** Default length of a body snippet kept on an error. */
export const SNIPPET_MAX_CHARS = 500;

/** Longest input scanned: bounds the regex work on huge bodies (everything past it is cut anyway). */
const SCAN_FACTOR = 4;

const SECRET_FIELD =
  /("(?:access_token|refresh_token|id_token|token|password|passwd|secret|client_secret|api_?key|authorization)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
const AUTH_SCHEME = /\b(Bearer|Basic|Zoho-oauthtoken)\s+[A-Za-z0-9._~+/=-]+/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const PHONE = /\+\d[\d\s().-]{6,20}\d/g;

/**
 * A log-safe excerpt of `text`: secret-looking JSON fields, `Authorization` credentials, e-mail addresses and E.164
 * phone numbers replaced by placeholders, then cut to `maxChars` (with a trailing `…` when cut).
 */
export function redactSnippet(text: string, maxChars: number = SNIPPET_MAX_CHARS): string {
  const redacted = text
    .slice(0, maxChars * SCAN_FACTOR)
    .replace(SECRET_FIELD, '$1"[redacted]"')
    .replace(AUTH_SCHEME, '$1 [redacted]')
    .replace(EMAIL, '[email]')
    .replace(PHONE, '[phone]');
  return redacted.length > maxChars ? `${redacted.slice(0, maxChars)}…` : redacted;
}
