/** Cancel, pause and resume of a job that finishes between the client's describe and its signal. */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { BulkJobClient } from '../../../src/client';
import { WORKFLOW_TYPE } from '../../../src/workflows/definitions';

/** A Temporal client whose job is running at the first describe and has completed by the time it is signalled. */
function finishingJobClient(): Client {
  let describes = 0;
  const handle = {
    describe: () => {
      describes += 1;
      return Promise.resolve({ type: WORKFLOW_TYPE, status: { name: describes === 1 ? 'RUNNING' : 'COMPLETED' } });
    },
    signal: () => Promise.reject(new WorkflowNotFoundError('workflow execution already completed', 'job-1', 'run-1')),
  };
  // Only the calls `control` makes are faked.
  return { workflow: { getHandle: () => handle } } as unknown as Client;
}

describe('control of a job that finishes meanwhile', () => {
  it.each(['cancel', 'pause', 'resume'] as const)('%s answers JobClosedError, not the SDK error', async (action) => {
    const jobs = new BulkJobClient(finishingJobClient(), 'queue');
    await expect(jobs[action]('job-1', 'ops')).rejects.toMatchObject({
      name: 'JobClosedError',
      status: 'COMPLETED',
    });
  });
});
