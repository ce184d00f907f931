/**
 * Determinism: histories of real jobs (fresh ones from this run, and the ones recorded in
 * test/fixtures/histories from earlier versions) replay under the current workflow code without a
 * non-determinism error. This file's stack encrypts with the committed test-only key (test/fixtures/encryption),
 * so its histories replay through the codec, as do the recorded ones: encrypted fixtures with the data keys
 * committed beside that key, fixtures from before encryption untouched. `BULKFLOW_RECORD_HISTORIES=1` saves this
 * run's histories as new fixtures (and the data keys they need).
 */
import { cpSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { DataConverter } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { History } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { ENCRYPTED_ENCODING } from '../../src/codec';
import { buildDataConverter } from '../../src/data-converter';
import { fixtureHistories, fixturePath } from '../helpers/fixture-histories';
import {
  FIXTURE_TENANT_KEYS,
  TEST_ONLY_KEY_FILE,
  fixtureEncryption,
  fixtureKeyStoreCopy,
} from '../helpers/fixture-keys';
import { jobId, moveUsers, waitFor } from '../helpers/jobs';
import { startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';
import { TEMPORAL_CLI } from '../../src/dev/tools';
import { productionReplay } from '../helpers/production-replay';
import { permitKeyOf, semaphoreWorkflowId } from '../../src/workflows/semaphore-definitions';

const RECORD = process.env['BULKFLOW_RECORD_HISTORIES'] === '1';

/** True when some payload of `history` is encrypted (its `encoding` metadata, as proto JSON writes it: base64). */
function hasEncryptedPayloads(history: History): boolean {
  return historyToJSON(history).includes(`"${Buffer.from(ENCRYPTED_ENCODING).toString('base64')}"`);
}

describe('workflow replay', () => {
  let stack: Stack;
  let tenantKeyDir: string;
  /** Decrypts with the test-only key: this stack's histories and the recorded ones. */
  let dataConverter: DataConverter;

  beforeAll(async () => {
    tenantKeyDir = fixtureKeyStoreCopy();
    stack = await startStack({
      name: 'replay',
      env: {
        BULKFLOW_ENCRYPTION_KEYS: '',
        BULKFLOW_ENCRYPTION_KEY_FILE: TEST_ONLY_KEY_FILE,
        BULKFLOW_TENANT_KEY_DIR: tenantKeyDir,
      },
    });
    dataConverter = buildDataConverter({ encryption: fixtureEncryption(tenantKeyDir) });
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
    expect(hasEncryptedPayloads(history)).toBe(true);
    await Worker.runReplayHistory(productionReplay(dataConverter), history, id);
    if (RECORD) {
      // The CLI's proto-JSON export is the canonical history format (what `historyFromJSON` reads).
      const args = ['workflow', 'show', '--workflow-id', id, '--output', 'json', '--address', stack.temporal.address];
      writeFileSync(fixturePath(name, id), execFileSync(TEMPORAL_CLI, args));
      // The data keys it was encrypted under, wrapped by the test-only key, go with it.
      cpSync(tenantKeyDir, FIXTURE_TENANT_KEYS, { recursive: true, force: false });
    }
  }

  function start(users: unknown[], tuning: Record<string, number> = {}, orgId?: string): Promise<string> {
    return stack.jobs.start(
      { operation: 'webex.moveUsers', input: { users, ...(orgId ? { orgId } : {}) } },
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
    const firstRun = (await stack.client.workflow.getHandle(id).describe()).runId;
    await stack.jobs.result(id);
    const history = await stack.temporal.client.workflow.getHandle(id, firstRun).fetchHistory();
    await Worker.runReplayHistory(productionReplay(dataConverter), history, id);
    expect(history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
  });

  it('replays an encrypted job through the codec', async () => {
    const id = await start(moveUsers(3, 'loc-A', [1]));
    expect((await stack.jobs.result(id)).state).toBe('partial');
    await replayFresh('move-encrypted', id);
  });

  it('replays two jobs of one org that met at its tenant permit, and the semaphore between them', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 4 });
    const orgId = jobId('org-replay-permit');
    const jobs = await Promise.all([start(moveUsers(2, 'loc-A'), {}, orgId), start(moveUsers(2, 'loc-B'), {}, orgId)]);
    for (const id of jobs) expect((await stack.jobs.result(id)).state).toBe('succeeded');
    const histories = await Promise.all(jobs.map((id) => stack.client.workflow.getHandle(id).fetchHistory()));
    // The first to ask was answered `granted` inside its own workflow task, with no grant signal (the other one
    // queued behind it and got its grant by signal, unless the first was done before it asked).
    const answered = histories.filter((h) => !h.events?.some((e) => e.workflowExecutionSignaledEventAttributes));
    expect(answered.length).toBeGreaterThanOrEqual(1);
    for (const id of jobs) await replayFresh('permit-contended', id);
    const semaphore = semaphoreWorkflowId(permitKeyOf(stack.config.temporal.taskQueue, 'webex.moveUsers', orgId));
    await replayFresh('permit-contended-semaphore', semaphore);
  });

  it('replays every recorded history fixture (jobs and tenant semaphores, encrypted and from before)', async () => {
    const fixtures = fixtureHistories();
    expect(fixtures.some((f) => f.workflowId.startsWith('semaphore/'))).toBe(true);
    expect(fixtures.filter((f) => hasEncryptedPayloads(f.history)).map((f) => f.scenario)).toContain('move-encrypted');
    expect(fixtures.some((f) => !hasEncryptedPayloads(f.history))).toBe(true);
    for (const { history, workflowId } of fixtures) {
      await Worker.runReplayHistory(productionReplay(dataConverter), history, workflowId);
    }
  });
});
