/**
 * Per-user outcomes from a job's `UserDataStore` echo (docs/contracts.md#oraclesyncusers-per-item-results). Oracle has
 * no job state: the outcome of each user is read from its own `statusInfo` / `statusInfoOK` / `processed`, from
 * `deleteFailed`, and from the job-level `exception`. Decisions (documented in docs/operations.md):
 * - added / modified user: failed when `statusInfoOK` is false, when `statusInfo` says it failed ("User created, but
 *   Application Access failed" is a failure: the user exists but lacks the access asked for; the message says so),
 *   or when `processed` is false; otherwise succeeded, with `statusInfo` kept as the message;
 * - deleted login id: failed when listed in `deleteFailed`, else succeeded;
 * - users without a result of their own (not echoed, no status fields, deletes not in `deleteFailed`) fail with the
 *   job's `exception` when there is one; without one, a user missing from the echo stays unreported (pending).
 */
import type { ItemOutcome } from '../../domain/job';
import type { OracleUser, UserDataStoreRequest, UserDataStoreResult } from './schemas';
import { loginIdsOf } from './plan';
import { isKey } from './wire';

/** Per-user outcomes of one batch. `final` is false while the job runs (202): only own results count then. */
export interface UserOutcomes {
  /** Reported users, in request order. */
  readonly items: ItemOutcome[];
  /** Login ids of the request without an outcome yet. */
  readonly unreported: string[];
  /** Login ids in the echo that the request did not contain. */
  readonly strangers: string[];
}

type Lookup = (loginId: string) => OracleUser | undefined;
type IdMap = ReadonlyMap<string, string>;

/** Maps the echo of `request` to outcomes. Pure. */
export function userOutcomesOf(
  request: UserDataStoreRequest,
  result: UserDataStoreResult,
  final: boolean,
): UserOutcomes {
  const jobError = final ? exceptionOutcome(result) : undefined;
  const ids: IdMap = new Map(Object.entries(result.updatedIdMap ?? {}));
  const deleteFailures = (result.deleteFailed ?? []).map(
    (e): OracleUser => (typeof e === 'string' ? { loginId: e } : e),
  );
  const added = lookupOf(result.added ?? [], ids);
  const modified = lookupOf(result.modified ?? [], ids);
  const deleted = lookupOf(deleteFailures, ids);
  const outcomes: Array<ItemOutcome | string> = [
    ...(request.added ?? []).map((u) => upsertOutcome(u.loginId, added(u.loginId), 'ADD_FAILED', jobError, final)),
    ...(request.modified ?? []).map((u) =>
      upsertOutcome(u.loginId, modified(u.loginId), 'MODIFY_FAILED', jobError, final),
    ),
    ...(request.deleted ?? []).map((id) => deleteOutcome(id, deleted(id), jobError, final)),
  ];
  const echoed = [...(result.added ?? []), ...(result.modified ?? []), ...deleteFailures];
  return {
    items: outcomes.filter((o): o is ItemOutcome => typeof o !== 'string'),
    unreported: outcomes.filter((o): o is string => typeof o === 'string'),
    strangers: strangersOf(request, echoed, ids),
  };
}

/**
 * What the echo says about login ids the request did not contain (`strangers`), as rows: the engine keeps them as
 * warnings, never as items of the batch. Pure.
 */
export function strangerRows(result: UserDataStoreResult, strangers: readonly string[]): ItemOutcome[] {
  const named = new Set(strangers);
  const pick = (users: readonly OracleUser[]): OracleUser[] => users.filter((u) => named.has(u.loginId));
  const deleteFailed = (result.deleteFailed ?? []).map((e) => (typeof e === 'string' ? e : e.loginId));
  const asRequest: UserDataStoreRequest = {
    added: pick(result.added ?? []),
    modified: pick(result.modified ?? []),
    deleted: deleteFailed.filter((loginId) => named.has(loginId)),
  };
  // Without the job's exception: it speaks for the request's users, not for rows nobody asked about.
  return userOutcomesOf(asRequest, { ...result, exception: null, updatedIdMap: null }, true).items;
}

