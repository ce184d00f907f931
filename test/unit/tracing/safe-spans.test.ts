import { SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import type { SerializableSpan } from '@temporalio/interceptors-opentelemetry';
import type { WorkflowInfo } from '@temporalio/workflow';
import { SafeSpanProcessor } from '../../../src/tracing/safe-spans';

const USER = 'alice.marker@example.test';

function recording(wrap: (processor: SpanProcessor) => SpanProcessor) {
  const exporter = new InMemorySpanExporter();
  const processor = wrap(new SimpleSpanProcessor(exporter));
  return { exporter, processor, tracer: new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('t') };
}

/** What an exporter sends of a span, as text. */
function sent(span: ReadableSpan | undefined): string {
  return JSON.stringify([span?.name, span?.attributes, span?.status, span?.events, span?.links]);
}

/** A span as the Temporal activity interceptor ends a failed attempt: the error's message and stack recorded. */
function failedAttempt(tracer: ReturnType<typeof recording>['tracer']): void {
  const span = tracer.startSpan('RunActivity:startProviderJob', {
    attributes: { temporalWorkflowId: 't1.job', run_id: 'run-1', 'user.email': USER },
  });
  const error = new Error(`User ${USER} is not in this organization`);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  span.recordException(error);
  span.end();
}

/** A workflow span as the workflow interceptor sends it through the `exporter` sink. */
const workflowSpan: SerializableSpan = {
  name: 'RunWorkflow:bulkJobWorkflow',
  kind: SpanKind.INTERNAL,
  spanContext: {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    traceFlags: TraceFlags.SAMPLED,
  },
  startTime: [1, 0],
  endTime: [2, 0],
  status: { code: SpanStatusCode.ERROR, message: `bad property ${USER}` },
  attributes: {},
  links: [],
  events: [],
  duration: [1, 0],
  ended: true,
  droppedAttributesCount: 0,
  droppedLinksCount: 0,
  droppedEventsCount: 0,
  instrumentationLibrary: { name: '@temporalio/interceptor-workflow' },
};

/** The workflow info a worker hands the sink: memo and search attributes (BulkRequestedBy) included. */
const info = {
  workflowId: 't1.job',
  runId: 'run-1',
  workflowType: 'bulkJobWorkflow',
  namespace: 'default',
  taskQueue: 'bulkflow',
  attempt: 1,
  memo: { requestDigest: USER },
  searchAttributes: { BulkRequestedBy: [USER] },
} as unknown as WorkflowInfo;

describe('SafeSpanProcessor', () => {
  it("keeps a failed attempt's ids, status code and exception type, never the message, stack or other attributes", () => {
    const { exporter, tracer } = recording((next) => new SafeSpanProcessor(next));
    failedAttempt(tracer);
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes).toEqual({ temporalWorkflowId: 't1.job', run_id: 'run-1' });
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(span?.events.map((e) => [e.name, e.attributes])).toEqual([['exception', { 'exception.type': 'Error' }]]);
    expect(sent(span)).not.toContain(USER);
  });

  it('shows what it removes: without it, the attempt span carries the user data', () => {
    const { exporter, tracer } = recording((next) => next);
    failedAttempt(tracer);
    expect(sent(exporter.getFinishedSpans()[0])).toContain(USER);
  });

  it("keeps of the workflow sink's info only the execution's ids, type, namespace, task queue and attempt", () => {
    const { exporter, processor } = recording((next) => new SafeSpanProcessor(next));
    void makeWorkflowExporter(processor, Resource.empty()).export.fn(info, [structuredClone(workflowSpan)]);
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes).toEqual({
      workflowId: 't1.job',
      runId: 'run-1',
      workflowType: 'bulkJobWorkflow',
      namespace: 'default',
      taskQueue: 'bulkflow',
      attempt: 1,
    });
    expect(span?.spanContext().traceId).toBe(workflowSpan.spanContext.traceId);
    expect(sent(span)).not.toContain(USER);
  });

  it("shows what it removes: the SDK's sink alone copies memo and search attributes into the span", () => {
    const { exporter, processor } = recording((next) => next);
    void makeWorkflowExporter(processor, Resource.empty()).export.fn(info, [structuredClone(workflowSpan)]);
    expect(sent(exporter.getFinishedSpans()[0])).toContain(USER);
  });
});
