/**
 * Workflows for the semaphore tests: the real semaphore, and requesters that hold a permit for a while (asked for by
 * the test with signal-with-start, or by the requester itself with the `requestPermit` activity, by update).
 */
import {
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { PermitRequested, RequestPermitInput } from '../../src/activities/semaphore';
import {
  permitGrantedSignal,
  releasePermitSignal,
  semaphoreWorkflowId,
} from '../../src/workflows/semaphore-definitions';

export { tenantSemaphoreWorkflow } from '../../src/workflows/tenant-semaphore';

/**
 * Waits for its permit (requested by the test with signal-with-start), holds it for `holdMs`, then releases it
 * unless `release` is false (a crashed holder). Returns when the permit was granted (workflow time, epoch ms).
 */
export async function permitHolderWorkflow(key: string, holdMs: number, release: boolean): Promise<number> {
  let grantedAt: number | undefined;
  setHandler(permitGrantedSignal, () => {
    grantedAt = Date.now();
  });
  await condition(() => grantedAt !== undefined);
  await holdAndRelease(key, holdMs, release);
  return grantedAt ?? 0;
}

async function holdAndRelease(key: string, holdMs: number, release: boolean): Promise<void> {
  await sleep(holdMs);
  if (release) {
    await getExternalWorkflowHandle(semaphoreWorkflowId(key)).signal(releasePermitSignal, {
      token: workflowInfo().workflowId,
    });
  }
}

const { requestPermit } = proxyActivities<{ requestPermit(input: RequestPermitInput): Promise<PermitRequested> }>({
  startToCloseTimeout: '30s',
});

export interface UpdateHolderResult {
  /** The semaphore's answer to the update. */
  readonly answer: PermitRequested['answer'];
  /** When the permit was held: at the answer when granted, else at the grant signal (workflow time, epoch ms). */
  readonly grantedAt: number;
}

/**
 * Asks for its permit by update (token = its workflow id), as a batch does; holds it from a `granted` answer, or
 * from the grant signal after `queued`; then as `permitHolderWorkflow`.
 */
export async function updatePermitHolderWorkflow(
  key: string,
  permits: number,
  holdMs: number,
  release: boolean,
): Promise<UpdateHolderResult> {
  let grantedAt: number | undefined;
  setHandler(permitGrantedSignal, () => {
    grantedAt = Date.now();
  });
  const { workflowId } = workflowInfo();
  const { answer } = await requestPermit({
    key,
    permits,
    request: { requester: workflowId, token: workflowId },
    byUpdate: true,
  });
  if (answer === 'granted') grantedAt = Date.now();
  await condition(() => grantedAt !== undefined);
  await holdAndRelease(key, holdMs, release);
  return { answer, grantedAt: grantedAt ?? 0 };
}
