/**
 * A durable counting semaphore per tenant key (e.g. one Webex activation-email job per org across ALL bulk jobs).
 * The semaphore is a workflow (`semaphore/<key>`) on a task queue of its own (`semaphoreTaskQueue`); requesters ask
 * with update-with-start and are answered at once, `granted` or `queued` (a queued request is granted later by a
 * signal back); they release with a signal. Requests by signal-with-start (jobs and semaphores from before the
 * update) are granted by signal only. Pure definitions, shared by workflows and activities.
 */
import { defineSignal, defineUpdate } from '@temporalio/workflow';

export const SEMAPHORE_WORKFLOW_TYPE = 'tenantSemaphoreWorkflow';

export function semaphoreWorkflowId(key: string): string {
  return `semaphore/${key}`;
}

/**
 * The semaphore's key: task queue, operation and tenant. The task queue (the requester's) is part of it because
 * permits are shared by the workers of one deployment, whose jobs run on that queue.
 */
export function permitKeyOf(taskQueue: string, operation: string, tenant: string): string {
  return `${taskQueue}/${operation}:${tenant}`;
}

const SEMAPHORE_QUEUE_SUFFIX = '-semaphores';

/**
 * The task queue the tenant semaphores of a deployment run on, for the task queue its jobs run on: a queue of their
 * own (`<queue>-semaphores`), polled by every worker with workflow task slots of its own, so a semaphore's answer
 * never waits behind the jobs' workflow tasks. A semaphore's own queue maps to itself. Semaphores started before
 * they had one run on the jobs' queue until they end or continue as new.
 */
export function semaphoreTaskQueue(queue: string): string {
  return isSemaphoreTaskQueue(queue) ? queue : `${queue}${SEMAPHORE_QUEUE_SUFFIX}`;
}

/** Whether `queue` is a semaphores' task queue (`semaphoreTaskQueue`); a job task queue must not be one. */
export function isSemaphoreTaskQueue(queue: string): boolean {
  return queue.endsWith(SEMAPHORE_QUEUE_SUFFIX);
}

export interface PermitRequest {
  /** Workflow id of the requester; the grant is signalled there. */
  readonly requester: string;
  /** Unique per held permit, e.g. `<jobId>/batch-3`. */
  readonly token: string;
}

export interface PermitRelease {
  readonly token: string;
}

/** A requester that ended without releasing (terminated): every permit it holds or waits for is dropped. */
export interface RequesterGone {
  readonly requester: string;
}

export interface PermitGrant {
  readonly key: string;
  readonly token: string;
}

export interface SemaphoreState {
  readonly key: string;
  readonly permits: number;
  readonly holders?: PermitRequest[];
  readonly waiters?: PermitRequest[];
  /** How long the semaphore waits idle before it ends (default 10 minutes). */
  readonly idleMs?: number;
}

export const acquirePermitSignal = defineSignal<[PermitRequest]>('acquirePermit');
export const releasePermitSignal = defineSignal<[PermitRelease]>('releasePermit');
export const requesterGoneSignal = defineSignal<[RequesterGone]>('requesterGone');
export const permitGrantedSignal = defineSignal<[PermitGrant]>('permitGranted');

/**
 * The semaphore's answer to `requestPermitUpdate`: `granted`, the requester holds the permit now; `queued`, it waits
 * in line and `permitGranted` comes when its turn does. Never held back until a grant.
 */
export type PermitAnswer = 'granted' | 'queued';
export const requestPermitUpdate = defineUpdate<PermitAnswer, [PermitRequest]>('requestPermit');
