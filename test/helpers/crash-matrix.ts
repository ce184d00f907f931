/**
 * Exactly one provider job per batch, across worker crashes
 * (docs/architecture.md#exactly-one-provider-job-per-batch-or-a-loud-stop). An operation is run with its worker as a
 * real OS process that is SIGKILLed at each step, then replaced; the simulator counts provider jobs. Where an operation
 * offers no way to settle an interrupted start, the job must end in AmbiguousStartError — never in a second provider
 * job.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { OPERATION_IDS } from '../../src/domain/job';
import type { BulkJobResult, OperationId } from '../../src/domain/job';
import { crashCaseOf } from './crash-cases';
import { jobId, rootFailure, waitFor } from './jobs';
import { startStack } from './stack';
import type { Stack } from './stack';
import { spawnWorker } from './worker-process';
import type { WorkerProcess } from './worker-process';

/** A killed attempt is retried after this (the default is 2 min). */
const TUNING = { pollIntervalMs: 50, attemptTimeoutMs: 2_000 };

/**
 * The files of the crash matrix (test/integration/crash-matrix/shard-<n>.test.ts, n = 1 … CRASH_MATRIX_SHARDS): jest
 * spreads files, not tests, over its workers, and one operation's matrix takes over a minute. Operations go to shards
 * by their place in `OPERATION_IDS`, so with five operations each file runs one, and a new operation needs no new file.
 */
export const CRASH_MATRIX_SHARDS = 5;

/** The operations of shard `n` (1-based). */
export function crashMatrixShard(n: number): OperationId[] {
  return OPERATION_IDS.filter((_, index) => index % CRASH_MATRIX_SHARDS === n - 1);
}

/** The crash matrices of shard `n`: one `describe` per operation. */
export function describeCrashMatrixShard(n: number): void {
  for (const operation of crashMatrixShard(n)) describeCrashMatrix(operation);
}

/** The crash matrix of one operation: a `describe` with one test per crash point. */
export function describeCrashMatrix(operation: OperationId): void {
  const crashCase = crashCaseOf(operation);
  describe(`crash matrix: ${operation}`, () => {
    let stack: Stack;
    let workers: WorkerProcess[] = [];

    beforeAll(async () => {
      stack = await startStack({ name: `crash-${crashCase.operation}`, inProcessWorker: false });
    });

    afterAll(async () => {
      await Promise.all(workers.map((w) => w.stop('SIGKILL')));
      await stack.close();
    });

    beforeEach(() => {
      stack.sim.reset();
      crashCase.configure(stack, { pollsToComplete: 8 });
    });

    afterEach(async () => {
      await Promise.all(workers.map((w) => w.stop('SIGKILL')));
      workers = [];
    });

    async function worker(): Promise<WorkerProcess> {
      // A killed worker's cached workflows move to another worker after this (10 s by default).
      const started = await spawnWorker({
        ...stack.env,
        BULKFLOW_STICKY_QUEUE_TIMEOUT_MS: '1000',
      });
      workers.push(started);
      return started;
    }

    function start(): Promise<string> {
      return stack.jobs.start(
        { operation: crashCase.operation, input: crashCase.input },
        { idempotencyKey: jobId('crash'), requestedBy: 'crash@example.test', tuning: TUNING },
      );
    }

    const endpoint = (name: string): string => `${crashCase.operation}.${name}`;
    const requests = (name: string) => stack.sim.log.entries({ endpoint: endpoint(name) });
    const jobCount = (): number => crashCase.jobCount(stack);

    /** The result, or the AmbiguousStartError the job ended with. */
    async function outcome(id: string): Promise<BulkJobResult | 'AmbiguousStartError'> {
      try {
        return await stack.jobs.result(id);
      } catch (err) {
        if (err instanceof WorkflowFailedError && rootFailure(err).type === 'AmbiguousStartError')
          return 'AmbiguousStartError';
        throw err;
      }
    }

    function expectFinished(result: BulkJobResult | 'AmbiguousStartError'): void {
      expect(result).not.toBe('AmbiguousStartError');
      expect(['succeeded', 'partial']).toContain((result as BulkJobResult).state);
    }

    it('(a) killed before the start request: the new worker starts exactly one job', async () => {
      // Paused before any worker runs, so the first workflow task sees the pause with the start: no start activity
      // can be scheduled before the pause takes effect (with a worker already running, it sometimes was).
      const id = await start();
      await stack.jobs.pause(id, 'crash-test');
      const first = await worker();
      await waitFor(
        'the job planned and paused before its start',
        async () => (await stack.jobs.progress(id)).state === 'paused',
      );
      await first.stop('SIGKILL');
      await worker();
      await stack.jobs.resume(id, 'crash-test');
      expectFinished(await outcome(id));
      expect(jobCount()).toBe(1);
    });

    it('(a2) killed while the start request is in flight, before the provider acted', async () => {
      stack.sim.faults.add(endpoint('start'), { kind: 'hold', accept: false });
      const first = await worker();
      const id = await start();
      await waitFor('the start request held', () => stack.sim.faults.held(endpoint('start')) === 1);
      await first.stop('SIGKILL');
      stack.sim.faults.release(endpoint('start'), 'reset');
      await worker();
      const result = await outcome(id);
      if (crashCase.uncertainStart === 'ambiguous') {
        expect(result).toBe('AmbiguousStartError');
        expect(jobCount()).toBe(0);
      } else {
        expectFinished(result);
        expect(jobCount()).toBe(1);
      }
    });

    it('(b) killed after the provider accepted the job, before the activity reported it', async () => {
      stack.sim.faults.add(endpoint('start'), { kind: 'hold', accept: true });
      const first = await worker();
      const id = await start();
      await waitFor(
        'the provider job created and its answer held',
        () => stack.sim.faults.held(endpoint('start')) === 1,
      );
      await first.stop('SIGKILL');
      stack.sim.faults.release(endpoint('start'), 'reset');
      await worker();
      const result = await outcome(id);
      if (crashCase.uncertainStart === 'ambiguous') expect(result).toBe('AmbiguousStartError');
      else expectFinished(result);
      expect(jobCount()).toBe(1);
    });

    it('(b2) the provider accepts the job and drops the connection before answering', async () => {
      stack.sim.faults.add(endpoint('start'), { kind: 'acceptThenReset' });
      await worker();
      const result = await outcome(await start());
      if (crashCase.uncertainStart === 'ambiguous') expect(result).toBe('AmbiguousStartError');
      else expectFinished(result);
      expect(jobCount()).toBe(1);
    });

    it('(c) killed while awaiting: the new worker finishes the same provider job', async () => {
      const first = await worker();
      const id = await start();
      await waitFor('two status polls', () => requests('status').length >= 2);
      await first.stop('SIGKILL');
      await worker();
      expectFinished(await outcome(id));
      expect(jobCount()).toBe(1);
    });

    it('(d) killed while collecting item results', async () => {
      stack.sim.faults.add(
        endpoint(crashCase.itemsEndpoint),
        { kind: 'hold', accept: false },
        1,
        crashCase.itemsSkip ?? 0,
      );
      const first = await worker();
      const id = await start();
      await waitFor('the item request held', () => stack.sim.faults.held(endpoint(crashCase.itemsEndpoint)) === 1);
      await first.stop('SIGKILL');
      stack.sim.faults.release(endpoint(crashCase.itemsEndpoint), 'reset');
      await worker();
      expectFinished(await outcome(id));
      expect(jobCount()).toBe(1);
    });
  });
}
