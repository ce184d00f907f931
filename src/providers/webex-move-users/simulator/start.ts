/** The simulator's POST (validate or start) and list endpoints. */
import type { SimRequest, SimResponse } from '../../../simulator/types';
import { webexErrorBody } from '../../../simulator/webex-error';
import type { MoveUsersValidationResult } from '../schemas';
import { isFailingUser, type WebexMoveUsersSimConfig } from './config';
import { renderJob } from './render';
import { createSimJob, isRunning, viewOf } from './state';
import { intParam, orgOf, type SimStore } from './store';
import { validateMoveRequest, type SimRequestedUser } from './validation';

const IMPACT_19701 = {
  code: 19701,
  message: '[Informational 19701] The identity/device profile the user is using is moved to the new group: GSIMULATED.',
};
const ERROR_4202 = {
  code: 4202,
  message: '[Error 4202] The extension is not available. It is already assigned to a user: 7593. ',
};

/**
 * The refusal of a start while another job of the org runs (`conflictWhileRunning`); Webex documents no message for
 * it (docs/contracts.md#webexmoveusers-unconfirmed-points), and bulkflow does not read it.
 */
export const ORG_BUSY_MESSAGE = 'A Move Users job is already in progress for this organization.';

/**
 * POST: 400 with `{ error: [...] }` on bad input, 200 validation results for `validate: true`, 409 while another job
 * of the org runs (with `conflictWhileRunning`), else 201 + job.
 */
export function handleStart(store: SimStore, req: SimRequest): SimResponse {
  const checked = validateMoveRequest(req.body);
  if (!checked.ok) return { status: 400, body: { error: checked.errors } };
  const sdkShape = store.config.responseShape === 'sdk';
  if (checked.validate) {
    const results = checked.users.map((u) => validationOf(u, store.config));
    return { status: 200, body: { response: sdkShape ? { usersList: results } : results } };
  }
  const now = Date.now();
  const org = orgOf(req);
  const busy = [...store.jobs.values()].some((job) => job.orgId === org && isRunning(job, now));
  if (store.config.conflictWhileRunning === true && busy)
    return { status: 409, body: webexErrorBody(ORG_BUSY_MESSAGE) };
  const job = createSimJob(org, checked.users, store.config, now);
  store.jobs.set(job.id, job);
  const rendered = renderJob(job, viewOf(job, now), now, { startCounts: true, name: true });
  return { status: 201, body: { response: sdkShape ? { usersList: [], jobDetails: rendered } : rendered } };
}

function validationOf(user: SimRequestedUser, config: WebexMoveUsersSimConfig): MoveUsersValidationResult {
  return {
    userId: user.userId,
    impacts: [IMPACT_19701],
    errors: isFailingUser(user.userId, config) ? [ERROR_4202] : [],
  };
}

/** GET list: the org's jobs, newest first, paged with `start` / `max` (default 2000). */
export function handleList(store: SimStore, req: SimRequest): SimResponse {
  const now = Date.now();
  const start = intParam(req.query.get('start'), 0);
  const max = Math.max(1, intParam(req.query.get('max'), 2000));
  const org = orgOf(req);
  const newestFirst = [...store.jobs.values()].filter((job) => job.orgId === org).reverse();
  const items = newestFirst.slice(start, start + max).map((job) => renderJob(job, viewOf(job, now), now));
  return { status: 200, body: { items } };
}
