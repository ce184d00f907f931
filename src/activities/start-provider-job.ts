/**
 * `startProviderJob`: exactly one provider job per batch
 * (docs/architecture.md#exactly-one-provider-job-per-batch-or-a-loud-stop).
 *
 * Each attempt checkpoints in heartbeat details: `sending` before the POST, `sent` with the job id after it, and
 * `notAccepted` when the provider definitely refused (an HTTP answer of 4xx/423/429). A retry reuses a known job id;
 * it re-sends only when the previous attempt was definitely refused (or this is attempt 1). Otherwise the send
 * state is unknown and is settled by the provider's idempotency or by reconciliation through a list endpoint, else
 * the start fails with `AmbiguousStartError`. Heartbeats are asynchronous, so a missing checkpoint is read as
 * "unknown", never as "not sent". A refusal of a request re-sent while the send state was unknown speaks only for
 * that request, not for the earlier one the provider may have acted on: such a refusal stays unknown (`uncertain`
 * in its checkpoint), and a permanent one stops the start with `AmbiguousStartError`.
 */
import { Context } from '@temporalio/activity';
import { AmbiguousStartError, hasErrorName, isProviderError } from '../domain/errors';
import type { ProviderError, TenantBusyError } from '../domain/errors';
import { answerOfError, heldByRetryAfter } from '../domain/metrics';
import type { RequestAnswer } from '../domain/metrics';
import { clampDelay, retryDelay } from '../http/retry-after';
import type { PlannedBatch } from '../domain/job';
import type { OperationContext, ProviderOperation } from '../providers/types';
import { bind } from './context';
import type { ActivityDeps } from './context';
import { stillRunning, toFailure } from './failures';
import { measuredHttp, measuredRequest, recordRetryAfterWait, targetOf } from './metrics';
import type { MetricTarget } from './metrics';
import { settleReported, warningsPart } from './item-rules';
import type { BusyWait, StartCheckpoint } from './start-checkpoint';
import { busyFailure, busySoFar, reconcileSince } from './tenant-busy';
import type { StartProviderJobInput, StartProviderJobResult } from './types';

export type { StartCheckpoint } from './start-checkpoint';

type Decision =
  /** `settled`: nothing of this start was accepted before (else only the provider's idempotency keeps it single). */
  | { kind: 'send'; settled: boolean }
  | { kind: 'reuse'; providerJobId: string }
  /** The lookup cannot tell yet: try again after a poll interval, still without sending. */
  | { kind: 'wait'; reason: string };

/** No request of this start can have been accepted before this attempt. */
function definitelyNotSent(
  input: StartProviderJobInput,
  checkpoint: StartCheckpoint | undefined,
  attempt: number,
): boolean {
  if (attempt === 1 || input.dryRun) return true;
  return checkpoint?.phase === 'notAccepted' && checkpoint.attempt === attempt - 1 && !checkpoint.uncertain;
}

async function decide(
  operation: ProviderOperation,
  ctx: OperationContext,
  input: StartProviderJobInput,
  checkpoint: StartCheckpoint | undefined,
  attempt: number,
): Promise<Decision> {
  if (checkpoint?.phase === 'sent') return { kind: 'reuse', providerJobId: checkpoint.providerJobId };
  if (definitelyNotSent(input, checkpoint, attempt)) return { kind: 'send', settled: true };
  if (operation.idempotentStart) return { kind: 'send', settled: false };
  if (!operation.reconcileStart) throw ambiguous(operation, input.batch, 'the provider offers no way to look it up');
  const lookup = { ...ctx, http: measuredHttp(ctx.http, targetOf(operation), 'reconcile') };
  const found = await operation.reconcileStart(
    lookup,
    input.batch,
    reconcileSince(input.scheduledAt, busySoFar(checkpoint)),
  );
  switch (found.kind) {
    case 'found':
      ctx.log.warn({ providerJobId: found.providerJobId }, 'interrupted start reconciled to an existing job');
      return { kind: 'reuse', providerJobId: found.providerJobId };
    case 'none':
      return { kind: 'send', settled: true };
    case 'ambiguous':
      throw ambiguous(operation, input.batch, `candidate jobs ${found.candidates.join(', ')}`);
    case 'pending':
      return { kind: 'wait', reason: found.reason };
  }
}

