/**
 * `tenantSemaphoreWorkflow`: grants at most `permits` holders at a time, first come first served. Holders whose
 * workflow has closed without releasing (terminated, failed) are found by a periodic check and dropped, so a
 * crashed job cannot block a tenant for ever: every 5 minutes while someone waits for a permit, hourly while nobody
 * does (a dead holder then blocks no one; the check only lets the semaphore end). A permit whose grant cannot be
 * delivered (the requester closed while it waited, e.g. a job stopped loudly with a batch still queued) is freed at
 * once instead of at the next check. Ends when idle; continues as new when history grows, on the semaphores' own task
 * queue (`semaphoreTaskQueue`) even when this run was started on its requesters' queue (before they had their own).
 *
 * A request by update (`requestPermitUpdate`) is answered at once: `granted` when a permit is free and nobody waits
 * (the requester holds it from then on, no grant signal follows), else `queued`, and the grant comes by signal in
 * turn. The answer never waits for a grant, so no update stays open, and a granted answer never jumps the line.
 */
import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  makeContinueAsNewFunc,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  acquirePermitSignal,
  permitGrantedSignal,
  releasePermitSignal,
  requestPermitUpdate,
  requesterGoneSignal,
  semaphoreTaskQueue,
} from './semaphore-definitions';
import type { PermitAnswer, PermitRequest, SemaphoreState } from './semaphore-definitions';

const LIVENESS_CHECK = '5 minutes';
const UNCONTENDED_LIVENESS_CHECK = '1 hour';
/** Semaphores started before it check every 5 minutes whether anyone waits or not (and replay that way). */
const UNCONTENDED_CHECK_PATCH = 'semaphore-hourly-check-when-uncontended';
const IDLE_BEFORE_EXIT = '10 minutes';
/** Semaphores started before it keep an undeliverable grant's permit until the liveness check (and replay that way). */
const FREE_UNDELIVERED_PATCH = 'semaphore-free-undelivered-grant';
/**
 * Semaphores started before it take requests by signal only (an update is refused: no handler, and the requester
 * asks by signal instead), and continue as new or end without waiting for handlers (and replay that way).
 */
const ANSWER_BY_UPDATE_PATCH = 'semaphore-answers-permit-update';
/**
 * A semaphore started on its requesters' task queue (before semaphores had their own) continues as new on the
 * semaphores' own queue; runs from before it continued on the queue they ran on (and replay that way).
 */
const OWN_QUEUE_PATCH = 'semaphore-continues-on-own-queue';

const { findClosedWorkflows } = proxyActivities<Pick<Activities, 'findClosedWorkflows'>>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5 },
});

