/**
 * Determinism: histories of real jobs (fresh ones from this run, and the ones recorded in
 * test/fixtures/histories from earlier versions) replay under the current workflow code without a
 * non-determinism error. `BULKFLOW_RECORD_HISTORIES=1` saves this run's histories as new fixtures.
 */
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { Worker } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { fixtureHistories, fixturePath } from '../helpers/fixture-histories';
import { jobId, moveUsers, waitFor } from '../helpers/jobs';
import { startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';
import { TEMPORAL_CLI } from '../../src/dev/tools';
import { bundle } from '../helpers/temporal';

const RECORD = process.env['BULKFLOW_RECORD_HISTORIES'] === '1';

describe('workflow replay', () => {
  let stack: Stack;
  let workflowBundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    stack = await startStack({ name: 'replay' });
    workflowBundle = await bundle(require.resolve('../../src/workflows'));
  });

  afterAll(async () => {
    await stack.close();
  });

  beforeEach(() => {
    stack.sim.reset();
    stack.webexMove.setConfig({ pollsToComplete: 3 });
  });

  async function replayFresh(name: string, id: string): Promise<void> {
    const history = await stack.temporal.client.workflow.getHandle(id).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle }, history, id);
    if (RECORD) {
      // The CLI's proto-JSON export is the canonical history format (what `historyFromJSON` reads).
      const args = ['workflow', 'show', '--workflow-id', id, '--output', 'json', '--address', stack.temporal.address];
      writeFileSync(fixturePath(name, id), execFileSync(TEMPORAL_CLI, args));
    }
  }

  function start(users: unknown[], tuning: Record<string, number> = {}): Promise<string> {
    return stack.jobs.start(
      { operation: 'webex.moveUsers', input: { users } },
      {
        idempotencyKey: jobId('replay'),
        requestedBy: 'replay@example.test',
        tuning: { pollIntervalMs: 20, ...tuning },
      },
    );
  }

  it('replays a partial job with throttling and per-user errors', async () => {
    stack.sim.faults.add('webex.moveUsers.status', { kind: 'status', status: 429, retryAfter: '1' });
    const id = await start(moveUsers(120, 'loc-A', [5]));
    expect((await stack.jobs.result(id)).state).toBe('partial');
    await replayFresh('move-partial-throttled', id);
  });

  it('replays a paused, resumed and cancelled job', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 1_000_000 });
    const id = await start(moveUsers(2, 'loc-A'));
    await waitFor('polling', () => stack.sim.log.entries({ endpoint: 'webex.moveUsers.status' }).length >= 2);
    await stack.jobs.pause(id, 'ops');
    await waitFor('pause sent', () => stack.sim.log.entries({ endpoint: 'webex.moveUsers.pause' }).length === 1);
    await stack.jobs.resume(id, 'ops');
    await waitFor('resume sent', () => stack.sim.log.entries({ endpoint: 'webex.moveUsers.resume' }).length === 1);
    await stack.jobs.cancel(id, 'ops');
    expect((await stack.jobs.result(id)).state).toBe('cancelled');
    await replayFresh('move-pause-resume-cancel', id);
  });

  it('replays the first run of a job that continued as new', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 10 });
    const id = await start(moveUsers(1, 'loc-A'), { segmentMs: 100, maxSegmentsPerRun: 1 });
    const firstRun = (await stack.temporal.client.workflow.getHandle(id).describe()).runId;
    await stack.jobs.result(id);
    const history = await stack.temporal.client.workflow.getHandle(id, firstRun).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle }, history, id);
    expect(history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
  });

  it('replays every recorded history fixture (jobs and tenant semaphores)', async () => {
    const fixtures = fixtureHistories();
    expect(fixtures.some((f) => f.workflowId.startsWith('semaphore/'))).toBe(true);
    for (const { history, workflowId } of fixtures) {
      await Worker.runReplayHistory({ workflowBundle }, history, workflowId);
    }
  });
});
