/** Activities of the per-tenant semaphore: enqueue a permit request (signal-with-start), and find closed holders. */
import type { Client } from '@temporalio/client';
import type { RawWorkflowExecutionInfo } from '@temporalio/client/lib/types';
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

type ExecutionStatus = NonNullable<RawWorkflowExecutionInfo['status']>;
/** `WORKFLOW_EXECUTION_STATUS_RUNNING` of Temporal's API (its proto enums are not a dependency of ours). */
const RUNNING = 1 as ExecutionStatus;
/** gRPC NOT_FOUND: no workflow with this id. */
const NOT_FOUND = 5;

/**
 * The workflow ids (of `ids`) whose latest run is no longer running. Read without decoding anything: a holder whose
 * tenant key was erased has a memo nobody can open, and must still be found closed.
 */
export async function findClosedWorkflows(deps: SemaphoreDeps, ids: readonly string[]): Promise<string[]> {
  const client = await deps.temporalClient();
  const closed: string[] = [];
  for (const id of new Set(ids)) {
    try {
      const { workflowExecutionInfo } = await client.workflowService.describeWorkflowExecution({
        namespace: client.options.namespace,
        execution: { workflowId: id },
      });
      if (workflowExecutionInfo?.status !== RUNNING) closed.push(id);
    } catch (err) {
      if ((err as { code?: unknown }).code === NOT_FOUND) closed.push(id);
      else throw err;
    }
  }
  return closed;
}
