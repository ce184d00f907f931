import { trace } from '@opentelemetry/api';
import type { WorkflowInfo } from '@temporalio/workflow';
import { currentTracing, startTracing, tracingWorkflowSinks } from '../../../src/tracing';

describe('the tracing of a process', () => {
  it('is off until started, and its workflow sink then drops what workflows send', () => {
    expect(currentTracing().spanProcessor).toBeUndefined();
    expect(() => tracingWorkflowSinks().exporter.export.fn({} as WorkflowInfo, [])).not.toThrow();
  });

  it('starts once: a second start (the API beside the worker in one process) returns the first', async () => {
    const first = await startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' }, 'bulkflow');
    expect(first.spanProcessor).toBeDefined();
    expect(await startTracing({}, 'bulkflow-api')).toBe(first);
    expect(currentTracing()).toBe(first);
    // Registered globally: the interceptors' and the HTTP client's tracers record.
    expect(trace.getTracer('t').startSpan('probe').isRecording()).toBe(true);
    await first.flush();
  });
});
