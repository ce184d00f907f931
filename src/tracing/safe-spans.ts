/**
 * What leaves the process in a span: only attributes named in {@link SPAN_ATTRIBUTES} (ids, codes and states, never
 * user data), no status message, and exceptions by their type alone. The Temporal interceptors record an error's
 * message and stack, which may quote a provider's words about a user, and the workflow span sink copies the whole
 * workflow info (memo, search attributes such as `BulkRequestedBy`) into attributes; both are cut here, before any
 * exporter sees the span.
 */
import type { Attributes, Context, Link } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor, TimedEvent } from '@opentelemetry/sdk-trace-base';

/** Attributes a span may carry out of the process. */
export const SPAN_ATTRIBUTES: ReadonlySet<string> = new Set([
  // Temporal's interceptors (activity and client spans).
  'temporalWorkflowId',
  'temporalActivityId',
  'temporalUpdateId',
  'run_id',
  // The workflow info fields the workflow span sink adds (the rest of the info is dropped).
  'workflowId',
  'runId',
  'workflowType',
  'namespace',
  'taskQueue',
  'attempt',
  // Provider HTTP calls (src/http/client-span.ts).
  'http.request.method',
  'http.response.status_code',
  'server.address',
  'server.port',
  'error.type',
  // API requests (src/api/request-spans.ts): a route template such as /v1/jobs/:jobId, never a path.
  'http.route',
  // Job fields on activity spans (src/activities/job-log-fields.ts).
  'bulkflow.operation',
  'bulkflow.provider',
  'bulkflow.connection',
  'bulkflow.provider_job_id',
  'bulkflow.batch',
  // An exception event keeps its type only.
  'exception.type',
]);

/** `attributes` without any key outside {@link SPAN_ATTRIBUTES}. */
export function safeAttributes(attributes: Attributes | undefined): Attributes {
  return Object.fromEntries(Object.entries(attributes ?? {}).filter(([key]) => SPAN_ATTRIBUTES.has(key)));
}

function safeEvent(event: TimedEvent): TimedEvent {
  const { attributes, ...rest } = event;
  return { ...rest, attributes: safeAttributes(attributes) };
}

function safeLink(link: Link): Link {
  return { ...link, attributes: safeAttributes(link.attributes) };
}

/** A copy of `span` fit to leave the process (see the module comment). */
export function safeSpan(span: ReadableSpan): ReadableSpan {
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => span.spanContext(),
    ...(span.parentSpanId === undefined ? {} : { parentSpanId: span.parentSpanId }),
    startTime: span.startTime,
    endTime: span.endTime,
    status: { code: span.status.code },
    attributes: safeAttributes(span.attributes),
    links: span.links.map(safeLink),
    events: span.events.map(safeEvent),
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationLibrary: span.instrumentationLibrary,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** Hands `next` a {@link safeSpan} copy of every ended span. */
export class SafeSpanProcessor implements SpanProcessor {
  constructor(private readonly next: SpanProcessor) {}

  onStart(span: Span, parentContext: Context): void {
    this.next.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    this.next.onEnd(safeSpan(span));
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}
