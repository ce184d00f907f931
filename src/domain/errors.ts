/**
 * Typed errors shared by every layer. Guards test `name` (never `instanceof`): the workflow sandbox and jest
 * can load a class twice, and make errors in realms of their own; `isError` recognises any error by its shape.
 * `activities/failures.ts` alone turns these into Temporal `ApplicationFailure`s.
 */
import type { ProviderName } from './job';

export type { ProviderName } from './job';

export interface BulkflowErrorOptions {
  readonly retryable: boolean;
  readonly cause?: unknown;
}

/** Base class: a stable `name`, whether a retry can help, and a cause. */
export abstract class BulkflowError extends Error {
  abstract override readonly name: string;
  readonly retryable: boolean;

  constructor(message: string, options: BulkflowErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable;
  }
}

/** What a provider told us about a failure, kept verbatim for operators and audit. */
export interface ProviderErrorDetails {
  readonly status?: number;
  readonly code?: string;
  readonly providerMessage?: string;
  readonly trackingId?: string;
  /** Delay the provider asked for (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;
  /** Not sent: the answer of an identical request whose `Retry-After` window is still open (src/http/retry-after-windows.ts). */
  readonly heldByRetryAfter?: true;
}

/** Base of every error that comes from talking to a provider. */
export abstract class ProviderError extends BulkflowError {
  readonly details: ProviderErrorDetails;

  constructor(
    readonly provider: ProviderName,
    message: string,
    options: BulkflowErrorOptions & { details?: ProviderErrorDetails },
  ) {
    super(message, options);
    this.details = options.details ?? {};
  }
}

/** Thrown on 429 Too Many Requests: retryable after `details.retryAfterMs` (or backoff when absent). */
export class ProviderRateLimitError extends ProviderError {
  override readonly name = 'ProviderRateLimitError';
  constructor(provider: ProviderName, details: ProviderErrorDetails = {}) {
    super(provider, `${provider} rate limit exceeded (HTTP 429)`, { retryable: true, details });
  }
}

/** Thrown on 423 Locked: the resource is busy; retryable after `details.retryAfterMs` (or backoff). */
export class ProviderLockedError extends ProviderError {
  override readonly name = 'ProviderLockedError';
  constructor(provider: ProviderName, details: ProviderErrorDetails = {}) {
    super(provider, `${provider} resource temporarily locked (HTTP 423)`, { retryable: true, details });
  }
}

/** Thrown on 5xx, connection reset, DNS failure or timeout: retryable with exponential backoff. */
export class ProviderUnavailableError extends ProviderError {
  override readonly name = 'ProviderUnavailableError';
  constructor(provider: ProviderName, reason: string, details: ProviderErrorDetails = {}, cause?: unknown) {
    super(provider, `${provider} unavailable: ${reason}`, { retryable: true, details, cause });
  }
}

/** Thrown on 401/403: the connection's credentials are missing, expired or lack a scope. Not retryable. */
export class ProviderAuthError extends ProviderError {
  override readonly name = 'ProviderAuthError';
  constructor(provider: ProviderName, details: ProviderErrorDetails) {
    super(provider, `${provider} refused the credentials (HTTP ${details.status ?? '?'})${suffix(details)}`, {
      retryable: false,
      details,
    });
  }
}

/**
 * Thrown on a 401 to a credential the provider had accepted before, when its source has nothing newer yet (a
 * rotated file or command not rewritten yet): retryable, so the request is sent again once the rotator has caught
 * up. A 401 to a fresh credential is a `ProviderAuthError` instead.
 */
export class ProviderCredentialExpiredError extends ProviderError {
  override readonly name = 'ProviderCredentialExpiredError';
  constructor(provider: ProviderName, details: ProviderErrorDetails) {
    super(provider, `${provider} refused an expired credential (HTTP ${details.status ?? '?'}); no newer one yet`, {
      retryable: true,
      details,
    });
  }
}

/** Thrown on 404/410 and on Zoho's 204 for an unknown job id. Not retryable. */
export class ProviderNotFoundError extends ProviderError {
  override readonly name = 'ProviderNotFoundError';
  constructor(provider: ProviderName, details: ProviderErrorDetails) {
    super(provider, `${provider} does not know the resource (HTTP ${details.status ?? '?'})${suffix(details)}`, {
      retryable: false,
      details,
    });
  }
}

