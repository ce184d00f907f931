/**
 * Where a workflow's wall time goes, read from its history: each gap between consecutive events is charged to
 * what the workflow was waiting for, named by the event that ended the gap (a workflow task picked up from the
 * queue, an activity finishing, a signal arriving…). On a sequential path — a job's start, one batch after
 * another — the charges add up to the wall time and show which step dominates. Pure: no I/O.
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