function ambiguous(operation: ProviderOperation, batch: PlannedBatch, why: string): AmbiguousStartError {
  return new AmbiguousStartError(
    operation.provider,
    `whether ${operation.id} batch ${batch.index} (${batch.itemRefs.length} items, key ${batch.key}) ` +
      `was accepted at ${operation.provider}: ${why}`,
  );
}

/**
 * A 2xx answer to a start whose body could not be read (a contract error without a status counts: refusals are
 * classified by status before any body is read): the provider said it accepted, but not which job it made. Reading
 * it as a refusal would report the batch's items failed while the provider may be processing them.
 */
function unreadableAcceptance(err: unknown): err is ProviderError {
  if (!isProviderError(err) || err.name !== 'ProviderContractError') return false;
  const status = err.details.status;
  return status === undefined || (status >= 200 && status < 300);
}

/** A definite refusal is an HTTP answer that is not 5xx: the provider saw the request and created nothing. */
function definitelyRefused(err: unknown): err is ProviderError {
  if (!isProviderError(err) || err.name === 'ProviderContractError') return false;
  const status = err.details.status;
  return status !== undefined && status >= 400 && status < 500;
}

export async function startProviderJob(
  deps: ActivityDeps,
  input: StartProviderJobInput,
): Promise<StartProviderJobResult> {
  const context = Context.current();
  const { attempt } = context.info;
  const checkpoint = context.info.heartbeatDetails as StartCheckpoint | undefined;
  const now = deps.now();
  if (checkpoint?.phase === 'notAccepted' && (checkpoint.notBeforeMs ?? 0) > now) {
    context.heartbeat({ ...checkpoint, attempt } satisfies StartCheckpoint);
    // Longer windows are waited out over several attempts, so `nextRetryDelay` stays within the configured cap.
    const waitMs = clampDelay((checkpoint.notBeforeMs ?? now) - now, deps.delayPolicy);
    throw stillRunning(waitMs, 'waiting for Retry-After before starting');
  }
  const { operation, ctx } = bind(deps, input.operation, input.connection);
  // A failed reconciliation lookup says nothing about the earlier POST: the send state stays unknown.
  const decision = await decide(operation, ctx, input, checkpoint, attempt).catch((err: unknown) => {
    throw lookupFailure(deps, err, attempt);
  });
  if (decision.kind === 'wait') {
    const pollMs = input.pollIntervalMs ?? operation.limits.pollIntervalMs;
    throw stillRunning(clampDelay(pollMs, deps.delayPolicy), `start not settled yet: ${decision.reason}`);
  }
  if (decision.kind === 'reuse') {
    context.heartbeat({ phase: 'sent', attempt, providerJobId: decision.providerJobId } satisfies StartCheckpoint);
    return {
      kind: 'started',
      providerJobId: decision.providerJobId,
      startedAt: new Date(now).toISOString(),
      reused: true,
    };
  }
  // Sending although an earlier request may have been accepted: only the provider's idempotency settles it.
  const uncertain = !decision.settled;
  await credentialFirst(ctx, context, attempt, checkpoint);
  const target = targetOf(operation);
  try {
    const busy = busySoFar(checkpoint);
    context.heartbeat({ phase: 'sending', attempt, ...(busy ? { busy } : {}) } satisfies StartCheckpoint);
    const send = () =>
      operation.start(ctx, input.batch, { idempotencyKey: input.idempotencyKey, dryRun: input.dryRun });
    const outcome = await measuredRequest(target, 'start', send, startAnswer);
    const startedAt = new Date(deps.now()).toISOString();
    if (outcome.kind === 'validated') {
      const { items, warnings } = settleReported(ctx.log, outcome.items, { batch: input.batch });
      return { kind: 'validated', items, startedAt, ...warningsPart(warnings) };
    }
    context.heartbeat({ phase: 'sent', attempt, providerJobId: outcome.providerJobId } satisfies StartCheckpoint);
    ctx.log.info({ providerJobId: outcome.providerJobId, batch: input.batch.index }, 'provider job started');
    return { kind: 'started', providerJobId: outcome.providerJobId, startedAt, reused: false };
  } catch (err) {
    if (unreadableAcceptance(err)) {
      const status = err.details.status === undefined ? '' : `HTTP ${err.details.status}: `;
      throw toFailure(ambiguous(operation, input.batch, `it answered ${status}${err.message}`));
    }
    if (uncertain && definitelyRefused(err) && !err.retryable) {
      throw toFailure(
        ambiguous(
          operation,
          input.batch,
          `an earlier request may have been accepted, and the request sent again was refused: ${err.message}`,
        ),
      );
    }
    if (hasErrorName(err, 'TenantBusyError')) {
      throw busyFailure(deps, { input, operation, checkpoint, attempt, uncertain }, err as TenantBusyError);
    }
    throw refusalFailure(deps, err, attempt, context, { uncertain, busy: busySoFar(checkpoint), target });
  }
}

