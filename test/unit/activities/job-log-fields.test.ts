import { context, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { ActivityExecuteInput, ActivityInterceptors } from '@temporalio/worker';
import type { Context } from '@temporalio/activity';
import { jobLogFieldsInterceptors, jobLogFieldsOf } from '../../../src/activities/job-log-fields';
import { AsyncLocalContextManager } from '../../../src/tracing/context-manager';

const awaitInput = {
  operation: 'webex.moveUsers',
  connection: 'default',
  providerJobId: 'Y2lzY29zcGFyazovL3VzL0pPQi8x',
  batch: { index: 2, key: 'k', itemRefs: [{ userId: 'alice@example.test' }] },
  segmentMs: 60_000,
};

describe('job log fields', () => {
  it('are the operation, its provider, the connection, the provider job id and the batch index, nothing else', () => {
    expect(jobLogFieldsOf(awaitInput)).toEqual({
      operation: 'webex.moveUsers',
      provider: 'webex',
      connection: 'default',
      providerJobId: 'Y2lzY29zcGFyazovL3VzL0pPQi8x',
      batch: 2,
    });
  });

  it('name no operation that is not one of bulkflow, and nothing of an input that is not an object', () => {
    expect(jobLogFieldsOf({ operation: 'alice@example.test' })).toEqual({});
    expect(jobLogFieldsOf(['t1.job'])).toEqual({});
    expect(jobLogFieldsOf(undefined)).toEqual({});
  });

  it("are added to every log line of the attempt, after the SDK's own attributes", async () => {
    const interceptors = jobLogFieldsInterceptors({} as Context) as Required<ActivityInterceptors>;
    const input: ActivityExecuteInput = { args: [awaitInput], headers: {} };
    await interceptors.inbound.execute?.(input, () => Promise.resolve());
    const attributes = interceptors.outbound.getLogAttributes?.({ attempt: 3, workflowId: 't1.job' }, (a) => a);
    expect(attributes).toEqual({
      operation: 'webex.moveUsers',
      provider: 'webex',
      connection: 'default',
      providerJobId: 'Y2lzY29zcGFyazovL3VzL0pPQi8x',
      batch: 2,
      attempt: 3,
      workflowId: 't1.job',
    });
  });

  it("carry the trace id of the attempt's span, for lines written after it ended", async () => {
    new BasicTracerProvider().register({ contextManager: new AsyncLocalContextManager().enable() });
    const interceptors = jobLogFieldsInterceptors({} as Context) as Required<ActivityInterceptors>;
    const traceId = await trace.getTracer('t').startActiveSpan('RunActivity:awaitProviderJob', async (span) => {
      await interceptors.inbound.execute?.({ args: [awaitInput], headers: {} }, () => Promise.resolve());
      span.end();
      return span.spanContext().traceId;
    });
    expect(interceptors.outbound.getLogAttributes?.({}, (a) => a)).toMatchObject({ trace_id: traceId });
    trace.disable();
    context.disable();
  });
});
