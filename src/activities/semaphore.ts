/** Activities of the per-tenant semaphore: enqueue a permit request (signal-with-start), and find closed holders. */
import type { Client } from '@temporalio/client';
import { hasErrorName } from '../domain/errors';
import { SEMAPHORE_WORKFLOW_TYPE, acquirePermitSignal, semaphoreWorkflowId } from '../workflows/semaphore-definitions';
import type { PermitRequest } from '../workflows/semaphore-definitions';

export interface SemaphoreDeps {
  /** A Temporal client of the worker's own cluster (created lazily by the worker). */
  readonly temporalClient: () => Promise<Client>;
  readonly taskQueue: string;
}

export interface RequestPermitInput {
  readonly key: string;
  readonly permits: number;
  readonly request: PermitRequest;
}

/** What was requested, returned so a history keeps it even where the input is not recorded (local activities). */
export interface PermitRequested {
  readonly key: string;
  readonly token: string;
}

/** Enqueues a permit request, starting the tenant's semaphore workflow if it is not running. */
export async function requestPermit(deps: SemaphoreDeps, input: RequestPermitInput): Promise<PermitRequested> {
  const client = await deps.temporalClient();
  await client.workflow.signalWithStart(SEMAPHORE_WORKFLOW_TYPE, {
    workflowId: semaphoreWorkflowId(input.key),
    taskQueue: deps.taskQueue,
    args: [{ key: input.key, permits: input.permits }],
    signal: acquirePermitSignal,
    signalArgs: [input.request],
  });
  return { key: input.key, token: input.request.token };
}

/** The workflow ids (of `ids`) whose latest run is no longer running. */
export async function findClosedWorkflows(deps: SemaphoreDeps, ids: readonly string[]): Promise<string[]> {
  const client = await deps.temporalClient();
  const closed: string[] = [];
  for (const id of new Set(ids)) {
    try {
      const description = await client.workflow.getHandle(id).describe();
      if (description.status.name !== 'RUNNING') closed.push(id);
    } catch (err) {
      if (hasErrorName(err, 'WorkflowNotFoundError')) closed.push(id);
      else throw err;
    }
  }
  return closed;
}
