/**
 * The production topology of docker-compose.yml as OS processes, since no Docker engine runs here: the dev server
 * (standing in for the `temporal` service), two worker processes on a workflow bundle made by the image's own build
 * step, the HTTP API and the codec server, each configured only through the environment variables
 * docs/deployment.md documents. Jobs run through the API; then one worker gets SIGTERM while its activity is in
 * flight, and drains: the activity completes on it, the process exits 0, and the other worker finishes the job.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/dev/tools';
import { JobViewSchema, StartedJobSchema } from '../../src/api/schemas';
import { moveUsers, waitFor } from '../helpers/jobs';
import { processArgs } from '../helpers/process-programs';
import { startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';
import { spawnService } from '../helpers/worker-process';
import type { ServiceProcess } from '../helpers/worker-process';

const API_KEY = 'topology-api-key-0123456789';
const CODEC_TOKEN = 'topology-codec-token-0123456789';
const START = 'webex.moveUsers.start';
/** Temporal's enums, by number (`@temporalio/proto` is not a dependency of ours). */
const EVENT = { workflowTaskCompleted: 7, activityTaskStarted: 11, activityTaskCompleted: 12, activityTaskFailed: 13 };
const ACTIVITY_TASK_QUEUE = 2;

/** A variable as docs/deployment.md names it: provider connection variables by their `<PROVIDER>` pattern. */
const documentedName = (name: string): string =>
  name.replace(/^BULKFLOW_(WEBEX|ORACLE|FULLSTORY|ZOHO)_/, 'BULKFLOW_<PROVIDER>_');

