/**
 * The per-tenant semaphore over hours of workflow time, on the time-skipping test server (the bootstrap-installed
 * temporal-test-server): ordering, a holder that closed without releasing dropped by the liveness check (soon when
 * someone waits, hourly when nobody does), and no check at all while an uncontended holder is alive.
 * `BULKFLOW_RECORD_HISTORIES=1` saves the semaphores' histories as replay fixtures (see replay.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { History } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { findClosedWorkflows, requestPermit } from '../../src/activities/semaphore';
import type { RequestPermitInput } from '../../src/activities/semaphore';
import { TEMPORAL_TEST_SERVER, requireTool } from '../../src/dev/tools';
import {
  SEMAPHORE_WORKFLOW_TYPE,
  acquirePermitSignal,
  semaphoreWorkflowId,
} from '../../src/workflows/semaphore-definitions';
import { fixturePath } from '../helpers/fixture-histories';
import { waitFor } from '../helpers/jobs';
import type { UpdateHolderResult } from '../helpers/semaphore-workflows';
import { prebuiltBundle } from '../helpers/workflow-bundles';
import { productionReplay } from '../helpers/production-replay';
import { tracingWorkflowSinks } from '../../src/tracing';

const taskQueue = 'semaphore-tests';
const RECORD = process.env['BULKFLOW_RECORD_HISTORIES'] === '1';

function activitiesScheduled(history: History): number {
  return (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length;
}

describe('tenantSemaphoreWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  const workflowBundle = prebuiltBundle('semaphore');

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: requireTool(TEMPORAL_TEST_SERVER) } },
    });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  /** Runs `test` with a worker and a fresh tenant key. */
  async function withWorker(test: (key: string) => Promise<void>): Promise<void> {
    const deps = { temporalClient: () => Promise.resolve(env.client), taskQueue };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities: {
        findClosedWorkflows: (ids: string[]) => findClosedWorkflows(deps, ids),
        requestPermit: (input: RequestPermitInput) => requestPermit(deps, input),
      },
      // The bundle carries the tracing interceptors: their span sink must be registered (a no-op while tracing is off).
      sinks: tracingWorkflowSinks(),
    });
    await worker.runUntil(test(`tenant-${randomUUID()}`));
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

  /**
   * A requester that asks by update itself, as a batch does, once its request was answered: time is not skipped while
   * it asks (the server would skip to the semaphore's next timer before the update was delivered).
   */
  async function updateHolder(key: string, holdMs: number, release: boolean) {
    const handle = await env.client.workflow.start('updatePermitHolderWorkflow', {
      taskQueue,
      workflowId: `holder-${randomUUID()}`,
      args: [key, 1, holdMs, release],
    });
    await waitFor('the request answered', async () =>
      (await handle.fetchHistory()).events?.some((e) => e.activityTaskCompletedEventAttributes),
    );
    return { result: async () => (await handle.result()) as UpdateHolderResult };
  }

  /**
   * Waits (skipping time) until the semaphore ends after its idle minutes; returns when it closed (epoch ms). Each
   * test waits for this, so no workflow task of its semaphore is left on the stopped worker's sticky queue.
   */
  async function semaphoreEnded(key: string): Promise<number> {
    const semaphore = env.client.workflow.getHandle(semaphoreWorkflowId(key));
    await semaphore.result();
    return (await semaphore.describe()).closeTime?.getTime() ?? 0;
  }

  /** The semaphore's history, replayed under the worker's own bundle (and recorded as a fixture when asked). */
  async function semaphoreHistory(scenario: string, key: string): Promise<History> {
    const id = semaphoreWorkflowId(key);
    const history = await env.client.workflow.getHandle(id).fetchHistory();
    await Worker.runReplayHistory(productionReplay(), history, id);
    if (RECORD) writeFileSync(fixturePath(scenario, id), historyToJSON(history));
    return history;
  }

  it('grants a second holder only after the first releases', async () => {
    await withWorker(async (key) => {
      const first = await holder(key, 1, 60_000, true);
      const second = await holder(key, 1, 1_000, true);
      // Awaited one after the other: the time-skipping server skips time while a client call waits on a result.
      const firstGranted = await first.result();
      const secondGranted = await second.result();
      expect(secondGranted - firstGranted).toBeGreaterThanOrEqual(60_000);
      await semaphoreEnded(key);
    });
  });

  it('drops a holder whose workflow closed without releasing, then grants the next one', async () => {
    await withWorker(async (key) => {
      const crashed = await holder(key, 1, 1_000, false);
      const next = await holder(key, 1, 1_000, true);
      const crashedGranted = await crashed.result();
      const nextGranted = await next.result();
      const history = await semaphoreHistory('semaphore-crashed-holder', key);
      // Granted at the first liveness check after the crashed holder closed (checks run every 5 minutes).
      expect(nextGranted - crashedGranted).toBeGreaterThanOrEqual(5 * 60_000);
      expect(nextGranted - crashedGranted).toBeLessThan(11 * 60_000);
      expect(activitiesScheduled(history)).toBeGreaterThan(0);
      await semaphoreEnded(key);
    });
  });

  it('checks nothing while its one holder is alive and nobody waits', async () => {
    await withWorker(async (key) => {
      await (await holder(key, 1, 50 * 60_000, true)).result();
      await semaphoreEnded(key);
      // Checked every 5 minutes, a 50-minute hold would have cost ten activities (and ten workflow-task pairs).
      expect(activitiesScheduled(await semaphoreHistory('semaphore-uncontended', key))).toBe(0);
    });
  });

  it('drops a holder that closed without releasing within the hour when nobody waits, then ends', async () => {
    await withWorker(async (key) => {
      const crashedGranted = await (await holder(key, 1, 1_000, false)).result();
      const ended = await semaphoreEnded(key);
      const history = await semaphoreHistory('semaphore-unwatched-crash', key);
      // One hourly check drops the holder, then the semaphore ends after 10 idle minutes (the hour began when the
      // grant was sent, a moment before the holder saw it).
      expect(ended - crashedGranted).toBeGreaterThanOrEqual(69 * 60_000);
      expect(ended - crashedGranted).toBeLessThan(71 * 60_000);
      expect(activitiesScheduled(history)).toBe(1);
    });
  });

  it('drops a holder granted by update that closed without releasing, then grants the next in line', async () => {
    await withWorker(async (key) => {
      // Both asked before any time is skipped: the crashed one still holds its permit when the next one asks.
      const crashedHolder = await updateHolder(key, 60_000, false);
      const nextHolder = await updateHolder(key, 1_000, true);
      const crashed = await crashedHolder.result();
      const next = await nextHolder.result();
      expect([crashed.answer, next.answer]).toEqual(['granted', 'queued']);
      // Granted at the first liveness check after the next one queued (checks run every 5 minutes while one waits).
      expect(next.grantedAt - crashed.grantedAt).toBeGreaterThanOrEqual(5 * 60_000);
      expect(next.grantedAt - crashed.grantedAt).toBeLessThan(11 * 60_000);
      const history = await semaphoreHistory('semaphore-update-crashed-holder', key);
      expect(activitiesScheduled(history)).toBeGreaterThan(0);
      await semaphoreEnded(key);
    });
  });
});
