/**
 * Whether any worker serves a running job. A job nobody picks up would otherwise show `planning · 0/0 items` forever,
 * and a query to it would hang until its deadline and read like an unreachable Temporal. Temporal tells both halves:
 * the pollers of the job's task queue (DescribeTaskQueue) and the job's tasks that no worker has started
 * (DescribeWorkflowExecution).
 */
import type { Client, WorkflowExecutionDescription } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';

/** A poller seen this recently is a live worker: an idle one polls again about every minute. */
export const LIVE_POLLER_MS = 2 * 60_000;
/** `TASK_QUEUE_TYPE_WORKFLOW`, `PENDING_WORKFLOW_TASK_STATE_SCHEDULED`, `PENDING_ACTIVITY_STATE_SCHEDULED` (Temporal's enums). */
const WORKFLOW_QUEUE = 1;
const TASK_SCHEDULED = 1;
/** Histories this short have not run a workflow task yet. */
const UNSTARTED_HISTORY_LENGTH = 2;

/** Why a running job does not move: no worker polls its task queue. */
export interface NoWorker {
  readonly taskQueue: string;
  /** How long the job's oldest task has waited for a worker, in seconds; absent when none waits yet. */
  readonly waitingSeconds?: number;
  readonly message: string;
}

/** Workers polling `taskQueue` for workflow tasks, seen within `LIVE_POLLER_MS` of `now`. */
export async function livePollers(client: Client, taskQueue: string, now: number): Promise<number> {
  const { pollers } = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: WORKFLOW_QUEUE,
  });
  return pollers.filter((poller) => (optionalTsToMs(poller.lastAccessTime) ?? 0) >= now - LIVE_POLLER_MS).length;
}

/** When the job's oldest task that no worker has started was scheduled (epoch ms); undefined when none waits. */
export function oldestWaitingTask(description: WorkflowExecutionDescription): number | undefined {
  const { pendingWorkflowTask, pendingActivities } = description.raw;
  const times: (number | undefined)[] = [];
  if (pendingWorkflowTask && Number(pendingWorkflowTask.state) === TASK_SCHEDULED) {
    const task = pendingWorkflowTask;
    times.push(optionalTsToMs(task.originalScheduledTime) ?? optionalTsToMs(task.scheduledTime));
  } else if (!pendingWorkflowTask && description.historyLength <= UNSTARTED_HISTORY_LENGTH) {
    times.push(description.startTime.getTime());
  }
  for (const activity of pendingActivities ?? []) {
    if (Number(activity.state) === TASK_SCHEDULED) times.push(optionalTsToMs(activity.scheduledTime));
  }
  const known = times.filter((t): t is number => t !== undefined);
  return known.length ? Math.min(...known) : undefined;
}

/** What to tell about a job on `taskQueue` that no worker polls, its oldest task waiting since `since`. */
export function noWorkerNote(taskQueue: string, since: number | undefined, now: number): NoWorker {
  if (since === undefined) {
    return { taskQueue, message: `no worker polls the task queue ${taskQueue}; the job waits until one runs` };
  }
  const waitingSeconds = Math.max(0, Math.round((now - since) / 1000));
  return {
    taskQueue,
    waitingSeconds,
    message: `no worker has picked this job up for ${waitingSeconds} s; the task queue ${taskQueue} has no pollers`,
  };
}

/** Why the running job of `description` does not move, when no worker polls its task queue; else undefined. */
export async function noWorkerFor(
  client: Client,
  description: WorkflowExecutionDescription,
  now = Date.now(),
): Promise<NoWorker | undefined> {
  if (description.status.name !== 'RUNNING') return undefined;
  if ((await livePollers(client, description.taskQueue, now)) > 0) return undefined;
  return noWorkerNote(description.taskQueue, oldestWaitingTask(description), now);
}
