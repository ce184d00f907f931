/**
 * The requester side of the per-tenant semaphore: a batch of an operation with `tenantPermits` holds a permit from
 * before its start until its provider job is done, so no two bulk jobs run more provider jobs on one tenant than
 * the provider allows.
 */
import {
  condition,
  getExternalWorkflowHandle,
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

const PERMIT_OPTIONS = { startToCloseTimeout: '30s', retry: { initialInterval: '1s', maximumInterval: '1m' } } as const;
const permitActivity = proxyActivities<Pick<Activities, 'requestPermit'>>(PERMIT_OPTIONS);
/** Signal-with-start is idempotent per token, so re-running it when a workflow task is retried is harmless. */
const localPermitActivity = proxyLocalActivities<Pick<Activities, 'requestPermit'>>(PERMIT_OPTIONS);

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
  const { requestPermit } = localStart() ? localPermitActivity : permitActivity;
  await requestPermit({
    key: permitKey(plan),
    permits: plan.tenantPermits,
    request: { requester: workflowInfo().workflowId, token },
  });
  await condition(() => granted.has(token));
  batch.permit = token;
  return Date.now() - askedAt;
}

/** Gives the batch's permit back, if it holds one. */
export async function releasePermit(plan: JobPlan, batch: BatchState): Promise<void> {
  const token = batch.permit;
  if (!token) return;
  await getExternalWorkflowHandle(semaphoreWorkflowId(permitKey(plan))).signal(releasePermitSignal, { token });
  delete batch.permit;
}
