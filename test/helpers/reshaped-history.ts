/**
 * Hand-reshaped copies of recorded histories: one payload rewritten as an older (or newer) version of the code might
 * have written it, for tests of how the audit reads what it does not expect.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import type { History, Payload } from '@temporalio/common/lib/proto-utils';
import { num } from '../../src/audit/proto-scalars';

export type HistoryEvent = NonNullable<History['events']>[number];
type Payloads = { payloads?: Payload[] | null } | null | undefined;

export function decoded(payloads: Payloads): unknown {
  const [payload] = payloads?.payloads ?? [];
  return payload ? defaultPayloadConverter.fromPayload(payload) : undefined;
}

export function encoded(value: unknown): { payloads: Payload[] } {
  return { payloads: [defaultPayloadConverter.toPayload(value)] };
}

type Recorded = Record<string, unknown>;

/** A JSON object (a recorded value), to be reshaped by spreading and deleting. */
export function objectOf(value: unknown): Recorded {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a recorded object');
  return { ...value };
}

/** The id of the `nth` (0-based) event matching `match`. Thrown when there is none. */
export function eventIdOf(history: History, match: (event: HistoryEvent) => boolean, nth = 0): number {
  const event = (history.events ?? []).filter(match)[nth];
  if (!event) throw new Error('fixture changed: no such event');
  return num(event.eventId);
}

/** The id of the event scheduling the `nth` activity task of type `activity`. */
export function scheduledIdOf(history: History, activity: string, nth = 0): number {
  return eventIdOf(history, (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activity, nth);
}

/** The id of the event completing the activity task scheduled as `scheduledId`. */
export function completedIdOf(history: History, scheduledId: number): number {
  return eventIdOf(history, (e) => num(e.activityTaskCompletedEventAttributes?.scheduledEventId) === scheduledId);
}

/** The id of the marker of the `nth` local activity (any type). */
export function markerIdOf(history: History, nth = 0): number {
  return eventIdOf(history, (e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity', nth);
}

/** `history` with event `eventId` replaced by `edit(event)`. */
export function reshaped(history: History, eventId: number, edit: (event: HistoryEvent) => HistoryEvent): History {
  const events = (history.events ?? []).map((e) => (num(e.eventId) === eventId ? edit(e) : e));
  return { ...history, events };
}

/**
 * `history` with the value event `eventId` records replaced by `edit(value)`: an activity's input or result, a local
 * activity's result, a signal's input, the workflow's input or result. Thrown when the event records none of these.
 */
export function withPayload(history: History, eventId: number, edit: (value: Recorded) => Recorded): History {
  const edited = (payloads: Payloads) => encoded(edit(objectOf(decoded(payloads))));
  return reshaped(history, eventId, (e): HistoryEvent => {
    const started = e.workflowExecutionStartedEventAttributes;
    const scheduled = e.activityTaskScheduledEventAttributes;
    const completed = e.activityTaskCompletedEventAttributes;
    const marker = e.markerRecordedEventAttributes;
    const signaled = e.workflowExecutionSignaledEventAttributes;
    const closed = e.workflowExecutionCompletedEventAttributes;
    if (started) return { ...e, workflowExecutionStartedEventAttributes: { ...started, input: edited(started.input) } };
    if (scheduled)
      return { ...e, activityTaskScheduledEventAttributes: { ...scheduled, input: edited(scheduled.input) } };
    if (completed)
      return { ...e, activityTaskCompletedEventAttributes: { ...completed, result: edited(completed.result) } };
    if (signaled)
      return { ...e, workflowExecutionSignaledEventAttributes: { ...signaled, input: edited(signaled.input) } };
    if (closed)
      return { ...e, workflowExecutionCompletedEventAttributes: { ...closed, result: edited(closed.result) } };
    if (marker) {
      const result = edited(marker.details?.['result']);
      return { ...e, markerRecordedEventAttributes: { ...marker, details: { ...marker.details, result } } };
    }
    throw new Error(`event ${eventId} records no value this helper reshapes`);
  });
}