export async function tenantSemaphoreWorkflow(state: SemaphoreState): Promise<void> {
  const hourlyWhenUncontended = patched(UNCONTENDED_CHECK_PATCH);
  const freeUndelivered = patched(FREE_UNDELIVERED_PATCH);
  const answersUpdates = patched(ANSWER_BY_UPDATE_PATCH);
  const holders: PermitRequest[] = [...(state.holders ?? [])];
  const waiters: PermitRequest[] = [...(state.waiters ?? [])];
  /** Grants `request`'s permit; if its requester is gone, frees the permit (where the patch applies). */
  const grantOrFree = async (request: PermitRequest): Promise<void> => {
    if (await grant(state.key, request)) return;
    const index = holders.indexOf(request);
    if (freeUndelivered && index >= 0) holders.splice(index, 1);
  };
  setHandler(acquirePermitSignal, (request) => {
    const held = holders.find((h) => h.token === request.token);
    // A repeated request for a held permit (the requester's activity retried) is granted again.
    if (held) void grantOrFree(held);
    else if (!waiters.some((w) => w.token === request.token)) waiters.push(request);
  });
  setHandler(releasePermitSignal, ({ token }) => {
    const index = holders.findIndex((h) => h.token === token);
    if (index >= 0) holders.splice(index, 1);
    const waiting = waiters.findIndex((w) => w.token === token);
    if (waiting >= 0) waiters.splice(waiting, 1);
  });
  if (answersUpdates)
    setHandler(requestPermitUpdate, (request) => answerPermitRequest(request, holders, waiters, state.permits));
  // A requester terminated from outside (its tenant's data erased) cannot release: its permits go at once.
  setHandler(requesterGoneSignal, ({ requester }) => {
    dropRequester(holders, requester);
    dropRequester(waiters, requester);
  });

  const canGrant = (): boolean => waiters.length > 0 && holders.length < state.permits;
  const idle = (): boolean => holders.length + waiters.length === 0;
  for (;;) {
    while (canGrant()) {
      const next = waiters.shift();
      if (!next) break;
      holders.push(next);
      await grantOrFree(next);
    }
    if (workflowInfo().continueAsNewSuggested) {
      // An answered update changed holders or waiters: the next run must carry that.
      if (answersUpdates) await condition(allHandlersFinished);
      await continueOnOwnQueue({ ...state, holders, waiters });
    }
    if (idle()) {
      // A request answered `granted` makes a holder without ever waiting.
      const woken = answersUpdates ? () => !idle() : () => waiters.length > 0;
      if (await condition(woken, state.idleMs ?? IDLE_BEFORE_EXIT)) continue;
      if (!answersUpdates) return;
      // An update that came with the idle timer's end is answered first; if it granted, the semaphore goes on.
      await condition(allHandlersFinished);
      if (idle()) return;
      continue;
    }
    // Uncontended, a new waiter ends the wait, so a dead holder blocks it at most one 5-minute check.
    const uncontended = hourlyWhenUncontended && waiters.length === 0;
    const woken = uncontended ? () => idle() || waiters.length > 0 : () => canGrant() || idle();
    if (!(await condition(woken, uncontended ? UNCONTENDED_LIVENESS_CHECK : LIVENESS_CHECK))) await dropClosed(holders);
  }
}

/** Continues as new on the semaphores' own task queue (`semaphoreTaskQueue`), where the patch applies. */
async function continueOnOwnQueue(state: SemaphoreState): Promise<never> {
  const { taskQueue } = workflowInfo();
  const ownQueue = semaphoreTaskQueue(taskQueue);
  const move = ownQueue !== taskQueue && patched(OWN_QUEUE_PATCH);
  return makeContinueAsNewFunc<typeof tenantSemaphoreWorkflow>(move ? { taskQueue: ownQueue } : {})(state);
}

/**
 * The answer to a request by update: a held or queued token answers as it stands (a retried request adds nothing);
 * a new one holds a free permit only when nobody waits, so it never overtakes the line.
 */
export function answerPermitRequest(
  request: PermitRequest,
  holders: PermitRequest[],
  waiters: PermitRequest[],
  permits: number,
): PermitAnswer {
  if (holders.some((h) => h.token === request.token)) return 'granted';
  if (waiters.some((w) => w.token === request.token)) return 'queued';
  if (waiters.length === 0 && holders.length < permits) {
    holders.push(request);
    return 'granted';
  }
  waiters.push(request);
  return 'queued';
}

/** Signals the grant; false when it cannot be delivered (the requester's workflow is closed or unknown). */
async function grant(key: string, request: PermitRequest): Promise<boolean> {
  try {
    await getExternalWorkflowHandle(request.requester).signal(permitGrantedSignal, { key, token: request.token });
    return true;
  } catch {
    return false;
  }
}

async function dropClosed(holders: PermitRequest[]): Promise<void> {
  const closed = new Set(await findClosedWorkflows(holders.map((h) => h.requester)));
  for (let i = holders.length - 1; i >= 0; i--) {
    if (closed.has(holders[i]?.requester ?? '')) holders.splice(i, 1);
  }
}

function dropRequester(requests: PermitRequest[], requester: string): void {
  for (let i = requests.length - 1; i >= 0; i--) {
    if (requests[i]?.requester === requester) requests.splice(i, 1);
  }
}
