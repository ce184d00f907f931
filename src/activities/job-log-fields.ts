/**
 * The job an activity attempt works for, on every log line it writes and on its span: operation, provider,
 * connection name, provider job id and batch index, read from the activity's input. Temporal's activity logger (which
 * src/worker.ts routes to pino) already adds the workflow id, run id (`workflowRunId`) and attempt, and the
 * OpenTelemetry interceptor the trace id; this interceptor adds the rest, so the SDK's own lines about the attempt
 * (such as "Activity failed") carry them too. Only these named fields are read: the rest of an input may be user data.
 */
import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { OPERATION_IDS, providerOf } from '../domain/job';
import type { OperationId } from '../domain/job';

/** The fields of a job log line; absent when the input does not name them. */
export interface JobLogFields {
  readonly operation?: OperationId;
  readonly provider?: string;
  readonly connection?: string;
  readonly providerJobId?: string;
  readonly batch?: number;
}

function field(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  return typeof value === 'string' ? value : undefined;
}

function isOperationId(value: string | undefined): value is OperationId {
  return (OPERATION_IDS as readonly string[]).includes(value ?? '');
}

/** The job fields of an activity's first argument (plain JSON after decoding); none for anything else. */
export function jobLogFieldsOf(input: unknown): JobLogFields {
  if (typeof input !== 'object' || input === null) return {};
  const record = input as Record<string, unknown>;
  const operation = field(record, 'operation');
  const connection = field(record, 'connection');
  const providerJobId = field(record, 'providerJobId');
  const batch = (record['batch'] as { index?: unknown } | undefined)?.index;
  return {
    ...(isOperationId(operation) ? { operation, provider: providerOf(operation) } : {}),
    ...(connection === undefined ? {} : { connection }),
    ...(providerJobId === undefined ? {} : { providerJobId }),
    ...(typeof batch === 'number' ? { batch } : {}),
  };
}

/** The same fields as span attributes (`bulkflow.*`, listed in src/tracing/safe-spans.ts). */
function spanAttributesOf(fields: JobLogFields): Record<string, string | number> {
  const entries: Array<[string, string | number | undefined]> = [
    ['bulkflow.operation', fields.operation],
    ['bulkflow.provider', fields.provider],
    ['bulkflow.connection', fields.connection],
    ['bulkflow.provider_job_id', fields.providerJobId],
    ['bulkflow.batch', fields.batch],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string | number] => entry[1] !== undefined));
}

/** The trace id of the active span, as the OpenTelemetry interceptor names it on log lines; none without one. */
function traceIdField(): { trace_id?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { trace_id: span.traceId } : {};
}

/**
 * Adds the job fields of the attempt's input to its log lines and to its span, and the attempt's trace id to the lines
 * the SDK writes after the span ended ("Activity failed"). Register it after the OpenTelemetry activity interceptor,
 * so that its span is the active one here.
 */
export const jobLogFieldsInterceptors: ActivityInterceptorsFactory = () => {
  let fields: JobLogFields & { trace_id?: string } = {};
  return {
    inbound: {
      execute(input, next) {
        const job = jobLogFieldsOf(input.args[0]);
        trace.getActiveSpan()?.setAttributes(spanAttributesOf(job));
        fields = { ...job, ...traceIdField() };
        return next(input);
      },
    },
    outbound: {
      getLogAttributes(input, next) {
        return next({ ...fields, ...input });
      },
    },
  };
};