describe('the compose topology as OS processes', () => {
  let stack: Stack;
  let env: Record<string, string>;
  let workers: ServiceProcess[] = [];
  let api: ServiceProcess;
  let codec: ServiceProcess;

  /** The image's build step: `node dist/build-workflow-bundle.js <file>` (compiled like dist/, by global setup). */
  async function buildBundle(): Promise<string> {
    const file = join(stack.dir, 'workflow-bundle.js');
    await promisify(execFile)(process.execPath, [...processArgs('workflow-bundler'), file], { cwd: PROJECT_ROOT });
    return file;
  }

  const service = (program: 'worker' | 'api' | 'codec', readyLine: string) =>
    spawnService(program, env, { readyLine, bare: true });

  beforeAll(async () => {
    stack = await startStack({
      name: 'topology',
      inProcessWorker: false,
      simulators: { 'webex.moveUsers': { pollsToComplete: 1 } },
    });
    env = {
      ...stack.env,
      TEMPORAL_NAMESPACE: 'default',
      BULKFLOW_LOG_LEVEL: 'info',
      BULKFLOW_WORKFLOW_BUNDLE: await buildBundle(),
      BULKFLOW_API_HOST: '127.0.0.1',
      BULKFLOW_API_PORT: '0',
      BULKFLOW_API_KEY: API_KEY,
      BULKFLOW_CODEC_HOST: '127.0.0.1',
      BULKFLOW_CODEC_PORT: '0',
      BULKFLOW_CODEC_TOKEN: CODEC_TOKEN,
      // A stopped worker's cached workflows move to the other worker after this (10 s by default).
      BULKFLOW_STICKY_QUEUE_TIMEOUT_MS: '1000',
    };
    [workers, api, codec] = await Promise.all([
      Promise.all([service('worker', 'worker started'), service('worker', 'worker started')]),
      service('api', 'HTTP API listening'),
      service('codec', 'codec server listening'),
    ]);
  });

  afterAll(async () => {
    await Promise.all([...workers, api, codec].filter(Boolean).map((p) => p.stop('SIGKILL')));
    await stack.close();
  });

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(new URL(path, String(api.started['url'])), {
      method,
      headers: { authorization: `Bearer ${API_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, json: await response.json() };
  }

  async function startJob(orgId: string, users = 3): Promise<string> {
    const started = await call('POST', '/v1/jobs', {
      operation: 'webex.moveUsers',
      input: { orgId, users: moveUsers(users, 'loc-T') },
    });
    expect(started.status).toBe(202);
    return StartedJobSchema.parse(started.json).jobId;
  }

  function finished(jobId: string) {
    return waitFor(
      `job ${jobId} to finish`,
      async () => {
        const view = JobViewSchema.parse((await call('GET', `/v1/jobs/${encodeURIComponent(jobId)}`)).json);
        return view.status !== 'RUNNING' && view;
      },
      { timeoutMs: 60_000, everyMs: 200 },
    );
  }

  const identityOf = (worker: ServiceProcess): string => `${worker.child.pid}@${hostname()}`;

  it('is configured only through variables docs/deployment.md documents', () => {
    const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'deployment.md'), 'utf8');
    const undocumented = Object.keys(env).filter((name) => !doc.includes(`\`${documentedName(name)}\``));
    expect(undocumented).toEqual([]);
  });

  it('runs jobs through the API with both workers polling the task queue', async () => {
    const pollers = await waitFor('both workers polling activities', async () => {
      const described = await stack.client.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: stack.config.temporal.taskQueue },
        taskQueueType: ACTIVITY_TASK_QUEUE,
      });
      const identities = (described.pollers ?? []).map((p) => p.identity ?? '');
      return workers.every((w) => identities.includes(identityOf(w))) && identities;
    });
    expect(pollers).toEqual(expect.arrayContaining(workers.map(identityOf)));

    const ids = await Promise.all(['org-topology-1', 'org-topology-2', 'org-topology-3'].map((org) => startJob(org)));
    const views = await Promise.all(ids.map(finished));
    expect(views.map((v) => `${v.state} ${v.counts.succeeded}/${v.counts.total}`)).toEqual(
      ids.map(() => 'succeeded 3/3'),
    );
  });

  it('serves the codec server with the workers’ keys: a job’s input decrypts only with the token', async () => {
    const jobId = await startJob('org-topology-codec', 1);
    await finished(jobId);
    const { history } = await stack.temporal.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: jobId },
    });
    const input = history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    const base64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('base64');
    const payloads = input.map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, base64(v)])),
      data: base64(p.data),
    }));
    expect(payloads.length).toBeGreaterThan(0);
    const decode = (token?: string) =>
      fetch(new URL('/decode', String(codec.started['url'])), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-namespace': 'default',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ payloads }),
      });
    expect((await decode()).status).toBe(401);
    const decoded = (await (await decode(CODEC_TOKEN)).json()) as { payloads: { data: string }[] };
    const text = decoded.payloads.map((p) => Buffer.from(p.data, 'base64').toString()).join('');
    expect(text).toContain('org-topology-codec');
    expect(Buffer.from(payloads.map((p) => p.data).join(''), 'base64').toString()).not.toContain('org-topology-codec');
  });

  it('drains a worker on SIGTERM: its in-flight activity completes there and the other worker ends the job', async () => {
    stack.sim.faults.add(START, { kind: 'hold', accept: true });
    const jobId = await startJob('org-topology-drain');
    await waitFor('the provider start held', () => stack.sim.faults.held(START) === 1);
    const handle = stack.client.workflow.getHandle(jobId);
    const identity = await waitFor('the start activity running on a worker', async () => {
      const { raw } = await handle.describe();
      return raw.pendingActivities?.find((a) => a.lastWorkerIdentity)?.lastWorkerIdentity ?? undefined;
    });
    const draining = workers.find((w) => identityOf(w) === identity);
    const other = workers.find((w) => w !== draining);
    if (!draining || !other) throw new Error(`no worker process has identity ${identity}`);

    const exit = draining.stop('SIGTERM');
    await waitFor('the worker draining', () => draining.output().includes('"state":"DRAINING"'));
    expect(draining.child.exitCode).toBeNull();
    stack.sim.faults.release(START, 'answer');
    expect(await exit).toBe(0);
    expect(draining.output()).toContain('"msg":"worker stopped"');

    expect((await finished(jobId)).state).toBe('succeeded');
    const events = (await handle.fetchHistory()).events ?? [];
    const startedBy = new Map(
      events
        .filter((e) => Number(e.eventType) === EVENT.activityTaskStarted)
        .map((e) => [String(e.eventId), e.activityTaskStartedEventAttributes?.identity]),
    );
    const completedOn = events
      .filter((e) => Number(e.eventType) === EVENT.activityTaskCompleted)
      .map((e) => startedBy.get(String(e.activityTaskCompletedEventAttributes?.startedEventId)));
    // The held start completed on the draining worker (no retry, one provider job); what followed ran on the other.
    expect(completedOn[0]).toBe(identity);
    expect(events.some((e) => Number(e.eventType) === EVENT.activityTaskFailed)).toBe(false);
    const lastTask = events.filter((e) => Number(e.eventType) === EVENT.workflowTaskCompleted).at(-1);
    expect(lastTask?.workflowTaskCompletedEventAttributes?.identity).toBe(identityOf(other));
    const starts = stack.sim.log.entries({ endpoint: START }).filter((e) => e.query['orgId'] === 'org-topology-drain');
    expect(starts).toHaveLength(1);
  });
});
