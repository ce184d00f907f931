/**
 * `oracle.syncUsers`: creates, updates and deletes Oracle Primavera Administration users with the asynchronous user job
 * (`POST …/user` → 202 + `Location`; `GET …/user/status/{jobId}` → 202 while running, 200 when done;
 * docs/contracts.md#oraclesyncusers). Basic auth uses the v1 paths, Bearer the v3 paths.
 */
import { ProviderContractError } from '../../domain/errors';
import type { ItemOutcome, PlannedBatch } from '../../domain/job';
import { parseBody } from '../../http/body';
import type { HttpResponse } from '../../http/types';
import type { OperationContext, PollOutcome, ProviderOperation, StartOutcome } from '../types';
import { collectSyncUsersItems } from './collect-items';
import { OracleSyncUsersInputSchema, type OracleSyncUsersInput } from './input';
import { jobIdFromBody, jobIdFromLocation } from './job-id';
import { ORACLE_SYNC_USERS_LIMITS } from './limits';
import { type OracleSyncUsersBatchPayload, payloadOf, planSyncUsers } from './plan';
import { UserDataStoreResultSchema, type UserDataStoreResult } from './schemas';
import { mapSyncUsersStatus } from './status-mapping';
import { userOutcomesOf } from './user-outcomes';
import { classifyOracle, parseJson, statusPath, usersPath, type OracleAnswer } from './wire';
import { basicOrBearerAuth } from '../auth';

export interface OracleSyncUsersOptions {
  /** Users per POST (default `MAX_USERS_PER_REQUEST`, 500; Oracle's maximum is UNCONFIRMED). */
  readonly maxUsersPerRequest?: number;
}

/**
 * Builds the operation; `oracleSyncUsers` is the instance with default options. Starts are not idempotent and
 * Oracle offers no job list to reconcile with, so an interrupted start ends in AmbiguousStartError (the operator
 * checks the user jobs and the users' status in Primavera Administration).
 */
export function createOracleSyncUsersOperation(
  options: OracleSyncUsersOptions = {},
): ProviderOperation<OracleSyncUsersInput> {
  const maxPerBatch = options.maxUsersPerRequest ?? ORACLE_SYNC_USERS_LIMITS.maxItemsPerBatch;
  return {
    id: 'oracle.syncUsers',
    provider: 'oracle',
    // Basic (username + password) runs on the v1 paths, Bearer on v3 (see `wire.ts`).
    auth: basicOrBearerAuth,
    inputSchema: OracleSyncUsersInputSchema,
    limits: { ...ORACLE_SYNC_USERS_LIMITS, maxItemsPerBatch: maxPerBatch },
    capabilities: { dryRun: false, pause: false, resume: false, cancel: false },
    idempotentStart: false,
    // No tenant in the input: the engine then uses the connection name, i.e. one Oracle instance.
    tenantOf: () => undefined,
    plan: (input) => planSyncUsers(input, maxPerBatch),
    start: (ctx, batch) => startJob(ctx, payloadOf(batch)),
    poll: pollJob,
    collectItems: (ctx, jobId, batch) => collectSyncUsersItems(ctx, jobId, batch),
  };
}

/** The Oracle user-sync operation. */
export const oracleSyncUsers: ProviderOperation<OracleSyncUsersInput> = createOracleSyncUsersOperation();

async function startJob(ctx: OperationContext, payload: OracleSyncUsersBatchPayload): Promise<StartOutcome> {
  const res = await ctx.http.send({ method: 'POST', path: usersPath(ctx.authScheme), json: payload.body });
  const answer = classifyOracle(res, { busyConflict: true });
  const jobId = startedJobId(res, answer);
  if (jobId !== undefined) {
    ctx.log.info({ providerJobId: jobId, status: res.status }, 'oracle user job started');
    return { kind: 'started', providerJobId: jobId };
  }
  const processed = answer.kind === 'success' ? synchronousItems(res, payload) : undefined;
  if (processed) {
    ctx.log.warn({ users: processed.length, status: res.status }, 'oracle processed the users without a job');
    return { kind: 'validated', items: processed };
  }
  throw new ProviderContractError(
    'oracle',
    'Location',
    `start answered HTTP ${res.status} without a job id in the Location header or the body; a job may have been ` +
      'created: check the user jobs and the users in Primavera Administration before retrying',
  );
}

/**
 * The job id from `Location` (resolved by the classifier for a 202), else from the body. On another 2xx a `Location`
 * counts only when it names a status resource: a 201's `Location` may well point at a created user instead.
 */
function startedJobId(res: HttpResponse, answer: OracleAnswer): string | undefined {
  const header = res.headers.get('location');
  const location = answer.kind === 'accepted' ? answer.location : header?.includes('/status/') ? header : undefined;
  return jobIdFromLocation(location) ?? jobIdFromBody(res.text);
}

/**
 * "201 (sync/async create processed)" is listed API-wide (docs/contracts.md#oraclesyncusers-endpoints): a 2xx (not 202)
 * whose body is the `UserDataStore` with per-user results means the users were processed at once, without a job.
 */
function synchronousItems(res: HttpResponse, payload: OracleSyncUsersBatchPayload): ItemOutcome[] | undefined {
  const parsed = UserDataStoreResultSchema.safeParse(parseJson(res.text));
  if (!parsed.success || !hasUserResults(parsed.data)) return undefined;
  return userOutcomesOf(payload.body, parsed.data, true).items;
}

function hasUserResults(result: UserDataStoreResult): boolean {
  const users = [...(result.added ?? []), ...(result.modified ?? [])];
  const userResult = users.some((u) => u.statusInfo != null || u.statusInfoOK != null);
  return userResult || (result.deleteFailed?.length ?? 0) > 0 || Boolean(result.exception);
}

/**
 * One status poll: 202 → running (with the `Retry-After` Oracle may send), 200 → done with per-user outcomes.
 * Thrown: the typed ProviderErrors; ProviderContractError on a 200 body outside the contract or on a 204.
 */
async function pollJob(ctx: OperationContext, jobId: string, batch: PlannedBatch): Promise<PollOutcome> {
  const res = await ctx.http.send({ method: 'GET', path: statusPath(ctx.authScheme, jobId) });
  const answer = classifyOracle(res);
  const request = payloadOf(batch).body;
  switch (answer.kind) {
    case 'accepted': {
      // The running job's body is documented as the UserDataStore too; it only feeds progress, never fails a poll.
      const body = UserDataStoreResultSchema.safeParse(parseJson(res.text));
      const { snapshot } = mapSyncUsersStatus(202, request, body.success ? body.data : undefined);
      return answer.retryAfterMs === undefined ? { snapshot } : { snapshot, retryAfterMs: answer.retryAfterMs };
    }
    case 'success':
      return {
        snapshot: mapSyncUsersStatus(200, request, parseBody('oracle', UserDataStoreResultSchema, res)).snapshot,
      };
    case 'noContent':
      throw new ProviderContractError('oracle', '(status)', 'job status answered HTTP 204 (neither 200 nor 202)');
  }
}
