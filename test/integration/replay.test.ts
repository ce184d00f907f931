/**
 * Determinism: histories of real jobs (fresh ones from this run, and the ones recorded in
 * test/fixtures/histories from earlier versions) replay under the current workflow code without a
 * non-determinism error. `BULKFLOW_RECORD_HISTORIES=1` saves this run's histories as new fixtures.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { jobId, moveUsers, waitFor } from '../helpers/jobs';
import { startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';
import { TEMPORAL_CLI } from '../../src/dev/tools';
import { bundle } from '../helpers/temporal';

const FIXTURES = join(__dirname, '..', 'fixtures', 'histories');
const RECORD = process.env['BULKFLOW_RECORD_HISTORIES'] === '1';
/** Fixture files are `<scenario>--<workflowId>.json`: replay needs the original workflow id (permit tokens use it). */
const ID_SEPARATOR = '--';

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
      mkdirSync(FIXTURES, { recursive: true });
      writeFileSync(join(FIXTURES, `${name}${ID_SEPARATOR}${id}.json`), execFileSync(TEMPORAL_CLI, args));
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

  it('replays every recorded history fixture', async () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const history = historyFromJSON(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')));
      const workflowId = file.slice(file.indexOf(ID_SEPARATOR) + ID_SEPARATOR.length, -'.json'.length);
      await Worker.runReplayHistory({ workflowBundle }, history, workflowId);
    }
  });
});
