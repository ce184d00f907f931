/**
 * Pure mapping of a job-status answer to the normalized `ProviderJobSnapshot`
 * (docs/contracts.md#oraclesyncusers-status-vocabulary). Oracle has no job-state field: HTTP 202 means still running,
 * HTTP 200 means done, and success versus partial versus failure is derived from the per-user outcomes of the
 * `UserDataStore` echo.
 */
import type { ItemCounts, ProviderJobSnapshot } from '../../domain/job';
import { emptyCounts } from '../../domain/job';
import { countOutcomes, stateFromCounts } from '../../domain/outcome';
import { loginIdsOf } from './plan';
import type { UserDataStoreRequest, UserDataStoreResult } from './schemas';
import { userOutcomesOf, type UserOutcomes } from './user-outcomes';

/** The status endpoint's answers and what each means: the whole status vocabulary of this API. */
export const ORACLE_STATUS_ANSWERS = { 202: 'running', 200: 'done' } as const;
export type OracleStatusCode = keyof typeof ORACLE_STATUS_ANSWERS;

/** A snapshot and, when the job is done, the per-user outcomes it was derived from. */
export interface SyncUsersStatus {
  readonly snapshot: ProviderJobSnapshot;
  readonly outcomes?: UserOutcomes;
}

/**
 * Maps one status answer. `result` is the parsed `UserDataStore` body (required for 200; for 202 it is optional and
 * only used for progress, since the body of a running job is documented but never relied upon).
 */
export function mapSyncUsersStatus(
  status: OracleStatusCode,
  request: UserDataStoreRequest,
  result: UserDataStoreResult | undefined,
): SyncUsersStatus {
  const total = loginIdsOf(request).length;
  const providerStatus = `HTTP ${status} (${ORACLE_STATUS_ANSWERS[status]})`;
  if (status === 202) {
    const counts = result === undefined ? emptyCounts(total) : countOutcomes(total, progressOf(request, result));
    return { snapshot: { state: 'running', counts, providerStatus } };
  }
  const outcomes = userOutcomesOf(request, result ?? {}, true);
  const counts = countOutcomes(total, outcomes.items);
  const state = stateFromCounts(counts);
  if (state === 'succeeded') return { snapshot: { state, counts, providerStatus }, outcomes };
  return { snapshot: { state, counts, providerStatus, reason: reasonOf(counts, result) }, outcomes };
}

function progressOf(request: UserDataStoreRequest, result: UserDataStoreResult): UserOutcomes['items'] {
  return userOutcomesOf(request, result, false).items;
}

/** Why a finished job is not a full success: the job's `exception` first, then the counts. */
export function reasonOf(counts: ItemCounts, result: UserDataStoreResult | undefined): string {
  const exception = result?.exception?.trim();
  const parts = [
    exception ? `job exception ${exception}` : undefined,
    counts.failed > 0 ? `${counts.failed} of ${counts.total} users failed` : undefined,
    counts.pending > 0 ? `${counts.pending} of ${counts.total} users not reported in the job result` : undefined,
  ].filter((p): p is string => p !== undefined);
  return `Oracle user job ended with ${parts.join('; ') || 'no user succeeded'}`;
}