/** Echoed login ids that name none of the request's users (even through `updatedIdMap`). */
function strangersOf(request: UserDataStoreRequest, echoed: readonly OracleUser[], ids: IdMap): string[] {
  const inverted: IdMap = new Map([...ids].map(([from, to]) => [to, from]));
  const ours = lookupOf(
    loginIdsOf(request).map((loginId) => ({ loginId })),
    inverted,
  );
  return [...new Set(echoed.map((u) => u.loginId).filter((id) => ours(id) === undefined))];
}

/** What the job-level `exception` means for users without a result of their own. */
type JobError = (ref: string) => ItemOutcome;

function exceptionOutcome(result: UserDataStoreResult): JobError | undefined {
  const exception = result.exception?.trim();
  if (!exception) return undefined;
  const keyed = isKey(exception) || result.localizedException === true;
  const code = keyed ? exception : 'JOB_EXCEPTION';
  const message = keyed ? result.message?.trim() || exception : exception;
  return (ref) => ({ ref, outcome: 'failed', code, message });
}

function upsertOutcome(
  ref: string,
  echo: OracleUser | undefined,
  code: string,
  jobError: JobError | undefined,
  final: boolean,
): ItemOutcome | string {
  const info = echo?.statusInfo?.trim() || undefined;
  if (echo?.statusInfoOK === false) return { ref, outcome: 'failed', code, message: info ?? 'statusInfoOK is false' };
  if (info !== undefined && saysFailed(info)) return { ref, outcome: 'failed', code, message: info };
  if (echo?.processed === false) return final ? (jobError?.(ref) ?? notProcessed(ref)) : ref;
  if (echo !== undefined && (echo.statusInfoOK === true || info !== undefined || echo.processed === true)) {
    return succeeded(ref, info);
  }
  if (!final) return ref;
  if (jobError) return jobError(ref);
  // Echoed without any result and no job exception: Oracle finished the job without complaint about this user.
  return echo === undefined ? ref : succeeded(ref, info);
}

function notProcessed(ref: string): ItemOutcome {
  return {
    ref,
    outcome: 'failed',
    code: 'NOT_PROCESSED',
    message: 'Oracle finished the job without processing the user',
  };
}

function deleteOutcome(
  ref: string,
  failure: OracleUser | undefined,
  jobError: JobError | undefined,
  final: boolean,
): ItemOutcome | string {
  if (failure) {
    const message = failure.statusInfo?.trim() || 'Oracle could not delete the user';
    return { ref, outcome: 'failed', code: 'DELETE_FAILED', message };
  }
  if (!final) return ref;
  return jobError?.(ref) ?? { ref, outcome: 'succeeded' };
}

function succeeded(ref: string, info: string | undefined): ItemOutcome {
  return info === undefined ? { ref, outcome: 'succeeded' } : { ref, outcome: 'succeeded', message: info };
}

/** True when a `statusInfo` reports a failure ("…failed", "Failure…", "Error…"), but not "no errors". */
export function saysFailed(statusInfo: string): boolean {
  if (/\b(?:no|without)\s+(?:errors?|failures?)\b/i.test(statusInfo)) return false;
  return /\b(?:fail(?:s|ed|ure|ures)?|errors?|unable|could not|cannot)\b/i.test(statusInfo);
}

/**
 * Finds a user in an echoed list: by exact login id, then through `ids` (`updatedIdMap`: original id → updated id),
 * then case-insensitively.
 */
function lookupOf(users: readonly OracleUser[], ids: IdMap): Lookup {
  const exact = new Map(users.map((u) => [u.loginId, u]));
  const folded = new Map(users.map((u) => [u.loginId.toLowerCase(), u]));
  return (loginId) => {
    const renamed = ids.get(loginId) ?? loginId;
    return (
      exact.get(loginId) ?? exact.get(renamed) ?? folded.get(loginId.toLowerCase()) ?? folded.get(renamed.toLowerCase())
    );
  };
}