/** Thrown on any other 4xx (400, 405, 409, 415, 428…): the provider rejected the request. Not retryable. */
export class ProviderRejectedError extends ProviderError {
  override readonly name = 'ProviderRejectedError';
  constructor(provider: ProviderName, details: ProviderErrorDetails) {
    super(provider, `${provider} rejected the request (HTTP ${details.status ?? '?'})${suffix(details)}`, {
      retryable: false,
      details,
    });
  }
}

/** Thrown when a provider's body does not match its contract. Not retryable; `path` names the offending field. */
export class ProviderContractError extends ProviderError {
  override readonly name = 'ProviderContractError';
  /** Truncated, redacted excerpt of the offending body, for logs. Never part of `message` (it may hold PII). */
  readonly bodySnippet?: string;
  constructor(
    provider: ProviderName,
    readonly path: string,
    readonly problem: string,
    details: ProviderErrorDetails = {},
    bodySnippet?: string,
  ) {
    super(provider, `${provider} answered outside its contract at ${path || '(root)'}: ${problem}`, {
      retryable: false,
      details,
    });
    if (bodySnippet !== undefined) this.bodySnippet = bodySnippet;
  }
}

/**
 * Thrown when the provider refuses a start because a job that is not ours is running in the tenant (a Webex org):
 * retryable, since that job will end; the start waits for the tenant to be free, up to a configured bound.
 * `runningJobId` is the provider's id of the job in the way, when known.
 */
export class TenantBusyError extends ProviderError {
  override readonly name = 'TenantBusyError';
  constructor(
    provider: ProviderName,
    details: ProviderErrorDetails,
    readonly runningJobId?: string,
  ) {
    const job = runningJobId === undefined ? '' : ` (${provider} job ${runningJobId})`;
    super(provider, `${provider}: another job is running in this org${job}`, { retryable: true, details });
  }
}

/**
 * Thrown when a start has waited its whole bound (`BULKFLOW_TENANT_BUSY_WAIT_MS`) for a job that is not ours to end in
 * the tenant. Not retryable: the batch fails, naming the wait and the job in the way.
 */
export class TenantBusyTimeoutError extends BulkflowError {
  override readonly name = 'TenantBusyTimeoutError';
  constructor(
    readonly provider: ProviderName,
    readonly waitedMs: number,
    readonly boundMs: number,
    readonly runningJobId?: string,
  ) {
    const job = runningJobId === undefined ? 'another job' : `another job (${provider} job ${runningJobId})`;
    super(
      `${provider}: gave up waiting for the org to be free after ${durationText(waitedMs)}: ${job} is still running ` +
        `there, and BULKFLOW_TENANT_BUSY_WAIT_MS bounds the wait to ${durationText(boundMs)}`,
      { retryable: false },
    );
  }
}

/** A duration for a message: `30 min`, `1.5 s`. */
function durationText(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * Thrown when a start may or may not have reached the provider and nothing can settle it.
 * Not retryable: a blind re-send could run the job twice. The message says what to check.
 */
export class AmbiguousStartError extends BulkflowError {
  override readonly name = 'AmbiguousStartError';
  constructor(
    readonly provider: ProviderName,
    readonly whatToCheck: string,
  ) {
    super(`start of a ${provider} job may or may not have been accepted; check ${whatToCheck}`, { retryable: false });
  }
}

/** How large something is: `exact` false when reading stopped past a limit, so `value` is a lower bound. */
export interface MeasuredSize {
  readonly value: number;
  readonly exact: boolean;
}

/**
 * Thrown when a request is larger than where it goes takes: an HTTP body, the rows of a CSV body, a Temporal payload.
 * The message names the size, the limit and what to do instead; `size` and `limit` are in the unit of `unit`. Not
 * retryable as it is.
 */
export class RequestTooLargeError extends BulkflowError {
  override readonly name = 'RequestTooLargeError';
  constructor(
    message: string,
    readonly size: MeasuredSize,
    readonly limit: number,
    readonly unit: 'bytes' | 'rows',
    cause?: unknown,
  ) {
    super(message, { retryable: false, cause });
  }
}

/** Thrown when a request, a CLI argument or a workflow input is invalid. `field` is the path, e.g. `users[3].phoneNumber`. */
export class InvalidRequestError extends BulkflowError {
  override readonly name = 'InvalidRequestError';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`invalid request: ${field}: ${problem}`, { retryable: false });
  }
}

