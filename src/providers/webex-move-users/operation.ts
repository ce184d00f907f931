/**
 * `webex.moveUsers`: moves Webex Calling users to other locations with the Move Users job API
 * (docs/contracts.md#webexmoveusers).
 */
import { ProviderContractError } from '../../domain/errors';
import type { PlannedBatch } from '../../domain/job';
import { parseBody } from '../../http/body';
import type { ControlAction, OperationContext, PollOutcome, ProviderOperation, StartOutcome } from '../types';
import { refuseIfOrgBusy } from './busy-org';
import { fetchMoveUsersErrors, itemsFromErrors } from './collect-items';
import { outcomeOfValidation, validateBatch } from './dry-run';
import { WebexMoveUsersInputSchema, type WebexMoveUsersInput } from './input';
import { ERRORS_PAGE_SIZE, WEBEX_MOVE_USERS_LIMITS } from './limits';
import { type MoveUsersBatchPayload, payloadOf, planMoveUsers } from './plan';
import { reconcileMoveUsersStart } from './reconcile';
import { MoveUsersJobSchema, MoveUsersStartResponseSchema, type MoveUsersStartResponse } from './schemas';
import { mapMoveUsersStatus } from './status-mapping';
import { ensureMoveUsersSuccess, jobPath, MOVE_USERS_PATH, orgQuery } from './wire';
import { webexConnectionAuth } from '../webex-jobs/oauth-grant';

export interface WebexMoveUsersOptions {
  /** `max` for the errors endpoint pages (default 100). */
  readonly errorsPageSize?: number;
  /** `max` for the job list pages read by `reconcileStart` (default 100). */
  readonly listPageSize?: number;
}

/** Builds the operation; `webexMoveUsers` is the instance with default options. */
export function createWebexMoveUsersOperation(
  options: WebexMoveUsersOptions = {},
): ProviderOperation<WebexMoveUsersInput> {
  const errorsPageSize = options.errorsPageSize ?? ERRORS_PAGE_SIZE;
  const listPageSize = options.listPageSize ?? ERRORS_PAGE_SIZE;
  return {
    id: 'webex.moveUsers',
    provider: 'webex',
    auth: webexConnectionAuth,
    inputSchema: WebexMoveUsersInputSchema,
    limits: WEBEX_MOVE_USERS_LIMITS,
    capabilities: { dryRun: true, pause: true, resume: true, cancel: true },
    idempotentStart: false,
    tenantOf: (input) => input.orgId,
    plan: (input) => planMoveUsers(input),
    start: (ctx, batch, { dryRun }) => {
      const payload = payloadOf(batch);
      return dryRun
        ? validateBatch(ctx, payload).then((items) => ({ kind: 'validated', items }))
        : startJob(ctx, payload, listPageSize);
    },
    poll: pollJob,
    collectItems: async (ctx, jobId, batch, snapshot) => {
      const errors = await fetchMoveUsersErrors(ctx, jobId, payloadOf(batch).orgId, errorsPageSize);
      return { items: itemsFromErrors(errors, batch.itemRefs, snapshot) };
    },
    control: controlJob,
    reconcileStart: (ctx, batch, sinceIso) =>
      reconcileMoveUsersStart(ctx, payloadOf(batch).orgId, sinceIso, listPageSize),
  };
}

/** The Webex Move Users operation. */
export const webexMoveUsers: ProviderOperation<WebexMoveUsersInput> = createWebexMoveUsersOperation();

/**
 * POSTs the batch. Thrown: TenantBusyError when a 409 comes from another job running in the org (`refuseIfOrgBusy`);
 * the typed ProviderErrors of `ensureMoveUsersSuccess` otherwise; ProviderContractError when the answer has no job id
 * nor user results.
 */
async function startJob(
  ctx: OperationContext,
  payload: MoveUsersBatchPayload,
  pageSize: number,
): Promise<StartOutcome> {
  const sentAtMs = Date.now();
  const res = await ctx.http.send({
    method: 'POST',
    path: MOVE_USERS_PATH,
    query: orgQuery(payload.orgId),
    json: payload.body,
  });
  await refuseIfOrgBusy(ctx, res, { orgId: payload.orgId, sentAtMs, pageSize });
  const { response } = parseBody('webex', MoveUsersStartResponseSchema, ensureMoveUsersSuccess(res));
  const jobId = jobIdOf(response);
  if (jobId !== undefined) {
    ctx.log.info({ providerJobId: jobId, status: res.status }, 'webex move users job created');
    return { kind: 'started', providerJobId: jobId };
  }
  return movedWithoutJob(ctx, response, payload);
}

/** `response.id` (documented) or `response.jobDetails.id` (community SDK shape). */
export function jobIdOf(response: MoveUsersStartResponse['response']): string | undefined {
  if (Array.isArray(response)) return undefined;
  if ('id' in response) return response.id;
  return response.jobDetails?.id;
}

/**
 * The newer spec says a single non-calling user "is moved synchronously without creating any job": the answer is
 * then per-user results and no job id, which we report as already-final items.
 * Thrown when the answer carries neither a job id nor user results: ProviderContractError at `response.id`.
 */
function movedWithoutJob(
  ctx: OperationContext,
  response: MoveUsersStartResponse['response'],
  payload: MoveUsersBatchPayload,
): StartOutcome {
  const results = Array.isArray(response) ? response : 'id' in response ? [] : (response.usersList ?? []);
  if (results.length === 0) throw new ProviderContractError('webex', 'response.id', 'start answered without a job id');
  const userIds = payload.body.usersList.flatMap((entry) => entry.users.map((u) => u.userId));
  const items = results.map((r, i) => outcomeOfValidation(r.userId ?? userIds[i] ?? `item:${i}`, r));
  ctx.log.warn({ users: items.length }, 'webex moved users synchronously, without a job');
  return { kind: 'validated', items };
}

async function pollJob(ctx: OperationContext, jobId: string, batch: PlannedBatch): Promise<PollOutcome> {
  const query = orgQuery(payloadOf(batch).orgId);
  const res = await ctx.http.send({ method: 'GET', path: jobPath(jobId), query });
  const job = parseBody('webex', MoveUsersJobSchema, ensureMoveUsersSuccess(res));
  return { snapshot: mapMoveUsersStatus(job, batch.itemRefs.length) };
}

/** Pause, resume or abandon; any 2xx is success (202 documented for pause/resume, abandon UNCONFIRMED). */
async function controlJob(
  ctx: OperationContext,
  jobId: string,
  batch: PlannedBatch,
  action: ControlAction,
): Promise<void> {
  const query = orgQuery(payloadOf(batch).orgId);
  const res = await ctx.http.send({ method: 'POST', path: jobPath(jobId, `/actions/${action}/invoke`), query });
  ensureMoveUsersSuccess(res);
  ctx.log.info({ providerJobId: jobId, action, status: res.status }, 'webex move users job action invoked');
}
