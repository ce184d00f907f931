/**
 * The two workers of a worker process (jobs, and the tenant semaphores on their own task queue) run and stop
 * together; a jobs' task queue named as a semaphores' queue is refused before anything connects.
 */
import type { State } from '@temporalio/worker';
import { loadConfig } from '../../src/config';
import { BulkflowWorkers, createWorker, workerSettings } from '../../src/worker-factory';
import type { RunnableWorker } from '../../src/worker-factory';
import { semaphoreTaskQueue } from '../../src/workflows/semaphore-definitions';

/** A worker that runs until shut down, or fails when `fail` is called. */
function fakeWorker(): RunnableWorker & { fail(err: Error): void; readonly shutdowns: number } {
  let state: State = 'INITIALIZED';
  let shutdowns = 0;
  let end: (err?: Error) => void = () => undefined;
  return {
    run: () => {
      state = 'RUNNING';
      return new Promise<void>((resolve, reject) => {
        end = (err) => {
          state = err ? 'FAILED' : 'STOPPED';
          if (err) reject(err);
          else resolve();
        };
      });
    },
    shutdown: () => {
      shutdowns++;
      end();
    },
    getState: () => state,
    fail: (err) => end(err),
    get shutdowns() {
      return shutdowns;
    },
  };
}

describe('BulkflowWorkers', () => {
  it('runs both workers until shut down, and shuts each down once', async () => {
    const [jobs, semaphores] = [fakeWorker(), fakeWorker()];
    const workers = new BulkflowWorkers(jobs, semaphores);
    const running = workers.run();
    expect([jobs.getState(), semaphores.getState(), workers.getState()]).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    workers.shutdown();
    workers.shutdown();
    await expect(running).resolves.toBeUndefined();
    expect([jobs.shutdowns, semaphores.shutdowns]).toEqual([1, 1]);
  });

  it.each(['jobs', 'semaphores'] as const)(
    'shuts the other down when the %s worker fails, and throws',
    async (which) => {
      const both = { jobs: fakeWorker(), semaphores: fakeWorker() };
      const running = new BulkflowWorkers(both.jobs, both.semaphores).run();
      both[which].fail(new Error(`${which} worker failed`));
      await expect(running).rejects.toThrow(`${which} worker failed`);
      const other = which === 'jobs' ? both.semaphores : both.jobs;
      expect(other.getState()).toBe('STOPPED');
    },
  );
});

describe('createWorker', () => {
  it('refuses a jobs’ task queue named as a semaphores’ queue, naming the variable, before connecting', async () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: '127.0.0.1:1', BULKFLOW_TASK_QUEUE: semaphoreTaskQueue('q') });
    await expect(createWorker({ config })).rejects.toMatchObject({
      name: 'ConfigError',
      source: 'BULKFLOW_TASK_QUEUE',
    });
  });
});

describe('workerSettings', () => {
  it("caps each worker's workflow cache at BULKFLOW_WORKER_CACHED_WORKFLOWS, 100 by default", () => {
    expect(workerSettings(loadConfig({ BULKFLOW_WORKER_CACHED_WORKFLOWS: '300' }))).toEqual({
      stickyQueueScheduleToStartTimeout: 10_000,
      maxCachedWorkflows: 300,
    });
    expect(workerSettings(loadConfig({ BULKFLOW_STICKY_QUEUE_TIMEOUT_MS: '1000' }))).toEqual({
      stickyQueueScheduleToStartTimeout: 1_000,
      maxCachedWorkflows: 100,
    });
  });
});
