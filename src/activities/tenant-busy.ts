/**
 * Waiting for a tenant that is busy with a job that is not ours (a Webex org running another caller's Move Users
 * job): the pure decision behind each busy refusal of a start (`busyStep`), and the start activity's failure built from
 * it. The wait is measured from the first busy refusal of the start, kept in its checkpoint, and bounded by
 * `BULKFLOW_TENANT_BUSY_WAIT_MS`; the start asks again every poll interval, so exactly one job is created once the
 * tenant is free.
 */
import { Context } from '@temporalio/activity';
import { TenantBusyTimeoutError } from '../domain/errors';
import type { TenantBusyError } from '../domain/errors';
import { clampDelay } from '../http/retry-after';
import type { DelayPolicy } from '../http/retry-after';
import type { ProviderOperation } from '../providers/types';
import type { ActivityDeps } from './context';
import { toFailure } from './failures';
import type { BusyWait, StartCheckpoint } from './start-checkpoint';
import type { StartProviderJobInput } from './types';

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

/** What a refusal's handling needs to know of the attempt. */
export interface RefusedAttempt {
  readonly input: StartProviderJobInput;
  readonly operation: ProviderOperation;
  readonly checkpoint: StartCheckpoint | undefined;
  readonly attempt: number;
  readonly uncertain: boolean;
}

/** The wait of the start so far, when its tenant was found busy before. */
export function busySoFar(checkpoint: StartCheckpoint | undefined): BusyWait | undefined {
  return checkpoint?.phase === 'notAccepted' || checkpoint?.phase === 'sending' ? checkpoint.busy : undefined;
}

/**
 * The tenant is busy with a job that is not ours: checkpoint the wait (progress readers show it) and ask again after a
 * poll interval, or give up with TenantBusyTimeoutError (non-retryable) once the configured bound is reached.
 */
export function busyFailure(deps: ActivityDeps, refused: RefusedAttempt, refusal: TenantBusyError): unknown {
  const { input, operation, attempt } = refused;
  const now = deps.now();
  const step = busyStep(input.batch.index, busySoFar(refused.checkpoint), refusal, {
    now,
    boundMs: deps.config.tenantBusyWaitMs,
    pollIntervalMs: input.pollIntervalMs ?? operation.limits.pollIntervalMs,
    policy: deps.delayPolicy,
  });
  if (step.kind === 'giveUp') return toFailure(step.error);
  const retryAfterMs = refusal.details.retryAfterMs;
  Context.current().heartbeat({
    phase: 'notAccepted',
    attempt,
    busy: step.wait,
    ...(retryAfterMs ? { notBeforeMs: now + retryAfterMs } : {}),
    ...(refused.uncertain ? { uncertain: true as const } : {}),
  } satisfies StartCheckpoint);
  return toFailure(refusal, step.delayMs);
}