/**
 * Thrown when a request declares a tenant other than the one the job would act on (derived from its input and
 * connection). The declared tenant is a label, never a grant: a disagreement is refused. Not retryable.
 */
export class TenantMismatchError extends BulkflowError {
  override readonly name = 'TenantMismatchError';
  readonly field = 'tenant';
  readonly problem: string;
  constructor(
    readonly declared: string,
    readonly derived: string,
  ) {
    const problem = `declared tenant ${declared} is not the tenant this job acts on (${derived}, from its input and connection)`;
    super(`invalid request: tenant: ${problem}`, { retryable: false });
    this.problem = problem;
  }
}

/**
 * Thrown when a job would run on a connection that does not serve its tenant: a connection's credentials and
 * provider limits belong to the tenants its `tenants` setting names. Not retryable.
 */
export class ConnectionNotServedError extends BulkflowError {
  override readonly name = 'ConnectionNotServedError';
  readonly field = 'connection';
  constructor(
    readonly connection: string,
    readonly tenant: string,
    readonly problem: string,
  ) {
    super(`invalid request: connection: ${problem}`, { retryable: false });
  }
}

/**
 * Thrown when a result bulkflow built breaks one of its own invariants (an item with two outcomes, counts that do not
 * add up): a bug of ours, never a provider's answer (that is a `ProviderContractError`). Not retryable: the same code
 * would build the same result again.
 */
export class ResultInvariantError extends BulkflowError {
  override readonly name = 'ResultInvariantError';
  constructor(
    readonly invariant: string,
    readonly problem: string,
  ) {
    super(`result invariant broken (${invariant}): ${problem}`, { retryable: false });
  }
}

/** Thrown when configuration (env or the BULKFLOW_CONFIG file) is invalid; `source` names the variable or path. */
export class ConfigError extends BulkflowError {
  override readonly name = 'ConfigError';
  constructor(
    readonly source: string,
    problem: string,
  ) {
    super(`invalid configuration: ${source}: ${problem}`, { retryable: false });
  }
}

function suffix(details: ProviderErrorDetails): string {
  const parts = [
    details.code && `code ${details.code}`,
    details.providerMessage,
    details.trackingId && `trackingId ${details.trackingId}`,
  ];
  const text = parts.filter(Boolean).join('; ');
  return text ? `: ${text}` : '';
}

/**
 * True when `value` is an error by its shape, as the SDK's `isError` checks: an object with a string `name` and
 * `message`, and a string `stack` if any. `instanceof Error` is false for an error made in another realm (the
 * workflow sandbox, a jest environment, undici under jest), so every guard of ours starts here.
 */
export function isError(value: unknown): value is Error {
  if (typeof value !== 'object' || value === null) return false;
  const { name, message, stack } = value as { name?: unknown; message?: unknown; stack?: unknown };
  return typeof name === 'string' && typeof message === 'string' && (stack == null || typeof stack === 'string');
}

/** The message of `value` when it is an error (by shape), else `value` as text: for words that quote a failure. */
export function errorMessage(value: unknown): string {
  return isError(value) ? value.message : String(value);
}

/** True when `err` is an error (by shape) whose `name` is one of `names`. */
export function hasErrorName(err: unknown, ...names: string[]): err is Error {
  return isError(err) && names.includes(err.name);
}

/** True when `err` is a `ProviderError` (checked by shape, not `instanceof`). */
export function isProviderError(err: unknown): err is ProviderError {
  return isError(err) && 'provider' in err && 'details' in err && typeof err.details === 'object';
}

/** True when `err` is one of bulkflow's typed errors (checked by shape, not `instanceof`). */
export function isBulkflowError(err: unknown): err is BulkflowError {
  return isError(err) && typeof (err as Partial<BulkflowError>).retryable === 'boolean';
}
