/**
 * Last line of defence for audit output: credentials never enter history by design (workflow inputs name a
 * connection, activities resolve it), but provider error messages and callback URLs are quoted, so anything shaped
 * like a credential is masked before a timeline leaves the process.
 */
const SENSITIVE_KEY = /authorization|password|passwd|secret|token|api[-_]?key|signature|cookie/i;
const PATTERNS: readonly [RegExp, string][] = [
  [/\b(Bearer|Token)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  // Basic credentials are base64: a word without a digit, `+`, `/` or `=` is prose ("Basic Calling"), not a secret.
  [/\bBasic\s+(?=[A-Za-z]*[0-9+/=])[A-Za-z0-9+/]{8,}={0,2}/g, 'Basic [redacted]'],
  // user:password@ in URLs
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, '$1[redacted]@'],
  // ?token=…, &api_key=…, password=… in URLs and messages
  [/\b((?:access_?)?token|api[-_]?key|password|secret|sig(?:nature)?)=([^&\s"']+)/gi, '$1=[redacted]'],
];

export const REDACTED = '[redacted]';

function redactString(text: string): string {
  return PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** A deep copy of `value` with credential-shaped strings and values of credential-named keys masked. */
export function redact<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return redactString(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        SENSITIVE_KEY.test(key) && typeof v === 'string' ? REDACTED : walk(v),
      ]),
    );
  }
  return value;
}
