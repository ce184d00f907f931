/**
 * The ledger of a simulated provider: every job it accepted and what it did to each user, so a test can compare what
 * the provider did with what bulkflow reports (nothing lost, nothing done twice). Plain data.
 */

/** What the provider did to one user of a job; `pending` until the job has processed the user. */
export type LedgerOutcome = 'succeeded' | 'failed' | 'skipped' | 'pending';

/** One user of an accepted job, under the ref bulkflow gives the same user (a userId, uid, login id, record id…). */
export interface LedgerUser {
  readonly ref: string;
  readonly outcome: LedgerOutcome;
}

/** One job the provider accepted. */
export interface LedgerJob {
  readonly id: string;
  /** ISO time of acceptance. */
  readonly createdAt: string;
  /** True once the provider will change nothing more about the job. */
  readonly finished: boolean;
  /** The job's users in the provider's order. */
  readonly users: readonly LedgerUser[];
}

/** Users `0 … processed - 1` get `outcomeAt(i)`, the rest are pending. */
export function ledgerUsers(
  refs: readonly string[],
  processed: number,
  outcomeAt: (index: number) => Exclude<LedgerOutcome, 'pending'>,
): LedgerUser[] {
  return refs.map((ref, i) => ({ ref, outcome: i < processed ? outcomeAt(i) : 'pending' }));
}
