/**
 * The per-tenant semaphore on the real dev server, in seconds:
 * - a permit whose requester closed while it waited (a job stopped loudly with a batch still queued) is freed when
 *   its grant cannot be delivered, so the tenant's next job is granted at once instead of at the liveness check 5
 *   minutes on (on the time-skipping test server the scenario hung after the failed external signal: the
 *   semaphore's idle timer was never skipped to, with or without the change);
 * - permits asked by update-with-start (the `requestPermit` activity, as a batch asks): answered `granted` at once
 *   when a permit is free and nobody waits, with no grant signal; `queued` behind waiters, granted in order; a
 *   repeated request answered from its token, nothing added twice; a semaphore from before updates refuses the
 *   update and gets the request by signal.
 * `BULKFLOW_RECORD_HISTORIES=1` saves the semaphores' histories as replay fixtures.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { History } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { findClosedWorkflows, requestPermit } from '../../src/activities/semaphore';
import type { RequestPermitInput } from '../../src/activities/semaphore';
import {
  SEMAPHORE_WORKFLOW_TYPE,
  acquirePermitSignal,
  semaphoreWorkflowId,
} from '../../src/workflows/semaphore-definitions';
import { fixturePath } from '../helpers/fixture-histories';
import { waitFor } from '../helpers/jobs';
import type { UpdateHolderResult } from '../helpers/semaphore-workflows';
import { connectTemporal, uniqueTaskQueue } from '../helpers/temporal';
import { prebuiltBundle } from '../helpers/workflow-bundles';
import { productionReplay } from '../helpers/production-replay';
import { tracingWorkflowSinks } from '../../src/tracing';
import type { TestTemporal } from '../helpers/temporal';

const RECORD = process.env['BULKFLOW_RECORD_HISTORIES'] === '1';
/** How long the first holder keeps its permit: long enough for the later requests to arrive on a busy machine. */
const FIRST_HOLD_MS = 4_000;

type HistoryEvent = NonNullable<History['events']>[number];

function count(history: History, pick: (e: HistoryEvent) => unknown): number {
  return (history.events ?? []).filter((e) => pick(e)).length;
}

