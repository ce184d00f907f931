/** `collectItemResults` and `controlProviderJob`: thin calls into the provider operation. */
import { InvalidRequestError } from '../domain/errors';
import type { CollectedResults } from '../domain/job';
import { bind } from './context';
import type { ActivityDeps } from './context';
import { rethrowAsFailure } from './failures';
import type { CollectItemResultsInput, ControlProviderJobInput } from './types';

export async function collectItemResults(
  deps: ActivityDeps,
  input: CollectItemResultsInput,
): Promise<CollectedResults> {
  const { operation, ctx } = bind(deps, input.operation, input.connection);
  return operation.collectItems(ctx, input.providerJobId, input.batch, input.snapshot).catch(rethrowAsFailure);
}

export async function controlProviderJob(deps: ActivityDeps, input: ControlProviderJobInput): Promise<void> {
  const { operation, ctx } = bind(deps, input.operation, input.connection);
  if (!operation.control)
    rethrowAsFailure(new InvalidRequestError('action', `${operation.id} cannot ${input.action} jobs`));
  await operation.control(ctx, input.providerJobId, input.batch, input.action).catch(rethrowAsFailure);
  ctx.log.info({ providerJobId: input.providerJobId, action: input.action }, 'provider job control sent');
}
