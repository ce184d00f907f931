/**
 * Temporal's OpenTelemetry interceptors as bulkflow wires them: the client's (a span per start, signal or query, its
 * context passed to the workflow in headers), the activities' (a span per attempt, the trace id on every log line)
 * and the workflows' (a module bundled with the workflows; its spans leave the sandbox through the `exporter` sink).
 * They are always in place; with tracing off their spans are no-ops and the sink drops what workflows send.
 */
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import type { OpenTelemetryWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { currentTracing } from './tracing';

/**
 * The workflow interceptor modules every workflow bundle includes: pass them as `workflowInterceptorModules` to
 * `bundleWorkflowCode` (a prebuilt bundle made without them sends no workflow spans) or as the worker's
 * `interceptors.workflowModules` when it bundles at start.
 */
export const TRACING_WORKFLOW_MODULES: readonly string[] = [
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
];

/** Client interceptors: a span around each call to Temporal, its context handed to the workflow. */
export function tracingClientInterceptors(): { workflow: WorkflowClientInterceptor[] } {
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}

/** A span around each activity attempt, child of the workflow's; log lines inside it carry `trace_id`. */
export const tracingActivityInterceptors: ActivityInterceptorsFactory = (ctx) => ({
  inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
  outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
});

/**
 * The `exporter` sink the workflow interceptors call with their ended spans: handed to this process's span processor
 * (which keeps only safe attributes, src/tracing/safe-spans.ts), dropped while tracing is off. Registered on every
 * worker, since every bundle calls it.
 */
export function tracingWorkflowSinks(): InjectedSinks<{ exporter: OpenTelemetryWorkflowExporter }> {
  return {
    exporter: {
      export: {
        fn: (info, spans) => {
          const { spanProcessor, resource } = currentTracing();
          if (spanProcessor && resource) void makeWorkflowExporter(spanProcessor, resource).export.fn(info, spans);
        },
      },
    },
  };
}
