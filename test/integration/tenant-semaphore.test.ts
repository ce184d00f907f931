/**
 * The per-tenant semaphore over hours of workflow time, on the time-skipping test server (the bootstrap-installed
 * temporal-test-server): ordering, and a holder that closed without releasing dropped by the liveness check.
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { findClosedWorkflows } from '../../src/activities/semaphore';
import { TEMPORAL_TEST_SERVER, requireTool } from '../../src/dev/tools';
import {
  SEMAPHORE_WORKFLOW_TYPE,
  acquirePermitSignal,
  semaphoreWorkflowId,
} from '../../src/workflows/semaphore-definitions';
import { bundle } from '../helpers/temporal';

const taskQueue = 'semaphore-tests';

describe('tenantSemaphoreWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let workflowBundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: requireTool(TEMPORAL_TEST_SERVER) } },
    });
    workflowBundle = await bundle(require.resolve('../helpers/semaphore-workflows'));
  });

  afterAll(async () => {
    await env?.teardown();
  });

  function worker(): Promise<Worker> {
    const deps = { temporalClient: () => Promise.resolve(env.client), taskQueue };
    return Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities: { findClosedWorkflows: (ids: string[]) => findClosedWorkflows(deps, ids) },
    });
  }

  async function holder(key: string, permits: number, holdMs: number, release: boolean) {
    const id = `holder-${randomUUID()}`;
    const handle = await env.client.workflow.start('permitHolderWorkflow', {
      taskQueue,
      workflowId: id,
      args: [key, holdMs, release],
    });
    await env.client.workflow.signalWithStart(SEMAPHORE_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: semaphoreWorkflowId(key),
      args: [{ key, permits }],
      signal: acquirePermitSignal,
      signalArgs: [{ requester: id, token: id }],
    });
    return handle;
  }

  it('grants a second holder only after the first releases', async () => {
    const key = `tenant-${randomUUID()}`;
    await (
      await worker()
    ).runUntil(async () => {
      const first = await holder(key, 1, 60_000, true);
      const second = await holder(key, 1, 1_000, true);
      // Awaited one after the other: the time-skipping server skips time while a client call waits on a result.
      const firstGranted = await first.result();
      const secondGranted = await second.result();
      expect(secondGranted - firstGranted).toBeGreaterThanOrEqual(60_000);
    });
  });

  it('drops a holder whose workflow closed without releasing, then grants the next one', async () => {
    const key = `tenant-${randomUUID()}`;
    await (
      await worker()
    ).runUntil(async () => {
      const crashed = await holder(key, 1, 1_000, false);
      const next = await holder(key, 1, 1_000, true);
      const crashedGranted = await crashed.result();
      const nextGranted = await next.result();
      // Granted at the first liveness check after the crashed holder closed (checks run every 5 minutes).
      expect(nextGranted - crashedGranted).toBeGreaterThanOrEqual(5 * 60_000);
      expect(nextGranted - crashedGranted).toBeLessThan(11 * 60_000);
    });
  });
});
