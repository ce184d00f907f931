/** Workflows for the semaphore tests: the real semaphore, and a requester that holds a permit for a while. */
import { condition, getExternalWorkflowHandle, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
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
  await sleep(holdMs);
  if (release) {
    await getExternalWorkflowHandle(semaphoreWorkflowId(key)).signal(releasePermitSignal, {
      token: workflowInfo().workflowId,
    });
  }
  return grantedAt ?? 0;
}
