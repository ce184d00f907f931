/**
 * `fullstory.importUsers`: upserts users with FullStory's Server API v2 batch import jobs
 * (docs/contracts.md#fullstoryimportusers).
 */
import { InvalidRequestError } from '../../domain/errors';
import type { PlannedBatch } from '../../domain/job';
import { parseBody } from '../../http/body';
import { ensureSuccess } from '../../http/classify';
import type { OperationContext, PollOutcome, ProviderOperation, StartOptions, StartOutcome } from '../types';
import { collectImportItems } from './collect-items';
import { FullStoryImportUsersInputSchema, type FullStoryImportUsersInput } from './input';
import { FULLSTORY_IMPORT_USERS_LIMITS, IDEMPOTENCY_HEADER } from './limits';
import { payloadOf, planImportUsers } from './plan';
import { CreateBatchImportResponseSchema, JobStatusResponseSchema } from './schemas';
import { mapImportJobStatus } from './status-mapping';
import { BATCH_IMPORT_PATH, jobPath } from './wire';
import { apiKeyAuth } from '../auth';

/** The FullStory batch user import operation. */
export const fullstoryImportUsers: ProviderOperation<FullStoryImportUsersInput> = {
  id: 'fullstory.importUsers',
  provider: 'fullstory',
  // FullStory takes the raw API key after "Basic", not base64(user:pass).
  auth: apiKeyAuth('Basic'),
  inputSchema: FullStoryImportUsersInputSchema,
  limits: FULLSTORY_IMPORT_USERS_LIMITS,
  // No validate-only mode and no cancellation are documented.
  capabilities: { dryRun: false, pause: false, resume: false, cancel: false },
  // FullStory saves the answer to a create call for 24 h under its Idempotency-Key and replays it to a repeat with
  // the same body, so a start whose fate is unknown is simply sent again with the same key (no reconciliation).
  idempotentStart: true,
  // One API key is one org: the tenant is the connection (the engine's default when this returns undefined).
  tenantOf: () => undefined,
  plan: (input) => planImportUsers(input),
  start: startImport,
  poll: pollImport,
  collectItems: collectImportItems,
};

/**
 * Creates the batch import job, keyed by `idempotencyKey` (the engine's `<workflowId>/batch-<n>`, stable across
 * retries). Thrown: InvalidRequestError for a dry run; the typed ProviderErrors of the create call (429 with
 * `Retry-After` when the org has 200 batches or 500,000 operations in progress); ProviderContractError on a bad body.
 */
async function startImport(ctx: OperationContext, batch: PlannedBatch, options: StartOptions): Promise<StartOutcome> {
  if (options.dryRun) throw new InvalidRequestError('dryRun', 'FullStory batch imports have no validate-only mode');
  const { body } = payloadOf(batch);
  const res = await ctx.http.send({
    method: 'POST',
    path: BATCH_IMPORT_PATH,
    json: body,
    headers: { [IDEMPOTENCY_HEADER]: options.idempotencyKey },
  });
  const { job } = parseBody('fullstory', CreateBatchImportResponseSchema, ensureSuccess('fullstory', res));
  ctx.log.info(
    { providerJobId: job.id, status: job.status, users: body.requests.length },
    'fullstory batch import job created',
  );
  return { kind: 'started', providerJobId: job.id };
}

async function pollImport(ctx: OperationContext, jobId: string, batch: PlannedBatch): Promise<PollOutcome> {
  const res = await ctx.http.send({ method: 'GET', path: jobPath(jobId) });
  const body = parseBody('fullstory', JobStatusResponseSchema, ensureSuccess('fullstory', res));
  const status = { status: body.job.status, imports: body.imports, errors: body.errors };
  return { snapshot: mapImportJobStatus(status, batch.itemRefs.length) };
}
