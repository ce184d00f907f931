/** Paths and error handling shared by every Oracle user-sync call (docs/contracts.md#oraclesyncusers-endpoints). */
import { ConfigError, ProviderLockedError, type ProviderErrorDetails } from '../../domain/errors';
import { classifyResponse, errorForOutcome, type HttpOutcome } from '../../http/classify';
import type { HttpResponse } from '../../http/types';
import type { AuthScheme } from '../types';
import { OracleErrorBodySchema } from './schemas';

/**
 * Basic auth reaches the v1 API (docs/contracts.md#oraclesyncusers-endpoints); the connection's base URL is the origin.
 */
export const V1_ROOT = '/cloudapi/restapi';
/** Bearer (OAuth) tokens reach only the v3 API. */
export const V3_ROOT = '/cloudapi/restapi/v3';

/** The API root for a connection's auth scheme. Thrown for a scheme Oracle does not take: ConfigError. */
export function apiRoot(scheme: AuthScheme): string {
  if (scheme === 'Basic') return V1_ROOT;
  if (scheme === 'Bearer') return V3_ROOT;
  throw new ConfigError('oracle connection', 'Oracle takes Basic (user:password) or Bearer (OAuth) auth');
}

/** `POST …/user`: create / update / delete users. */
export function usersPath(scheme: AuthScheme): string {
  return `${apiRoot(scheme)}/user`;
}

/** `GET …/user/status/{jobId}`, optionally followed by `/draft` or `/log`. */
export function statusPath(scheme: AuthScheme, jobId: string, suffix: '' | '/draft' | '/log' = ''): string {
  return `${apiRoot(scheme)}/user/status/${encodeURIComponent(jobId)}${suffix}`;
}

/** The outcomes an Oracle answer may have once failures are thrown. */
export type OracleAnswer = Extract<HttpOutcome, { kind: 'success' | 'accepted' | 'noContent' }>;

/**
 * Classifies `res`, returning 2xx outcomes (202 = still running on the status endpoint).
 * Thrown otherwise: the typed ProviderError of the retry table, with Oracle's `exception` key as `code`. With
 * `busyConflict`, a 409 saying a previous user job must complete first is a ProviderLockedError (retried with
 * backoff) instead of a permanent refusal: the engine never runs two of our jobs at once (`tenantPermits: 1`), so
 * the running job is someone else's and will end. Its body is UNCONFIRMED; any other 409 stays permanent.
 */
export function classifyOracle(res: HttpResponse, options: { busyConflict?: boolean } = {}): OracleAnswer {
  const outcome = classifyResponse(res);
  if (outcome.kind === 'success' || outcome.kind === 'accepted' || outcome.kind === 'noContent') return outcome;
  const details = withOracleCode(outcome.details, res.text);
  if (options.busyConflict && isJobInProgress(details)) throw new ProviderLockedError('oracle', details);
  throw errorForOutcome('oracle', { ...outcome, details });
}

const JOB_IN_PROGRESS = /in progress|must complete|USER_JOB_IN_PROGRESS/i;

function isJobInProgress(details: ProviderErrorDetails): boolean {
  if (details.status !== 409) return false;
  return JOB_IN_PROGRESS.test(details.code ?? '') || JOB_IN_PROGRESS.test(details.providerMessage ?? '');
}

/** Adds Oracle's `exception` (an error key, or a message) to what the generic extraction found. */
export function withOracleCode(details: ProviderErrorDetails, text: string): ProviderErrorDetails {
  const body = OracleErrorBodySchema.safeParse(parseJson(text));
  const exception = body.success ? body.data.exception?.trim() : undefined;
  if (!exception) return details;
  if (isKey(exception)) return details.code === undefined ? { ...details, code: exception } : details;
  return details.providerMessage === undefined ? { ...details, providerMessage: exception } : details;
}

/** True when `value` looks like an error / localization key rather than a sentence. */
export function isKey(value: string): boolean {
  return /^[A-Za-z][\w.-]*$/.test(value);
}

/** `text` parsed as JSON, or `undefined`. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
