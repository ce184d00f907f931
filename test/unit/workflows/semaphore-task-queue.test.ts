import { isSemaphoreTaskQueue, semaphoreTaskQueue } from '../../../src/workflows/semaphore-definitions';

describe('semaphoreTaskQueue (the tenant semaphores’ own task queue)', () => {
  it('names a queue of its own beside the jobs’ queue', () => {
    expect(semaphoreTaskQueue('bulkflow')).toBe('bulkflow-semaphores');
    expect(semaphoreTaskQueue('bulkflow')).not.toBe('bulkflow');
  });

  it('maps a semaphores’ queue to itself, so a semaphore on its own queue continues as new there', () => {
    const own = semaphoreTaskQueue('bulkflow');
    expect(semaphoreTaskQueue(own)).toBe(own);
  });

  it('tells a semaphores’ queue from a jobs’ queue', () => {
    expect(isSemaphoreTaskQueue(semaphoreTaskQueue('q'))).toBe(true);
    expect(isSemaphoreTaskQueue('q')).toBe(false);
    expect(isSemaphoreTaskQueue('semaphores')).toBe(false);
  });
});
