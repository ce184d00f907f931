/**
 * Reads one run's workflow history into plain facts: which activity ran with what input and result, which signals
 * arrived from whom, how the run ended. Payloads are decoded with Temporal's default converter (after the codecs,
 * src/audit/decode-history.ts); failures keep only their type and message (never stack traces). Pure: no I/O.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import type { History, Payload } from '@temporalio/common/lib/proto-utils';
import { LOCAL_ACTIVITY_MARKER, readMarkerData } from './local-activity-marker';
import { isoOf, num } from './proto-scalars';
import type { AuditError, AuditUnreadableIssue } from './timeline';

type HistoryEvent = NonNullable<History['events']>[number];
type Failure = NonNullable<NonNullable<HistoryEvent['activityTaskFailedEventAttributes']>['failure']>;

interface FactBase {
  readonly at: string;
  readonly eventId: number;
}

export type HistoryFact =
  | (FactBase & {
      readonly kind: 'started';
      readonly runId: string;
      readonly previousRunId?: string;
      readonly input: unknown;
      readonly memo: Readonly<Record<string, unknown>>;
      readonly identity: string;
    })
  | (FactBase & { readonly kind: 'activityScheduled'; readonly activity: string; readonly input: unknown })
  | (FactBase & {
      readonly kind: 'activityStarted';
      readonly scheduledId: number;
      readonly attempt: number;
      readonly lastFailure?: AuditError;
    })
  | (FactBase & { readonly kind: 'activityCompleted'; readonly scheduledId: number; readonly result: unknown })
  | (FactBase & { readonly kind: 'activityFailed'; readonly scheduledId: number; readonly error: AuditError })
  | (FactBase &
      (
        | {
            readonly kind: 'localActivity';
            readonly activity: string;
            readonly attempt: number;
            readonly result: unknown;
          }
        | {
            readonly kind: 'localActivity';
            readonly activity: string;
            readonly attempt: number;
            readonly error: AuditError;
          }
      ))
  | (FactBase & { readonly kind: 'activityCancelRequested'; readonly scheduledId: number })
  | (FactBase & { readonly kind: 'activityCanceled'; readonly scheduledId: number })
  | (FactBase & {
      readonly kind: 'signaled';
      readonly name: string;
      readonly input: unknown;
      readonly identity: string;
    })
  | (FactBase & { readonly kind: 'cancelRequested'; readonly identity: string; readonly cause: string })
  | (FactBase & { readonly kind: 'completed'; readonly result: unknown })
  | (FactBase & { readonly kind: 'failed'; readonly error: AuditError })
  | (FactBase & { readonly kind: 'cancelled' })
  | (FactBase & { readonly kind: 'continuedAsNew'; readonly nextRunId: string })
  | (FactBase & { readonly kind: 'terminated'; readonly reason: string; readonly identity: string })
  | (FactBase & { readonly kind: 'timedOut' })
  /** An event the audit reads whose own fields (not an activity's values) could not be read. */
  | (FactBase & {
      readonly kind: 'unreadable';
      readonly event: string;
      readonly issues: readonly AuditUnreadableIssue[];
    });

function decode(payload: Payload | null | undefined): unknown {
  return payload ? defaultPayloadConverter.fromPayload(payload) : undefined;
}

function first(payloads: { payloads?: Payload[] | null } | null | undefined): unknown {
  return decode(payloads?.payloads?.[0]);
}

/**
 * A failure's message. bulkflow encodes messages (src/data-converter/failure-converter.ts): the failure then says
 * "Encoded failure" and the message is in `encodedAttributes`, which reads once the history was decoded.
 */
function messageOf(failure: Failure): string | undefined {
  const encoded = failure.encodedAttributes;
  if (encoded) {
    try {
      const attributes = defaultPayloadConverter.fromPayload<{ message?: unknown }>(encoded);
      if (typeof attributes?.message === 'string') return attributes.message;
    } catch {
      // Still encrypted (read without the codecs): the failure's own message is all there is.
    }
  }
  return failure.message ?? undefined;
}

/** A failure's type (the application error name, or the kind of failure) and message; causes are followed once. */
export function errorOf(failure: Failure | null | undefined): AuditError {
  if (!failure) return { type: 'Unknown', message: '' };
  const inner = failure.cause && !failure.applicationFailureInfo ? failure.cause : failure;
  const type =
    inner.applicationFailureInfo?.type ||
    (inner.timeoutFailureInfo ? 'Timeout' : inner.canceledFailureInfo ? 'Cancelled' : 'Failure');
  return { type, message: messageOf(inner) ?? messageOf(failure) ?? '' };
}

function memoOf(fields: Record<string, Payload> | null | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([key, payload]) => [key, decode(payload)]));
}

