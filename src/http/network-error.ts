/** Translation of fetch/undici failures into `ProviderUnavailableError` with a short, secret-free reason. */
import { isError, ProviderUnavailableError } from '../domain/errors';
import type { ProviderName } from '../domain/errors';

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);
/** System errno codes (`ECONNRESET`), not Node's `ERR_*` programming errors. */
const ERRNO = /^E[A-Z]+$/;
const RESET_MESSAGES = ['socket hang up', 'other side closed', 'terminated'];

/**
 * The `ProviderUnavailableError` for a failed fetch (reset, refused, DNS, unreachable, timeout), keeping the original
 * error as `cause`; `undefined` when `err` is not a network failure (a programming error must surface as itself).
 */
export function toUnavailableError(
  provider: ProviderName,
  err: unknown,
  timeoutMs: number,
): ProviderUnavailableError | undefined {
  const reason = networkReason(err, timeoutMs);
  return reason === undefined ? undefined : new ProviderUnavailableError(provider, reason, {}, err);
}

function networkReason(err: unknown, timeoutMs: number): string | undefined {
  const chain = causeChain(err);
  if (chain.some((e) => e.name === 'TimeoutError' || e.name === 'AbortError')) return `timeout after ${timeoutMs} ms`;
  const codes = chain.map(errorCode).filter((code): code is string => code !== undefined);
  const messages = chain.map((e) => e.message.toLowerCase());
  if (codes.includes('ECONNREFUSED')) return 'connection refused';
  if (codes.some((code) => RESET_CODES.has(code))) return 'connection reset';
  if (codes.some((code) => TIMEOUT_CODES.has(code))) return `timeout (${codes.find((c) => TIMEOUT_CODES.has(c))})`;
  if (codes.some((code) => DNS_CODES.has(code))) return 'DNS lookup failed';
  if (codes.some((code) => UNREACHABLE_CODES.has(code))) return 'host unreachable';
  if (messages.some((m) => RESET_MESSAGES.some((text) => m.includes(text)))) return 'connection reset';
  const other = codes.find((code) => code.startsWith('UND_ERR_') || ERRNO.test(code));
  if (other !== undefined) return `network error (${other})`;
  if (messages.includes('fetch failed')) return 'network error';
  return undefined;
}

interface ErrorLike {
  readonly name: string;
  readonly message: string;
  readonly code?: unknown;
  readonly cause?: unknown;
  readonly errors?: unknown;
}

/**
 * `err` and its causes (including the members of an `AggregateError`), outermost first, bounded against cycles.
 * Checked by shape (`isError`): undici's errors come from another realm under jest, where `instanceof Error` is false.
 */
function causeChain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [err];
  while (queue.length > 0 && out.length < 10) {
    const next = queue.shift();
    if (!isError(next) || out.includes(next)) continue;
    const error: ErrorLike = next;
    out.push(error);
    queue.push(error.cause);
    if (Array.isArray(error.errors)) queue.push(...(error.errors as unknown[]));
  }
  return out;
}

function errorCode(err: ErrorLike): string | undefined {
  return typeof err.code === 'string' ? err.code : undefined;
}
