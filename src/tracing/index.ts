/** Tracing: the process's OTLP export, the safe-span filter and Temporal's interceptors as bulkflow wires them. */
export { currentTracing, startTracing, tracingConfigFrom } from './tracing';
export type { Tracing, TracingConfig } from './tracing';
export {
  TRACING_WORKFLOW_MODULES,
  tracingActivityInterceptors,
  tracingClientInterceptors,
  tracingWorkflowSinks,
} from './temporal-interceptors';
export { SPAN_ATTRIBUTES, SafeSpanProcessor, safeSpan } from './safe-spans';
