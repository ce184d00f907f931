/** `collectItemResults` and `controlProviderJob`: thin calls into the provider operation. */
import { Context } from '@temporalio/activity';
import { InvalidRequestError, isProviderError } from '../domain/errors';
import type { CollectedResults } from '../domain/job';
import { retryDelay } from '../http/retry-after';
import type { HttpClient } from '../http/types';
import { bind } from './context';
import type { ActivityDeps } from './context';
import { toFailure } from './failures';
import type { CollectItemResultsInput, ControlProviderJobInput } from './types';

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

export async function collectItemResults(
  deps: ActivityDeps,
  input: CollectItemResultsInput,
): Promise<CollectedResults> {
  const { operation, ctx } = bind(deps, input.operation, input.connection);
  try {
    return await operation.collectItems(
      { ...ctx, http: heartbeating(ctx.http) },
      input.providerJobId,
      input.batch,
      input.snapshot,
    );
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
