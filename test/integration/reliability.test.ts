/**
 * Durability beyond single-step crashes: the Temporal server restarting mid-job (file-backed database), two workers
 * sharing a task queue with one killed, and a SIGTERM that drains a worker cleanly.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { BulkJobClient } from '../../src/client';
import { freePort } from '../../src/dev/free-port';
import { startDevServer } from '../../src/dev/temporal-dev-server';
import type { DevServer } from '../../src/dev/temporal-dev-server';
import { createWebexMoveUsersSimulator } from '../../src/providers/webex-move-users/simulator';
import { startSimulator } from '../../src/simulator/server';
import type { SimulatorServer } from '../../src/simulator/server';
import { connectClient, plainEndpoint } from '../../src/temporal-connection';
import { jobId, moveUsers, waitFor } from '../helpers/jobs';
import { TEST_TOKEN, providerEnv, startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';
import { spawnWorker } from '../helpers/worker-process';
import type { WorkerProcess } from '../helpers/worker-process';

const TUNING = { pollIntervalMs: 50, attemptTimeoutMs: 2_000 };
let workers: WorkerProcess[] = [];

afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop('SIGKILL')));
  workers = [];
});

async function worker(env: Readonly<Record<string, string>>): Promise<WorkerProcess> {
  const started = await spawnWorker({
    ...env,
    BULKFLOW_STICKY_QUEUE_TIMEOUT_MS: '1000',
  });
  workers.push(started);
  return started;
}

describe('worker processes on one task queue', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ name: 'reliability', inProcessWorker: false });
  });

  afterAll(async () => {
    await stack.close();
  });

  beforeEach(() => {
    stack.sim.reset();
    stack.webexMove.setConfig({ pollsToComplete: 40 });
  });

  function start(): Promise<string> {
    return stack.jobs.start(
      { operation: 'webex.moveUsers', input: { users: moveUsers(3, 'loc-A') } },
      { idempotencyKey: jobId('reliability'), requestedBy: 'ops@example.test', tuning: TUNING },
    );
  }

  const polls = (): number => stack.sim.log.entries({ endpoint: 'webex.moveUsers.status' }).length;

  it('finishes the job on the surviving worker when one of two is killed mid-run', async () => {
    const [first] = await Promise.all([worker(stack.env), worker(stack.env)]);
    const id = await start();
    await waitFor('five status polls', () => polls() >= 5);
    await first?.stop('SIGKILL');

    const result = await stack.jobs.result(id);
    expect(result.state).toBe('succeeded');
    expect(stack.webexMove.jobCount()).toBe(1);
  });

  it('drains on SIGTERM and exits 0; a new worker finishes the job', async () => {
    const first = await worker(stack.env);
    const id = await start();
    await waitFor('three status polls', () => polls() >= 3);

    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).toContain('"worker stopped"');
    await worker(stack.env);
    expect((await stack.jobs.result(id)).state).toBe('succeeded');
    expect(stack.webexMove.jobCount()).toBe(1);
  });
});

describe('Temporal dev server restart (file-backed database)', () => {
  let server: DevServer | undefined;
  let sim: SimulatorServer;

  afterAll(async () => {
    await server?.stop();
    await sim?.close();
  });

  it('finishes a job that was running when the server stopped and came back', async () => {
    const options = {
      dbFilename: join(mkdtempSync(join(tmpdir(), 'bulkflow-restart-')), 'temporal.db'),
      port: await freePort(),
      uiPort: 0,
      fastTimers: true,
    };
    server = await startDevServer(options);
    const webexMove = createWebexMoveUsersSimulator({ pollsToComplete: 60 });
    sim = await startSimulator({ simulators: [webexMove], auth: { bearerTokens: [TEST_TOKEN] } });
    const env = { TEMPORAL_ADDRESS: server.address, BULKFLOW_TASK_QUEUE: 'restart', ...providerEnv(sim.url) };
    await worker(env);
    const connection = await connectClient(plainEndpoint(server.address));
    const jobs = new BulkJobClient(new Client({ connection }), 'restart');
    const id = await jobs.start(
      { operation: 'webex.moveUsers', input: { users: moveUsers(2, 'loc-A') } },
      { idempotencyKey: jobId('restart'), requestedBy: 'ops@example.test', tuning: TUNING },
    );
    await waitFor(
      'polling before the restart',
      () => sim.log.entries({ endpoint: 'webex.moveUsers.status' }).length >= 3,
    );

    await server.stop();
    server = await startDevServer(options);

    const result = await jobs.result(id);
    expect(result.state).toBe('succeeded');
    expect(webexMove.jobCount()).toBe(1);
    // Attempt memory survived the restart: the job completed on its 60th status read, and the stats count them
    // (at most one poll whose report was lost while the server was down may be missing).
    expect(result.providerJobs[0]?.polls).toBeGreaterThanOrEqual(59);
    await connection.close();
  });
});
