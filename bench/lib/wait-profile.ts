/**
 * Where a workflow's wall time goes, read from its history: each gap between consecutive events is charged to
 * what the workflow was waiting for, named by the event that ended the gap (a workflow task picked up from the
 * queue, an activity finishing, a signal arriving…). On a sequential path — a job's start, one batch after
 * another — the charges add up to the wall time and show which step dominates. A local activity runs inside a
 * workflow task: its run time (from its marker) is taken out of that task's time and charged to it by type.
 * Pure: no I/O.
 */
import type { History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { num } from '../../src/audit/proto-scalars';

type HistoryEvent = NonNullable<History['events']>[number];
const { EventType } = temporal.api.enums.v1;

/** What a gap is charged to. Activity execution is split by activity type. */
export type WaitStep =
  | 'workflow task: queue (server → worker)'
  | 'workflow task: on the worker'
  | 'activity: queue (server → worker)'
  | `activity: ${string}`
  | `local activity: ${string}`
  | 'signal from another workflow'
  | 'timer'
  | 'server: between tasks';

export interface WaitProfile {
  /** Milliseconds per step, in order of first appearance. */
  readonly steps: ReadonlyMap<WaitStep, number>;
  readonly totalMs: number;
}

function timeOf(event: HistoryEvent): number {
  return num(event.eventTime?.seconds) * 1000 + (event.eventTime?.nanos ?? 0) / 1e6;
}

/** Steps named by the event type alone; activity outcomes are named by activity type instead. */
const STEP_BY_TYPE = new Map<number, WaitStep>([
  [EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 'workflow task: queue (server → worker)'],
  [EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, 'workflow task: on the worker'],
  [EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, 'workflow task: on the worker'],
  [EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, 'activity: queue (server → worker)'],
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, 'signal from another workflow'],
  [EventType.EVENT_TYPE_TIMER_FIRED, 'timer'],
]);

function stepOf(event: HistoryEvent, activityTypes: ReadonlyMap<number, string>): WaitStep {
  const outcome =
    event.activityTaskCompletedEventAttributes ??
    event.activityTaskFailedEventAttributes ??
    event.activityTaskTimedOutEventAttributes;
  if (outcome) return `activity: ${activityTypes.get(num(outcome.scheduledEventId)) ?? 'unknown'}`;
  return STEP_BY_TYPE.get(event.eventType ?? EventType.EVENT_TYPE_UNSPECIFIED) ?? 'server: between tasks';
}

const WORKFLOW_TASK: WaitStep = 'workflow task: on the worker';

/** What a local activity's marker says: its type, and when it completed in workflow time (epoch ms). */
function localActivityOf(event: HistoryEvent): { type: string; completedMs: number } | undefined {
  const marker = event.markerRecordedEventAttributes;
  if (marker?.markerName !== 'core_local_activity') return undefined;
  const data = marker.details?.['data']?.payloads?.[0]?.data;
  if (!data) return undefined;
  const parsed = JSON.parse(Buffer.from(data).toString('utf8')) as {
    activity_type?: string;
    complete_time?: { seconds?: number | string; nanos?: number } | null;
  };
  if (!parsed.complete_time) return undefined;
  const completedMs = num(parsed.complete_time.seconds) * 1000 + (parsed.complete_time.nanos ?? 0) / 1e6;
  return { type: parsed.activity_type ?? 'unknown', completedMs };
}

/**
 * Moves a local activity's run time from its workflow task to the activity. Core stamps a local activity's
 * completion as the workflow time it started at (the task's start, or the previous local activity's completion)
 * plus its run time, so the run time is the difference; never more than the task was charged.
 */
function chargeLocalActivity(steps: Map<WaitStep, number>, workflowTimeMs: number, event: HistoryEvent): number {
  const local = localActivityOf(event);
  if (!local) return workflowTimeMs;
  const ranMs = Math.min(Math.max(0, local.completedMs - workflowTimeMs), steps.get(WORKFLOW_TASK) ?? 0);
  steps.set(WORKFLOW_TASK, (steps.get(WORKFLOW_TASK) ?? 0) - ranMs);
  const step: WaitStep = `local activity: ${local.type}`;
  steps.set(step, (steps.get(step) ?? 0) + ranMs);
  return local.completedMs;
}

/**
 * The profile of `history` from its first event up to and including the first event for which `until` is true
 * (the whole history when none is).
 */
export function waitProfile(history: History, until: (event: HistoryEvent) => boolean = () => false): WaitProfile {
  const events = history.events ?? [];
  const activityTypes = new Map<number, string>();
  const steps = new Map<WaitStep, number>();
  let totalMs = 0;
  let previous: number | undefined;
  /** The workflow time local activities started at: the last task's start, then each one's completion. */
  let workflowTimeMs = 0;
  for (const event of events) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) activityTypes.set(num(event.eventId), scheduled.activityType?.name ?? 'unknown');
    const at = timeOf(event);
    if (previous !== undefined) {
      // Event times are the server's and ordered by event id; a signal buffered during a task may be stamped a
      // little earlier than the task's completion, so a negative gap counts as nothing.
      const gap = Math.max(0, at - previous);
      const step = stepOf(event, activityTypes);
      steps.set(step, (steps.get(step) ?? 0) + gap);
      totalMs += gap;
    }
    previous = Math.max(previous ?? at, at);
    if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) workflowTimeMs = at;
    workflowTimeMs = chargeLocalActivity(steps, workflowTimeMs, event);
    if (until(event)) break;
  }
  return { steps, totalMs };
}

/** True for the started event of the first attempt of an activity of type `name` (needs the scheduled events). */
export function activityStarted(name: string): (event: HistoryEvent) => boolean {
  const scheduledIds = new Set<number>();
  return (event) => {
    if (event.activityTaskScheduledEventAttributes?.activityType?.name === name) scheduledIds.add(num(event.eventId));
    const started = event.activityTaskStartedEventAttributes;
    return started !== null && started !== undefined && scheduledIds.has(num(started.scheduledEventId));
  };
}

/** The median of each step over several profiles, with each step's share of the summed medians. */
export function medianProfile(
  profiles: readonly WaitProfile[],
  median: (values: readonly number[]) => number,
): { step: WaitStep; ms: number; share: number }[] {
  const steps = [...new Set(profiles.flatMap((p) => [...p.steps.keys()]))];
  const medians = steps.map((step) => ({ step, ms: median(profiles.map((p) => p.steps.get(step) ?? 0)) }));
  const total = medians.reduce((sum, m) => sum + m.ms, 0);
  return medians.map((m) => ({ ...m, share: total > 0 ? m.ms / total : 0 })).sort((a, b) => b.ms - a.ms);
}
