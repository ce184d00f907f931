/** `collectItemResults` and `controlProviderJob`: thin calls into the provider operation. */
import { Context } from '@temporalio/activity';
import { InvalidRequestError, isProviderError } from '../domain/errors';
import { retryDelay } from '../http/retry-after';
import type { HttpClient } from '../http/types';
import { bind } from './context';
import type { ActivityDeps } from './context';
import { toFailure } from './failures';
import { settleReported, warningsPart } from './item-rules';
import type { CollectItemResultsInput, CollectItemResultsResult, ControlProviderJobInput } from './types';

/**
 * A failure whose retry honours the provider: `Retry-After` when given (423/429/503), else backoff by attempt.
 * Only one request per attempt is in flight, so waiting here keeps every request outside the window.
 */
function providerFailure(deps: ActivityDeps, err: unknown): unknown {
  if (!isProviderError(err) || !err.retryable) return toFailure(err);
  const { delayMs } = retryDelay(
    err.details.retryAfterMs,
    Context.current().info.attempt,
    deps.delayPolicy,
    deps.random,
  );
  return toFailure(err, delayMs);
}

/** Heartbeats before every request, so a long page walk stays within the activity's heartbeat timeout. */
function heartbeating(http: HttpClient): HttpClient {
  return {
    provider: http.provider,
    send: (request) => {
      Context.current().heartbeat();
      return http.send(request);
    },
  };
}

/**
 * Reads a finished job's items and holds them to the engine's rules: rows naming no item of the batch and counts
 * that disagree with the pages come back as warnings. Thrown: the operation's errors (retryable ones with the
 * provider's delay); ResultInvariantError, non-retryable, when an item has two outcomes.
 */
export async function collectItemResults(
  deps: ActivityDeps,
  input: CollectItemResultsInput,
): Promise<CollectItemResultsResult> {
  const { operation, ctx } = bind(deps, input.operation, input.connection);
  try {
    const collected = await operation.collectItems(
      { ...ctx, http: heartbeating(ctx.http) },
      input.providerJobId,
      input.batch,
      input.snapshot,
    );
    const source = { batch: input.batch, providerJobId: input.providerJobId, snapshot: input.snapshot };
    const { items, warnings } = settleReported(ctx.log, collected.items, source);
    return { ...collected, items, ...warningsPart(warnings) };
  } catch (err) {
    throw providerFailure(deps, err);
  }
}

export async function controlProviderJob(deps: ActivityDeps, input: ControlProviderJobInput): Promise<void> {
  const { operation, ctx } = bind(deps, input.operation, input.connection);
  if (!operation.control)
    throw toFailure(new InvalidRequestError('action', `${operation.id} cannot ${input.action} jobs`));
  try {
    await operation.control(ctx, input.providerJobId, input.batch, input.action);
  } catch (err) {
    throw providerFailure(deps, err);
  }
  ctx.log.info({ providerJobId: input.providerJobId, action: input.action }, 'provider job control sent');
}
