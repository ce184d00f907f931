/**
 * Waiting for a tenant that is busy with a job that is not ours (a Webex org running another caller's Move Users
 * job): the pure decision behind each busy refusal of a start. The wait is measured from the first busy refusal of
 * the start, kept in its checkpoint, and bounded by `BULKFLOW_TENANT_BUSY_WAIT_MS`; the start asks again every poll
 * interval, so exactly one job is created once the tenant is free.
 */
import { TenantBusyTimeoutError } from '../domain/errors';
import type { TenantBusyError } from '../domain/errors';
import { clampDelay } from '../http/retry-after';
import type { DelayPolicy } from '../http/retry-after';

/** What a start's checkpoint keeps of its wait, and what progress readers show. */
export interface BusyWait {
  /** The batch whose start waits. */
  readonly batch: number;
  /** Epoch ms of the first busy refusal of this start. */
  readonly sinceMs: number;
  /**
   * Epoch ms of the latest busy refusal: every job the tenant's list shows created before it is another caller's, so a
   * start whose send state became unknown afterwards reconciles from it, never adopting the job it waited for.
   */
  readonly lastRefusedMs: number;
  /** The provider's id of the job in the way, when known. */
  readonly runningJobId?: string;
}

export interface BusyEnv {
  readonly now: number;
  /** How long the start may wait in all (`BULKFLOW_TENANT_BUSY_WAIT_MS`). */
  readonly boundMs: number;
  /** How soon to ask again (the job's poll interval). */
  readonly pollIntervalMs: number;
  readonly policy: DelayPolicy;
}

export type BusyStep =
  | { readonly kind: 'wait'; readonly wait: BusyWait; readonly delayMs: number }
  | { readonly kind: 'giveUp'; readonly error: TenantBusyTimeoutError };

/**
 * The next step after `refusal`, given the wait so far (`previous`, absent on the first busy refusal): ask again after a
 * poll interval (never past the bound, and never inside a `Retry-After` the provider sent), or give up once the
 * bound is reached.
 */
export function busyStep(
  batch: number,
  previous: BusyWait | undefined,
  refusal: TenantBusyError,
  env: BusyEnv,
): BusyStep {
  const sinceMs = previous?.sinceMs ?? env.now;
  const runningJobId = refusal.runningJobId ?? previous?.runningJobId;
  const waitedMs = env.now - sinceMs;
  if (waitedMs >= env.boundMs) {
    return { kind: 'giveUp', error: new TenantBusyTimeoutError(refusal.provider, waitedMs, env.boundMs, runningJobId) };
  }
  const wanted = Math.max(env.pollIntervalMs, refusal.details.retryAfterMs ?? 0);
  const delayMs = Math.max(1, Math.min(clampDelay(wanted, env.policy), env.boundMs - waitedMs));
  return {
    kind: 'wait',
    wait: { batch, sinceMs, lastRefusedMs: env.now, ...(runningJobId === undefined ? {} : { runningJobId }) },
    delayMs,
  };
}

/**
 * Where reconciliation looks for a job of this start: from when the batch was scheduled, or, once its tenant was found
 * busy, from the latest busy refusal (minus the operation's own clock skew allowance).
 */
export function reconcileSince(scheduledAt: string, busy: BusyWait | undefined): string {
  if (busy === undefined) return scheduledAt;
  return new Date(Math.max(Date.parse(scheduledAt), busy.lastRefusedMs)).toISOString();
}