describe('tenantSemaphoreWorkflow on the dev server', () => {
  let temporal: TestTemporal;

  beforeAll(async () => {
    temporal = await connectTemporal();
  });

  afterAll(async () => {
    await temporal?.close();
  });

  /** Runs `test` with a worker of the semaphore bundle (with the real semaphore activities) and a fresh tenant key. */
  async function withWorker(test: (key: string, taskQueue: string) => Promise<void>): Promise<void> {
    const taskQueue = uniqueTaskQueue('semaphore-dev');
    const deps = { temporalClient: () => Promise.resolve(temporal.client), taskQueue };
    const worker = await Worker.create({
      connection: temporal.nativeConnection,
      taskQueue,
      workflowBundle: prebuiltBundle('semaphore'),
      activities: {
        findClosedWorkflows: (ids: string[]) => findClosedWorkflows(deps, ids),
        requestPermit: (input: RequestPermitInput) => requestPermit(deps, input),
      },
      // The bundle carries the tracing interceptors: their span sink must be registered (a no-op while tracing is off).
      sinks: tracingWorkflowSinks(),
    });
    await worker.runUntil(test(`tenant-${randomUUID()}`, taskQueue));
  }

  /** A requester asking by update as a batch does (`updatePermitHolderWorkflow`), once its request was answered. */
  async function askedByUpdate(
    client: Client,
    taskQueue: string,
    key: string,
    holdMs: number,
  ): Promise<WorkflowHandle> {
    const handle = await client.workflow.start('updatePermitHolderWorkflow', {
      taskQueue,
      workflowId: `holder-${randomUUID()}`,
      args: [key, 1, holdMs, true],
    });
    await waitFor('the request answered', async () =>
      (await handle.fetchHistory()).events?.some((e) => e.activityTaskCompletedEventAttributes),
    );
    return handle;
  }

  /** The semaphore's history, replayed under the production bundle (and recorded when asked); then it is ended. */
  async function semaphoreHistory(scenario: string, key: string): Promise<History> {
    const id = semaphoreWorkflowId(key);
    const handle = temporal.client.workflow.getHandle(id);
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory(productionReplay(), history, id);
    if (RECORD) writeFileSync(fixturePath(scenario, id), historyToJSON(history));
    // It would wait 10 idle minutes: no workflow of a finished test is left running on the shared dev server.
    await handle.terminate('test finished');
    return history;
  }

  it('frees the permit of a grant its requester cannot receive at once, and grants the next requester', async () => {
    const { client } = temporal;
    let key = '';
    await withWorker(async (tenant, taskQueue) => {
      key = tenant;
      /** A requester holding its permit for `holdMs`, asked for by signal-with-start as the batch runner did. */
      const holder = async (holdMs: number) => {
        const id = `holder-${randomUUID()}`;
        const handle = await client.workflow.start('permitHolderWorkflow', {
          taskQueue,
          workflowId: id,
          args: [key, holdMs, true],
        });
        await client.workflow.signalWithStart(SEMAPHORE_WORKFLOW_TYPE, {
          taskQueue,
          workflowId: semaphoreWorkflowId(key),
          args: [{ key, permits: 1, idleMs: 500 }],
          signal: acquirePermitSignal,
          signalArgs: [{ requester: id, token: id }],
        });
        return handle;
      };
      const first = await holder(2_000);
      const gone = await holder(100);
      await gone.terminate('stopped while its batch waited for a permit');
      const next = await holder(100);
      const firstGranted = await first.result();
      const nextGranted = await next.result();
      // After the first holder's 2 s, not at the liveness check 5 minutes on (the test's timeout comes first).
      expect(nextGranted - firstGranted).toBeGreaterThanOrEqual(2_000);
      expect(nextGranted - firstGranted).toBeLessThan(60_000);
      await client.workflow.getHandle(semaphoreWorkflowId(key)).result();
    });

    const id = semaphoreWorkflowId(key);
    const history = await client.workflow.getHandle(id).fetchHistory();
    expect(count(history, (e) => e.signalExternalWorkflowExecutionFailedEventAttributes)).toBe(1);
    await Worker.runReplayHistory(productionReplay(), history, id);
    if (RECORD) writeFileSync(fixturePath('semaphore-undelivered-grant', id), historyToJSON(history));
  });

  it('answers an uncontended request by update `granted`, starting the semaphore, with no grant signal', async () => {
    await withWorker(async (key, taskQueue) => {
      const handle = await askedByUpdate(temporal.client, taskQueue, key, 0);
      expect(((await handle.result()) as UpdateHolderResult).answer).toBe('granted');
      const holderHistory = await handle.fetchHistory();
      expect(count(holderHistory, (e) => e.workflowExecutionSignaledEventAttributes)).toBe(0);
      const history = await semaphoreHistory('semaphore-update-uncontended', key);
      expect(count(history, (e) => e.workflowExecutionUpdateCompletedEventAttributes)).toBe(1);
      expect(count(history, (e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes)).toBe(0);
    });
  });

  it('queues a request by update behind waiters, and grants in arrival order', async () => {
    await withWorker(async (key, taskQueue) => {
      const { client } = temporal;
      const first = await askedByUpdate(client, taskQueue, key, FIRST_HOLD_MS);
      const second = await askedByUpdate(client, taskQueue, key, 100);
      // A request by signal (a job from before the update) takes its place in the same line.
      const bySignal = await client.workflow.start('permitHolderWorkflow', {
        taskQueue,
        workflowId: `holder-${randomUUID()}`,
        args: [key, 100, true],
      });
      await client.workflow.signalWithStart(SEMAPHORE_WORKFLOW_TYPE, {
        taskQueue,
        workflowId: semaphoreWorkflowId(key),
        args: [{ key, permits: 1 }],
        signal: acquirePermitSignal,
        signalArgs: [{ requester: bySignal.workflowId, token: bySignal.workflowId }],
      });
      const last = await askedByUpdate(client, taskQueue, key, 100);
      const [a, b, d] = (await Promise.all([first.result(), second.result(), last.result()])) as UpdateHolderResult[];
      const c = (await bySignal.result()) as number;
      expect([a?.answer, b?.answer, d?.answer]).toEqual(['granted', 'queued', 'queued']);
      const grants = [a?.grantedAt ?? 0, b?.grantedAt ?? 0, c, d?.grantedAt ?? 0];
      expect([...grants].sort((x, y) => x - y)).toEqual(grants);
      expect((b?.grantedAt ?? 0) - (a?.grantedAt ?? 0)).toBeGreaterThanOrEqual(FIRST_HOLD_MS);
      const history = await semaphoreHistory('semaphore-update-contended', key);
      expect(count(history, (e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes)).toBe(3);
    });
  });

  it('answers a repeated request from its token: held stays granted, queued stays queued, nothing twice', async () => {
    await withWorker(async (key, taskQueue) => {
      const { client } = temporal;
      const deps = { temporalClient: () => Promise.resolve(client), taskQueue };
      const again = (holder: WorkflowHandle) =>
        requestPermit(deps, {
          key,
          permits: 1,
          request: { requester: holder.workflowId, token: holder.workflowId },
          byUpdate: true,
        });
      const first = await askedByUpdate(client, taskQueue, key, FIRST_HOLD_MS);
      expect((await again(first)).answer).toBe('granted');
      const second = await askedByUpdate(client, taskQueue, key, 100);
      expect((await again(second)).answer).toBe('queued');
      const third = await askedByUpdate(client, taskQueue, key, 100);
      const results = (await Promise.all([first, second, third].map((h) => h.result()))) as UpdateHolderResult[];
      expect(results.map((r) => r.answer)).toEqual(['granted', 'queued', 'queued']);
      const history = await semaphoreHistory('semaphore-update-repeated', key);
      // One grant signal each for the two that queued: a duplicate of either would have been granted again.
      expect(count(history, (e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes)).toBe(2);
      expect(count(history, (e) => e.workflowExecutionUpdateCompletedEventAttributes)).toBe(5);
    });
  });

  it('asks a semaphore that predates updates by signal (the update is refused for want of a handler)', async () => {
    await withWorker(async (key, taskQueue) => {
      const { client } = temporal;
      // A workflow without the update's handler where the semaphore would be, as a run from before the change is.
      const old = await client.workflow.start('permitHolderWorkflow', {
        taskQueue,
        workflowId: semaphoreWorkflowId(key),
        args: [key, 0, false],
      });
      const deps = { temporalClient: () => Promise.resolve(client), taskQueue };
      const request = { requester: 'holder-x', token: 'holder-x' };
      const asked = await requestPermit(deps, { key, permits: 1, request, byUpdate: true });
      expect(asked).toEqual({ key, token: 'holder-x' });
      const signals = (await old.fetchHistory()).events?.filter((e) => e.workflowExecutionSignaledEventAttributes);
      expect(signals?.map((e) => e.workflowExecutionSignaledEventAttributes?.signalName)).toEqual(['acquirePermit']);
      await old.terminate('test finished');
    });
  });
});
