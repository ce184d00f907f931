/**
 * Webex Move Users while running: live progress, pause/resume and cancel reaching the provider, and invalid
 * requests rejected before anything is sent; the tenant semaphore its permits come from, served on its own task
 * queue, and one started on the jobs' queue (before semaphores had their own) answering and moving over.
 */
import { Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { buildDataConverter } from '../../src/data-converter';
import { connectClient, plainEndpoint } from '../../src/temporal-connection';
import {
  SEMAPHORE_WORKFLOW_TYPE,
  acquirePermitSignal,
  permitKeyOf,
  releasePermitSignal,
  semaphoreTaskQueue,
  semaphoreWorkflowId,
} from '../../src/workflows/semaphore-definitions';
import { productionReplay } from '../helpers/production-replay';
import { jobId, moveUsers, rootFailure, waitFor } from '../helpers/jobs';
import { startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

/** The task queues a history's workflow tasks were scheduled on (a sticky queue by the normal queue it stands for). */
function workflowTaskQueues(history: History): Set<string> {
  return new Set(
    (history.events ?? []).flatMap((e) => {
      const queue = e.workflowTaskScheduledEventAttributes?.taskQueue;
      return queue ? [queue.normalName || queue.name || ''] : [];
    }),
  );
}

/** A run's history, read over a connection that takes more than the default 4 MiB a message (a page may be more). */
async function largeHistory(address: string, workflowId: string, runId: string): Promise<History> {
  const connection = await connectClient(plainEndpoint(address), {
    extra: { channelArgs: { 'grpc.max_receive_message_length': 64 * 1024 * 1024 } },
  });
  try {
    return await new Client({ connection }).workflow.getHandle(workflowId, runId).fetchHistory();
  } finally {
    await connection.close();
  }
}

/**
 * Temporal suggests continuing as new once a history passes 4 MiB (limit.historySize.suggestContinueAsNew, default):
 * 45 releases of 100 KB tokens nobody holds (each changes nothing) take a semaphore's history past it.
 */
const BULKY_RELEASES = 45;
const BULKY_TOKEN_CHARS = 100_000;

describe('webex.moveUsers control and validation', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ name: 'webex-control' });
  });

  afterAll(async () => {
    await stack.close();
  });

  beforeEach(() => {
    stack.sim.reset();
  });

  function start(input: unknown, extra: Record<string, unknown> = {}): Promise<string> {
    return stack.jobs.start(
      { operation: 'webex.moveUsers', input, ...extra },
      { idempotencyKey: jobId('control'), requestedBy: 'ops@example.test', tuning: { pollIntervalMs: 20 } },
    );
  }

  function requests(endpoint: string) {
    return stack.sim.log.entries({ endpoint: `webex.moveUsers.${endpoint}` });
  }

  it('shows polls and provider progress while the job runs', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 1_000_000 });
    const id = await start({ users: moveUsers(4, 'loc-A') });

    const progress = await waitFor('three polls in the live progress', async () => {
      const p = await stack.jobs.progress(id);
      return (p.providerJobs[0]?.polls ?? 0) >= 3 ? p : undefined;
    });
    expect(progress.status).toBe('RUNNING');
    expect(progress.state).toBe('running');
    expect(progress.providerJobs[0]?.id).toBe(stack.webexMove.getJobs()[0]?.id);
    expect(progress.providerJobs[0]?.answers.running).toBeGreaterThanOrEqual(3);
    expect(progress.polling[0]?.snapshot?.state).toBe('running');
    await stack.jobs.cancel(id, 'cleanup');
    await stack.jobs.result(id);
  });

  it('abandons the provider job on cancel and reports the job cancelled', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 1_000_000 });
    const id = await start({ users: moveUsers(3, 'loc-A') });
    await waitFor('the provider job to be polled', () => requests('status').length >= 2);

    await stack.jobs.cancel(id, 'alice@example.test');
    const result = await stack.jobs.result(id);

    expect(result.state).toBe('cancelled');
    expect(result.cancelledBy).toBe('alice@example.test');
    expect(requests('abandon')).toHaveLength(1);
    expect(stack.webexMove.getJobs()[0]?.status).toBe('ABANDONED');
    expect(result.providerJobs[0]?.state).toBe('cancelled');
  });

  it('cancels a 100,000-user move midway: no batch starts after it, the running one is abandoned, and the result names exactly the batches that ran', async () => {
    // 1,000 batches of 100 users, one provider job at a time for the org: a few finish at once, then one hangs.
    stack.webexMove.setConfig({ pollsToComplete: 1 });
    const users = moveUsers(100_000, 'loc-A');
    const id = await start({ users });
    await waitFor(
      'three provider jobs done',
      () => stack.webexMove.getJobs().filter((j) => j.status === 'COMPLETED').length >= 3,
    );
    const createdBeforeHang = stack.webexMove.getJobs().length;
    stack.webexMove.setConfig({ pollsToComplete: 1_000_000 });
    const hanging = await waitFor('a provider job that cannot finish, polled twice', async () => {
      const job = stack.webexMove.getJobs()[createdBeforeHang];
      if (!job) return undefined;
      const seen = (await stack.jobs.progress(id)).providerJobs.find((p) => p.id === job.id);
      return (seen?.polls ?? 0) >= 2 ? job : undefined;
    });

    // Progress tells where the batches stand: the ones done, the one running, and all the rest waiting.
    const started = stack.webexMove.getJobs().length;
    expect((await stack.jobs.get(id)).batches).toEqual({
      total: 1_000,
      done: started - 1,
      running: 1,
      waiting: 1_000 - started,
    });

    await stack.jobs.cancel(id, 'carol@example.test');
    const result = await stack.jobs.result(id);

    const ran = stack.webexMove.getJobs();
    expect(result.state).toBe('cancelled');
    expect(result.cancelledBy).toBe('carol@example.test');
    // Exactly the batches that ran, in order, each with the provider job that ran it; nothing started after the cancel.
    expect(result.providerJobs.map((p) => [p.batch, p.id])).toEqual(ran.map((job, i) => [i, job.id]));
    expect(ran.at(-1)?.id).toBe(hanging.id);
    expect(result.providerJobs.slice(0, -1).every((p) => p.state === 'succeeded')).toBe(true);
    // Abandoned where the provider allows it: the one job running at the cancel, and only it.
    expect(requests('abandon')).toHaveLength(1);
    expect(hanging.id).toBe(result.providerJobs.at(-1)?.id);
    expect(stack.webexMove.getJobs().at(-1)?.status).toBe('ABANDONED');
    expect(result.providerJobs.at(-1)?.state).toBe('cancelled');
    // Every user is accounted for once: moved by a batch that ran, or pending in a batch that never started.
    const movedByRun = ran.slice(0, -1).flatMap((job) => job.userIds);
    const neverSent = users.slice(ran.length * 100).map((u) => u.userId);
    expect(result.counts.succeeded).toBe(movedByRun.length);
    expect(new Set(result.pendingRefs)).toEqual(new Set([...hanging.userIds, ...neverSent]));
    expect(movedByRun.length + hanging.userIds.length + neverSent.length).toBe(100_000);
  });

  it('sends pause and resume to the provider and then completes', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 60 });
    const id = await start({ users: moveUsers(2, 'loc-A') });
    await waitFor('the provider job to be polled', () => requests('status').length >= 2);

    await stack.jobs.pause(id, 'bob@example.test');
    await waitFor('the pause request', () => requests('pause').length === 1);
    await waitFor('the paused state in progress', async () => (await stack.jobs.progress(id)).state === 'paused');
    expect(stack.webexMove.getJobs()[0]?.status).toBe('STOPPING');

    await stack.jobs.resume(id, 'bob@example.test');
    const result = await stack.jobs.result(id);
    expect(requests('resume')).toHaveLength(1);
    expect(result.state).toBe('succeeded');
  });

  it.each([
    ['no users', { users: [] }, 'input.users'],
    [
      'a bad E.164 number',
      { users: [{ userId: 'u1', locationId: 'l1', phoneNumber: '12345' }] },
      'input.users[0].phoneNumber',
    ],
  ])('rejects %s naming the field and sends nothing', async (_case, input, field) => {
    const id = await start(input);
    const failure = await stack.jobs.result(id).then(
      () => undefined,
      (err: unknown) => rootFailure(err),
    );

    expect(failure?.type).toBe('InvalidRequestError');
    expect(failure?.message).toContain(field);
    expect(stack.sim.log.entries()).toHaveLength(0);
  });

  it('rejects an unknown connection naming the field and sends nothing', async () => {
    const id = await start({ users: moveUsers(1, 'loc-A') }, { connection: 'emea' });
    const failure = await stack.jobs.result(id).then(
      () => undefined,
      (err: unknown) => rootFailure(err),
    );

    expect(failure?.type).toBe('InvalidRequestError');
    expect(failure?.message).toContain('connection');
    expect(failure?.message).toContain('emea');
    expect(stack.sim.log.entries()).toHaveLength(0);
  });

  it('rejects a request envelope without input at the client, before a workflow starts', async () => {
    await expect(start(undefined)).rejects.toThrow(/input/);
  });

  it('runs two bulk jobs on one org one provider job at a time (tenant semaphore)', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 6 });
    const [first, second] = await Promise.all([
      start({ orgId: 'org-semaphore', users: moveUsers(2, 'loc-A') }),
      start({ orgId: 'org-semaphore', users: moveUsers(2, 'loc-B') }),
    ]);
    const results = await Promise.all([stack.jobs.result(first), stack.jobs.result(second)]);

    expect(results.map((r) => r.state)).toEqual(['succeeded', 'succeeded']);
    const jobs = stack.webexMove.getJobs();
    expect(jobs).toHaveLength(2);
    // The second provider job was created only after the first reached its terminal state.
    const [earlier, later] = [...results.flatMap((r) => r.providerJobs)].sort((a, b) =>
      a.startedAt.localeCompare(b.startedAt),
    );
    expect(Date.parse(later?.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(earlier?.finishedAt ?? ''));
  });

  it('ends an idle tenant semaphore once its idle period has passed', async () => {
    const key = `idle-${jobId('semaphore')}`;
    // The codec's client: the semaphore's payloads are encrypted like every other workflow's.
    const { client } = stack;
    await client.workflow.signalWithStart(SEMAPHORE_WORKFLOW_TYPE, {
      taskQueue: stack.config.temporal.taskQueue,
      workflowId: semaphoreWorkflowId(key),
      args: [{ key, permits: 1, idleMs: 300 }],
      signal: acquirePermitSignal,
      signalArgs: [{ requester: `holder-${key}`, token: 'only-permit' }],
    });
    const semaphore = client.workflow.getHandle(semaphoreWorkflowId(key));
    // No workflow `holder-…` exists, so the grant cannot be delivered and the permit is freed at once.
    await semaphore.result();
    expect((await semaphore.describe()).status.name).toBe('COMPLETED');
  });

  it('serves the tenant semaphore’s workflow tasks on its own task queue, not the jobs’', async () => {
    const orgId = jobId('org-own-queue');
    const id = await start({ orgId, users: moveUsers(2, 'loc-A') });
    expect((await stack.jobs.result(id)).state).toBe('succeeded');
    const semaphore = stack.client.workflow.getHandle(
      semaphoreWorkflowId(permitKeyOf(stack.config.temporal.taskQueue, 'webex.moveUsers', orgId)),
    );
    const ownQueue = semaphoreTaskQueue(stack.config.temporal.taskQueue);
    expect((await semaphore.describe()).taskQueue).toBe(ownQueue);
    // Asked by update, released by signal: every task of it, the first included, went to the semaphores' queue.
    const history = await semaphore.fetchHistory();
    expect(history.events?.some((e) => e.workflowExecutionUpdateCompletedEventAttributes)).toBe(true);
    expect(history.events?.some((e) => e.workflowExecutionSignaledEventAttributes)).toBe(true);
    expect([...workflowTaskQueues(history)]).toEqual([ownQueue]);
    await semaphore.terminate('test finished');
  });

  it('answers from a semaphore started on the jobs’ queue, which continues as new on its own queue', async () => {
    const orgId = jobId('org-old-queue');
    const jobsQueue = stack.config.temporal.taskQueue;
    const ownQueue = semaphoreTaskQueue(jobsQueue);
    const workflowId = semaphoreWorkflowId(permitKeyOf(jobsQueue, 'webex.moveUsers', orgId));
    // As a deployment from before semaphores had a queue of their own started it.
    const old = await stack.client.workflow.start(SEMAPHORE_WORKFLOW_TYPE, {
      taskQueue: jobsQueue,
      workflowId,
      args: [{ key: permitKeyOf(jobsQueue, 'webex.moveUsers', orgId), permits: 1 }],
    });
    // Up and waiting before its history grows: a run whose first task sees the suggestion moves before answering.
    await waitFor('the old run to wait idle', async () =>
      (await old.fetchHistory()).events?.some((e) => e.timerStartedEventAttributes),
    );
    for (let i = 0; i < BULKY_RELEASES; i++) {
      await old.signal(releasePermitSignal, { token: `${i}-${'x'.repeat(BULKY_TOKEN_CHARS)}` });
    }
    const first = await start({ orgId, users: moveUsers(2, 'loc-A') });
    expect((await stack.jobs.result(first)).state).toBe('succeeded');
    // It continues as new at the first wake-up after the server's suggestion: the grant, or the release after it.
    const oldRun = stack.client.workflow.getHandle(workflowId, old.firstExecutionRunId);
    await waitFor('the old run to continue as new', async () => (await oldRun.describe()).status.name !== 'RUNNING');
    const oldHistory = await largeHistory(stack.temporal.address, workflowId, old.firstExecutionRunId);
    // The old run answered the job's request on the jobs' queue, then continued on the semaphores' own queue.
    expect(oldHistory.events?.some((e) => e.workflowExecutionUpdateCompletedEventAttributes)).toBe(true);
    expect([...workflowTaskQueues(oldHistory)]).toEqual([jobsQueue]);
    const continued = oldHistory.events?.find((e) => e.workflowExecutionContinuedAsNewEventAttributes);
    expect(continued?.workflowExecutionContinuedAsNewEventAttributes?.taskQueue?.name).toBe(ownQueue);

    // The tenant's next job is answered by the next run, on the semaphores' own queue.
    const second = await start({ orgId, users: moveUsers(2, 'loc-B') });
    expect((await stack.jobs.result(second)).state).toBe('succeeded');
    const next = stack.client.workflow.getHandle(workflowId);
    expect((await next.describe()).taskQueue).toBe(ownQueue);
    const nextHistory = await next.fetchHistory();
    expect(nextHistory.events?.some((e) => e.workflowExecutionUpdateCompletedEventAttributes)).toBe(true);
    expect([...workflowTaskQueues(nextHistory)]).toEqual([ownQueue]);
    // The moved run replays under today's code (its payloads are encrypted: the stack's converter reads them).
    await Worker.runReplayHistory(productionReplay(buildDataConverter(stack.config.temporal)), oldHistory, workflowId);
    await next.terminate('test finished');
  });

  it('asks for its permit again as a regular activity when the local request gets no answer in time', async () => {
    const orgId = jobId('org-unanswered');
    const key = permitKeyOf(stack.config.temporal.taskQueue, 'webex.moveUsers', orgId);
    // The tenant's semaphore, on a task queue no worker polls: an update to it is never answered.
    const stalled = await stack.client.workflow.start(SEMAPHORE_WORKFLOW_TYPE, {
      taskQueue: `nobody-polls-${orgId}`,
      workflowId: semaphoreWorkflowId(key),
      args: [{ key, permits: 1 }],
    });
    const id = await start({ orgId, users: moveUsers(2, 'loc-A') });
    const handle = stack.client.workflow.getHandle(id);
    await waitFor('the request as a regular activity', async () =>
      (await handle.fetchHistory()).events?.some(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'requestPermit',
      ),
    );
    // The regular activity waits for an answer holding no workflow task; once the stalled run is gone, its retry
    // starts a semaphore that answers.
    await stalled.terminate('stalled on purpose');
    expect((await stack.jobs.result(id)).state).toBe('succeeded');
  });
});
