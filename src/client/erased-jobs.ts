/**
 * Ending the jobs of a tenant whose data key was erased. Such a job cannot run on: a worker that must replay it
 * cannot read its history, and one that still holds it in memory would write the tenant's data again under the
 * tenant's next key. So it is terminated (a request to Temporal that carries no payload and needs no worker), and
 * the per-tenant semaphore is told at once, because a terminated job never releases its permits itself.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { tenantTagOf } from '../job-id';
import { getOperation, isOperationId } from '../providers/registry';
import { WORKFLOW_TYPE } from '../workflows/definitions';
import { permitKeyOf, requesterGoneSignal, semaphoreWorkflowId } from '../workflows/semaphore-definitions';
import { bareJobInfo } from './bare-execution';
import type { JobInfo } from './job-view';

/** Running bulk jobs, read a page at a time. */
const RUNNING_JOBS = `WorkflowType = '${WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`;
const PAGE_SIZE = 500;

/** Recorded in the job's history as why it ended (plain text: it names the requester, never job data). */
function erasedJobReason(requestedBy: string): string {
  return `cancelled by ${requestedBy}: the tenant's data key was erased`;
}

/** True when jobs of `operation` take permits from their tenant's semaphore. */
function takesPermits(operation: string | undefined): operation is string {
  return (
    operation !== undefined && isOperationId(operation) && getOperation(operation).limits.tenantPermits !== undefined
  );
}

/** Drops every permit `job` holds or waits for at its tenant's semaphore, if the operation has one. */
async function releasePermits(client: Client, taskQueue: string, job: JobInfo): Promise<void> {
  const { operation, tenant } = job;
  if (tenant === undefined || !takesPermits(operation)) return;
  const semaphore = client.workflow.getHandle(semaphoreWorkflowId(permitKeyOf(taskQueue, operation, tenant)));
  await semaphore.signal(requesterGoneSignal, { requester: job.jobId }).catch((err: unknown) => {
    // No semaphore running: nothing is held.
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  });
}

/** Terminates a running job whose tenant key was erased, and frees its permits. */
export async function endErasedJob(
  client: Client,
  taskQueue: string,
  job: JobInfo,
  requestedBy: string,
): Promise<void> {
  await client.workflow.getHandle(job.jobId).terminate(erasedJobReason(requestedBy));
  await releasePermits(client, taskQueue, job);
}

/** `endErasedJob`, false when the job closed meanwhile. */
async function endIfRunning(client: Client, taskQueue: string, job: JobInfo, requestedBy: string): Promise<boolean> {
  try {
    await endErasedJob(client, taskQueue, job, requestedBy);
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

/**
 * Ends every running job of the tenant tagged `tag` whose data key is erased; jobs started under the tenant's next
 * key run on. Returns the ids of the jobs ended.
 */
export async function endErasedJobs(
  client: Client,
  taskQueue: string,
  tag: string,
  requestedBy: string,
): Promise<string[]> {
  const ended: string[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.listWorkflowExecutions({
      namespace: client.options.namespace,
      query: RUNNING_JOBS,
      pageSize: PAGE_SIZE,
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    for (const raw of page.executions) {
      if (tenantTagOf(raw.execution?.workflowId ?? '') !== tag) continue;
      const job = await bareJobInfo(client, raw);
      if (!job.dataErased) continue;
      if (await endIfRunning(client, taskQueue, job, requestedBy)) ended.push(job.jobId);
    }
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return ended;
}