/**
 * Obtains the connection's credential (a token command, an OAuth refresh) before the start records `sending`: a
 * failure there sent nothing, so the first attempt records `notAccepted` and a retry may send; a later attempt keeps
 * the checkpoint of the earlier one. Thrown: the credential's error as a failure.
 */
async function credentialFirst(
  ctx: OperationContext,
  context: Context,
  attempt: number,
  checkpoint: StartCheckpoint | undefined,
): Promise<void> {
  try {
    await ctx.http.ready?.();
  } catch (err) {
    if (attempt === 1 && checkpoint === undefined) {
      context.heartbeat({ phase: 'notAccepted', attempt } satisfies StartCheckpoint);
    }
    throw toFailure(err);
  }
}

/** The `answer` label of a start request (an answer held by an open Retry-After window was never sent). */
function startAnswer(outcome: { ok: unknown } | { error: unknown }): RequestAnswer | undefined {
  if ('ok' in outcome) return 'accepted';
  return heldByRetryAfter(outcome.error) ? undefined : answerOfError(outcome.error);
}

function lookupFailure(deps: ActivityDeps, err: unknown, attempt: number): unknown {
  if (!isProviderError(err)) return toFailure(err);
  return toFailure(err, retryDelay(err.details.retryAfterMs, attempt, deps.delayPolicy, deps.random).delayMs);
}

function refusalFailure(
  deps: ActivityDeps,
  err: unknown,
  attempt: number,
  context: Context,
  { uncertain, busy, target }: { uncertain: boolean; busy: BusyWait | undefined; target: MetricTarget },
): unknown {
  if (!definitelyRefused(err)) return toFailure(err);
  const { delayMs, fromRetryAfter } = retryDelay(err.details.retryAfterMs, attempt, deps.delayPolicy, deps.random);
  const notBeforeMs = fromRetryAfter ? deps.now() + (err.details.retryAfterMs ?? delayMs) : undefined;
  if (fromRetryAfter) recordRetryAfterWait(target, 'start', err.details.retryAfterMs ?? delayMs);
  context.heartbeat({
    phase: 'notAccepted',
    attempt,
    ...(notBeforeMs ? { notBeforeMs } : {}),
    ...(uncertain ? { uncertain: true as const } : {}),
    // Throttling between two busy answers does not restart the wait on the tenant.
    ...(busy ? { busy } : {}),
  } satisfies StartCheckpoint);
  return toFailure(err, delayMs);
}
