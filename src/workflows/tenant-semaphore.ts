/**
 * `tenantSemaphoreWorkflow`: grants at most `permits` holders at a time, first come first served. Holders whose
 * workflow has closed without releasing (terminated, failed) are found by a periodic check and dropped, so a
 * crashed job cannot block a tenant for ever: every 5 minutes while someone waits for a permit, hourly while nobody
 * does (a dead holder then blocks no one; the check only lets the semaphore end). A permit whose grant cannot be
 * delivered (the requester closed while it waited, e.g. a job stopped loudly with a batch still queued) is freed at
 * once instead of at the next check. Ends when idle; continues as new when history grows.
 */
import {
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
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
  requesterGoneSignal,
} from './semaphore-definitions';
import type { PermitRequest, SemaphoreState } from './semaphore-definitions';

const LIVENESS_CHECK = '5 minutes';
const UNCONTENDED_LIVENESS_CHECK = '1 hour';
/** Semaphores started before it check every 5 minutes whether anyone waits or not (and replay that way). */
const UNCONTENDED_CHECK_PATCH = 'semaphore-hourly-check-when-uncontended';
const IDLE_BEFORE_EXIT = '10 minutes';
/** Semaphores started before it keep an undeliverable grant's permit until the liveness check (and replay that way). */
const FREE_UNDELIVERED_PATCH = 'semaphore-free-undelivered-grant';

const { findClosedWorkflows } = proxyActivities<Pick<Activities, 'findClosedWorkflows'>>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5 },
});

export async function tenantSemaphoreWorkflow(state: SemaphoreState): Promise<void> {
  const hourlyWhenUncontended = patched(UNCONTENDED_CHECK_PATCH);
  const freeUndelivered = patched(FREE_UNDELIVERED_PATCH);
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
      await continueAsNew<typeof tenantSemaphoreWorkflow>({ ...state, holders, waiters });
    }
    if (idle()) {
      if (!(await condition(() => waiters.length > 0, state.idleMs ?? IDLE_BEFORE_EXIT))) return;
      continue;
    }
    // Uncontended, a new waiter ends the wait, so a dead holder blocks it at most one 5-minute check.
    const uncontended = hourlyWhenUncontended && waiters.length === 0;
    const woken = uncontended ? () => idle() || waiters.length > 0 : () => canGrant() || idle();
    if (!(await condition(woken, uncontended ? UNCONTENDED_LIVENESS_CHECK : LIVENESS_CHECK))) await dropClosed(holders);
  }
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