/** The fact an event states, or undefined for events audit does not read (workflow tasks, timers…). */
function factOf(a: HistoryEvent): HistoryFact | undefined {
  const base = { at: isoOf(a.eventTime), eventId: num(a.eventId) };
  if (a.workflowExecutionStartedEventAttributes) {
    const s = a.workflowExecutionStartedEventAttributes;
    return {
      ...base,
      kind: 'started',
      runId: s.originalExecutionRunId ?? '',
      ...(s.continuedExecutionRunId ? { previousRunId: s.continuedExecutionRunId } : {}),
      input: first(s.input),
      memo: memoOf(s.memo?.fields),
      identity: s.identity ?? '',
    };
  }
  if (a.activityTaskScheduledEventAttributes) {
    const s = a.activityTaskScheduledEventAttributes;
    return { ...base, kind: 'activityScheduled', activity: s.activityType?.name ?? '', input: first(s.input) };
  }
  if (a.activityTaskStartedEventAttributes) {
    const s = a.activityTaskStartedEventAttributes;
    return {
      ...base,
      kind: 'activityStarted',
      scheduledId: num(s.scheduledEventId),
      attempt: s.attempt ?? 1,
      ...(s.lastFailure ? { lastFailure: errorOf(s.lastFailure) } : {}),
    };
  }
  if (a.activityTaskCompletedEventAttributes) {
    const s = a.activityTaskCompletedEventAttributes;
    return { ...base, kind: 'activityCompleted', scheduledId: num(s.scheduledEventId), result: first(s.result) };
  }
  if (a.activityTaskFailedEventAttributes) {
    const s = a.activityTaskFailedEventAttributes;
    return { ...base, kind: 'activityFailed', scheduledId: num(s.scheduledEventId), error: errorOf(s.failure) };
  }
  if (a.activityTaskTimedOutEventAttributes) {
    const s = a.activityTaskTimedOutEventAttributes;
    return { ...base, kind: 'activityFailed', scheduledId: num(s.scheduledEventId), error: errorOf(s.failure) };
  }
  if (a.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER) {
    return localActivityFact(a.markerRecordedEventAttributes, base);
  }
  if (a.activityTaskCancelRequestedEventAttributes) {
    const s = a.activityTaskCancelRequestedEventAttributes;
    return { ...base, kind: 'activityCancelRequested', scheduledId: num(s.scheduledEventId) };
  }
  if (a.activityTaskCanceledEventAttributes) {
    const s = a.activityTaskCanceledEventAttributes;
    return { ...base, kind: 'activityCanceled', scheduledId: num(s.scheduledEventId) };
  }
  return closingFactOf(a, base);
}

type MarkerAttributes = NonNullable<HistoryEvent['markerRecordedEventAttributes']>;

function localActivityFact(m: MarkerAttributes, base: FactBase): HistoryFact {
  const read = readMarkerData(first(m.details?.['data']), base.at);
  if (!read.ok) return { ...base, kind: 'unreadable', event: 'local activity marker', issues: read.issues };
  const common = { ...base, kind: 'localActivity' as const, ...read.value };
  return m.failure ? { ...common, error: errorOf(m.failure) } : { ...common, result: first(m.details?.['result']) };
}

function closingFactOf(a: HistoryEvent, base: FactBase): HistoryFact | undefined {
  if (a.workflowExecutionSignaledEventAttributes) {
    const s = a.workflowExecutionSignaledEventAttributes;
    return { ...base, kind: 'signaled', name: s.signalName ?? '', input: first(s.input), identity: s.identity ?? '' };
  }
  if (a.workflowExecutionCancelRequestedEventAttributes) {
    const s = a.workflowExecutionCancelRequestedEventAttributes;
    return { ...base, kind: 'cancelRequested', identity: s.identity ?? '', cause: s.cause ?? '' };
  }
  if (a.workflowExecutionCompletedEventAttributes) {
    return { ...base, kind: 'completed', result: first(a.workflowExecutionCompletedEventAttributes.result) };
  }
  if (a.workflowExecutionFailedEventAttributes) {
    return { ...base, kind: 'failed', error: errorOf(a.workflowExecutionFailedEventAttributes.failure) };
  }
  if (a.workflowExecutionCanceledEventAttributes) return { ...base, kind: 'cancelled' };
  if (a.workflowExecutionContinuedAsNewEventAttributes) {
    const s = a.workflowExecutionContinuedAsNewEventAttributes;
    return { ...base, kind: 'continuedAsNew', nextRunId: s.newExecutionRunId ?? '' };
  }
  if (a.workflowExecutionTerminatedEventAttributes) {
    const s = a.workflowExecutionTerminatedEventAttributes;
    return { ...base, kind: 'terminated', reason: s.reason ?? '', identity: s.identity ?? '' };
  }
  if (a.workflowExecutionTimedOutEventAttributes) return { ...base, kind: 'timedOut' };
  return undefined;
}

/** The facts of one run's history, in event order. */
export function historyFacts(history: History): HistoryFact[] {
  return (history.events ?? []).flatMap((event) => factOf(event) ?? []);
}
