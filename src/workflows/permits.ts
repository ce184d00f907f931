/**
 * The requester side of the per-tenant semaphore: a batch of an operation with `tenantPermits` holds a permit from
 * before its start until its provider job is done, so no two bulk jobs run more provider jobs on one tenant than
 * the provider allows.
 */
import {
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { localStart } from './activity-proxies';
import type { JobPlan } from '../domain/job';
import type { BatchState } from './definitions';
import { permitGrantedSignal, permitKeyOf, releasePermitSignal, semaphoreWorkflowId } from './semaphore-definitions';
import type { PermitAnswer } from './semaphore-definitions';

const PERMIT_OPTIONS = { startToCloseTimeout: '30s', retry: { initialInterval: '1s', maximumInterval: '1m' } } as const;
const permitActivity = proxyActivities<Pick<Activities, 'requestPermit'>>(PERMIT_OPTIONS);
/** A request is idempotent per token, so re-running it when a workflow task is retried is harmless. */
const localPermitActivity = proxyLocalActivities<Pick<Activities, 'requestPermit'>>(PERMIT_OPTIONS);

/**
 * Patch id of the answered request: a batch asks by update-with-start and, answered `granted`, holds its permit in
 * the same workflow task, with no grant signal and no workflow task of its own to receive it. Jobs that reached
 * their permit request before it asked by signal (and replay that way).
 */
const PERMIT_BY_UPDATE_PATCH = 'permit-answered-by-update';
/**
 * How long the local request waits for the semaphore's answer. The semaphore's workflow task must run meanwhile, on a
 * worker whose workflow task slots this request's own task holds: past this, the request is made again as a regular
 * activity, which holds no workflow task slot while it waits.
 */
const LOCAL_ANSWER_WITHIN_MS = 2_000;
const localAnswerActivity = proxyLocalActivities<Pick<Activities, 'requestPermit'>>({
  startToCloseTimeout: LOCAL_ANSWER_WITHIN_MS + 3_000,
  retry: { maximumAttempts: 1 },
});

const granted = new Set<string>();

/** Registers the grant handler; call once at the start of the workflow. */
export function listenForPermits(): void {
  setHandler(permitGrantedSignal, ({ token }) => {
    granted.add(token);
  });
}

/** The semaphore's key of this job's permits (`permitKeyOf`). */
export function permitKey(plan: JobPlan): string {
  return permitKeyOf(workflowInfo().taskQueue, plan.operation, plan.tenant);
}

/**
 * Waits for a permit for `batch` when the operation limits provider jobs per tenant. Resolves with the milliseconds
 * waited (workflow time), or undefined when no permit was needed.
 */
export async function acquirePermit(plan: JobPlan, batch: BatchState): Promise<number | undefined> {
  if (!plan.tenantPermits || batch.permit) return undefined;
  const askedAt = Date.now();
  const token = `${workflowInfo().workflowId}/batch-${batch.index}`;
  const input = {
    key: permitKey(plan),
    permits: plan.tenantPermits,
    request: { requester: workflowInfo().workflowId, token },
  };
  const answer = patched(PERMIT_BY_UPDATE_PATCH) ? await askByUpdate(input) : await askBySignal(input);
  if (answer !== 'granted') await condition(() => granted.has(token));
  batch.permit = token;
  return Date.now() - askedAt;
}

type PermitInput = Parameters<Activities['requestPermit']>[0];

/** The request by signal-with-start (no answer: the grant comes by signal). */
async function askBySignal(input: PermitInput): Promise<undefined> {
  const { requestPermit } = localStart() ? localPermitActivity : permitActivity;
  await requestPermit(input);
  return undefined;
}

/**
 * The request by update-with-start: locally first, within `LOCAL_ANSWER_WITHIN_MS`; without an answer by then, again
 * as a regular activity. Undefined when the semaphore predates updates (asked by signal instead).
 */
async function askByUpdate(input: PermitInput): Promise<PermitAnswer | undefined> {
  if (localStart()) {
    try {
      const local = { ...input, byUpdate: true, answerWithinMs: LOCAL_ANSWER_WITHIN_MS };
      return (await localAnswerActivity.requestPermit(local)).answer;
    } catch (err) {
      // A local activity's failure arrives as its own error (no ActivityFailure around it).
      if (isCancellation(err)) throw err;
    }
  }
  return (await permitActivity.requestPermit({ ...input, byUpdate: true })).answer;
}

/** Gives the batch's permit back, if it holds one. */
export async function releasePermit(plan: JobPlan, batch: BatchState): Promise<void> {
  const token = batch.permit;
  if (!token) return;
  await getExternalWorkflowHandle(semaphoreWorkflowId(permitKey(plan))).signal(releasePermitSignal, { token });
  delete batch.permit;
}
