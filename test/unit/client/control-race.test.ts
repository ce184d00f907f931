/** Cancel, pause and resume of a job that finishes between the client's describe and its signal. */
import { msNumberToTs } from '@temporalio/common/lib/time';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { BulkJobClient } from '../../../src/client';
import { WORKFLOW_TYPE } from '../../../src/workflows/definitions';

/** Temporal's raw status codes for the two states the fake passes through. */
const RUNNING = 1;
const COMPLETED = 2;

/** A Temporal client whose job is running at the first describe and has completed by the time it is signalled. */
function finishingJobClient(): Client {
  let describes = 0;
  const describeWorkflowExecution = () => {
    describes += 1;
    const workflowExecutionInfo = {
      type: { name: WORKFLOW_TYPE },
      execution: { workflowId: 'job-1', runId: 'run-1' },
      status: describes === 1 ? RUNNING : COMPLETED,
      historyLength: { toNumber: () => 10 },
      startTime: msNumberToTs(Date.parse('2026-12-07T10:00:00Z')),
    };
    return Promise.resolve({ workflowExecutionInfo });
  };
  const handle = {
    signal: () => Promise.reject(new WorkflowNotFoundError('workflow execution already completed', 'job-1', 'run-1')),
  };
  // Only the calls `control` makes are faked: a bare describe (no memo to open) and the signal.
  return {
    options: { namespace: 'default', loadedDataConverter: {} },
    workflowService: { describeWorkflowExecution },
    workflow: { getHandle: () => handle },
  } as unknown as Client;
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
