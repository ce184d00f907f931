/**
 * Activities of the per-tenant semaphore: ask for a permit (update-with-start, answered at once; or signal-with-start,
 * granted by signal), and find closed holders.
 */
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import type { RawWorkflowExecutionInfo } from '@temporalio/client/lib/types';
import {
  SEMAPHORE_WORKFLOW_TYPE,
  acquirePermitSignal,
  requestPermitUpdate,
  semaphoreWorkflowId,
} from '../workflows/semaphore-definitions';
import type { PermitAnswer, PermitRequest } from '../workflows/semaphore-definitions';

export interface SemaphoreDeps {
  /** A Temporal client of the worker's own cluster (created lazily by the worker). */
  readonly temporalClient: () => Promise<Client>;
  /** The task queue a semaphore is started on (`semaphoreTaskQueue` of the jobs' queue, as deployed). */
  readonly taskQueue: string;
}

export interface RequestPermitInput {
  readonly key: string;
  readonly permits: number;
  readonly request: PermitRequest;
  /** Ask by update and return the semaphore's answer; else (jobs from before the update) ask by signal. */
  readonly byUpdate?: boolean;
  /** By update: fail when no answer came within this many ms (the caller then asks again another way). */
  readonly answerWithinMs?: number;
}

/** What was requested, returned so a history keeps it even where the input is not recorded (local activities). */
export interface PermitRequested {
  readonly key: string;
  readonly token: string;
  /** The semaphore's answer to a request by update; absent when asked by signal (the grant then comes by signal). */
  readonly answer?: PermitAnswer;
}

/** Asks for a permit, starting the tenant's semaphore workflow if it is not running. */
export async function requestPermit(deps: SemaphoreDeps, input: RequestPermitInput): Promise<PermitRequested> {
  const client = await deps.temporalClient();
  const answer = input.byUpdate ? await askByUpdate(client, deps.taskQueue, input) : undefined;
  if (!input.byUpdate) await askBySignal(client, deps.taskQueue, input);
  return { key: input.key, token: input.request.token, ...(answer ? { answer } : {}) };
}

function semaphoreStart(taskQueue: string, input: RequestPermitInput) {
  return { workflowId: semaphoreWorkflowId(input.key), taskQueue, args: [{ key: input.key, permits: input.permits }] };
}

async function askBySignal(client: Client, taskQueue: string, input: RequestPermitInput): Promise<void> {
  await client.workflow.signalWithStart(SEMAPHORE_WORKFLOW_TYPE, {
    ...semaphoreStart(taskQueue, input),
    signal: acquirePermitSignal,
    signalArgs: [input.request],
  });
}

/**
 * The semaphore's answer to an update-with-start; a retried attempt asks again and the semaphore answers from the
 * token (held or queued), adding nothing. A semaphore started before updates refuses it (no handler): the request
 * then goes by signal, and no answer is returned.
 */
async function askByUpdate(
  client: Client,
  taskQueue: string,
  input: RequestPermitInput,
): Promise<PermitAnswer | undefined> {
  const ask = () =>
    client.workflow.executeUpdateWithStart(requestPermitUpdate, {
      args: [input.request],
      startWorkflowOperation: new WithStartWorkflowOperation(SEMAPHORE_WORKFLOW_TYPE, {
        ...semaphoreStart(taskQueue, input),
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
  try {
    return input.answerWithinMs === undefined
      ? await ask()
      : await client.withDeadline(Date.now() + input.answerWithinMs, ask);
  } catch (err) {
    if (!(err instanceof WorkflowUpdateFailedError)) throw err;
    await askBySignal(client, taskQueue, input);
    return undefined;
  }
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
