/**
 * Traces and job logs of real jobs. A worker process exports its spans over OTLP/HTTP to a receiver in this test (the
 * standard `OTEL_EXPORTER_OTLP_ENDPOINT`), and so does the CLI that starts the first job: its start span, the workflow,
 * every activity attempt and every provider HTTP call share one trace. Every job carries marker values in its user
 * fields and its requester; a provider refusal quotes a marker into an activity failure, and a workflow fails in its
 * own code with a marker in its error. No marker may reach the receiver. The worker's log lines about the jobs name
 * the workflow id, run id, attempt, provider, provider job id and the trace id the receiver got.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { BulkJobResult, OperationId } from '../../src/domain/job';
import { runCli } from '../helpers/cli-process';
import { jobId, rootFailure } from '../helpers/jobs';
import { startReceiver } from '../helpers/receiver';
import type { Receiver } from '../helpers/receiver';
import { clientEnv, startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';
import { rejectionOf } from '../helpers/thrown';
import { spawnService, spawnWorker } from '../helpers/worker-process';
import type { ServiceProcess, WorkerProcess } from '../helpers/worker-process';

/** The marker of this run: every user field and the requester carry it. */
const T = `otel${randomBytes(6).toString('hex')}`;
const PHONE = `+1${Array.from({ length: 10 }, () => String(randomInt(10))).join('')}`;
const REQUESTER = `${T}.requester@example.test`;
const MARKERS = [T, PHONE.slice(1)];

interface OtlpValue {
  readonly stringValue?: string;
  readonly intValue?: number | string;
}
interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind?: number;
  readonly attributes: ReadonlyArray<{ readonly key: string; readonly value: OtlpValue }>;
}
interface OtlpRequest {
  readonly resourceSpans: ReadonlyArray<{
    readonly resource: { readonly attributes: OtlpSpan['attributes'] };
    readonly scopeSpans: ReadonlyArray<{ readonly spans: readonly OtlpSpan[] }>;
  }>;
}

/** A received span with its attributes as an object and its process's `service.name`. */
interface Received {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly kind: number | undefined;
  readonly service: string;
  readonly attributes: Readonly<Record<string, string | number | undefined>>;
}

function attributesOf(list: OtlpSpan['attributes']): Record<string, string | number | undefined> {
  return Object.fromEntries(list.map(({ key, value }) => [key, value.stringValue ?? Number(value.intValue)]));
}

/** Every span of every OTLP/HTTP JSON request the receiver got. */
function spansOf(receiver: Receiver): Received[] {
  return receiver.requests.flatMap((request) =>
    (JSON.parse(request.body) as OtlpRequest).resourceSpans.flatMap(({ resource, scopeSpans }) =>
      scopeSpans.flatMap(({ spans }) =>
        spans.map((span) => ({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId || undefined,
          name: span.name,
          kind: span.kind,
          service: String(attributesOf(resource.attributes)['service.name']),
          attributes: attributesOf(span.attributes),
        })),
      ),
    ),
  );
}

/** A process's pino lines, parsed. */
function logLines(worker: Pick<ServiceProcess, 'output'>): Array<Record<string, unknown>> {
  return worker
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const API_KEY = 'tracing-api-key-0123456789';
/** The API as a process of its own; its ready line and request lines are at info. */
const apiEnv = {
  BULKFLOW_API_HOST: '127.0.0.1',
  BULKFLOW_API_PORT: '0',
  BULKFLOW_API_KEY: API_KEY,
  BULKFLOW_LOG_LEVEL: 'info',
};
/** W3C span kinds as OTLP/JSON numbers them. */
const SPAN_KIND_SERVER = 2;

const PROVIDER_ACTIVITIES = ['startProviderJob', 'awaitProviderJob', 'collectItemResults', 'controlProviderJob'];

describe('traces and job logs', () => {
  let stack: Stack;
  let worker: WorkerProcess | undefined;
  let collector: Receiver;
  let otelEnv: Record<string, string>;

  beforeAll(async () => {
    collector = await startReceiver();
    // The base endpoint (spans go to its /v1/traces); a developer's own OTEL_* settings emptied, so they cannot win.
    otelEnv = {
      OTEL_EXPORTER_OTLP_ENDPOINT: new URL(collector.url).origin,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '',
      OTEL_SERVICE_NAME: '',
      OTEL_RESOURCE_ATTRIBUTES: '',
      OTEL_SDK_DISABLED: '',
    };
    stack = await startStack({
      name: 'tracing',
      inProcessWorker: false,
      simulators: { 'webex.moveUsers': { pollsToComplete: 1 } },
    });
    worker = await spawnWorker({ ...stack.env, ...otelEnv });
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await stack?.close();
    await collector?.close();
  });

  const start = (operation: OperationId, input: unknown): Promise<string> =>
    stack.jobs.start(
      { operation, input },
      { idempotencyKey: jobId('tracing'), requestedBy: REQUESTER, tuning: { pollIntervalMs: 20 } },
    );

  /** Starts a Webex move of two users (one the simulator fails) through the CLI, which traces too. */
  async function startWithCli(): Promise<string> {
    const input = {
      users: [
        { userId: `${T}-u0`, locationId: `loc-${T}`, phoneNumber: PHONE },
        { userId: `FAIL-${T}-u1`, locationId: `loc-${T}`, extension: '1001' },
      ],
    };
    const args = ['start', 'webex.moveUsers', '--input', '-', '--requested-by', REQUESTER, '--json'];
    const started = await runCli(args, { ...clientEnv(stack), ...otelEnv }, JSON.stringify(input));
    expect([started.code, started.stderr]).toEqual([0, '']);
    return (JSON.parse(started.stdout) as { jobId: string }).jobId;
  }

  it("continues a caller's trace through an API request into the job's start, and logs the request's trace id", async () => {
    const api = await spawnService('api', { ...stack.env, ...otelEnv, ...apiEnv }, { readyLine: 'HTTP API listening' });
    const callerTrace = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    let jobIdOfApi: string;
    try {
      const response = await fetch(new URL('/v1/jobs', String(api.started['url'])), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${API_KEY}`,
          'content-type': 'application/json',
          traceparent: `00-${callerTrace}-${callerSpan}-01`,
        },
        body: JSON.stringify({
          operation: 'webex.moveUsers',
          input: { users: [{ userId: `${T}-api`, locationId: `loc-${T}`, phoneNumber: PHONE }] },
        }),
      });
      expect(response.status).toBe(202);
      jobIdOfApi = ((await response.json()) as { jobId: string }).jobId;
      expect((await stack.jobs.result(jobIdOfApi)).state).toBe('succeeded');
    } finally {
      // SIGTERM: the API stops and flushes its spans.
      await api.stop('SIGTERM');
    }
    const spans = spansOf(collector).filter((s) => s.service === 'bulkflow-api');
    const request = spans.find((s) => s.name === 'POST /v1/jobs');
    expect(request).toMatchObject({
      traceId: callerTrace,
      parentSpanId: callerSpan,
      kind: SPAN_KIND_SERVER,
      attributes: { 'http.request.method': 'POST', 'http.route': '/v1/jobs', 'http.response.status_code': 202 },
    });
    // The Temporal client's start span is the request's child: the workflow's spans join the caller's trace.
    const start = spans.find((s) => s.name === 'StartWorkflow:bulkJobWorkflow');
    expect(start).toMatchObject({
      traceId: callerTrace,
      parentSpanId: request?.spanId,
      attributes: { temporalWorkflowId: jobIdOfApi },
    });
    // The request's log lines carry its trace, Fastify's own "request completed" among them.
    const completed = logLines(api).find((l) => l['msg'] === 'request completed' && l['trace_id'] === callerTrace);
    expect(completed).toMatchObject({ span_id: request?.spanId, res: { statusCode: 202 } });
    const received = collector.requests.map((r) => r.body).join('\n');
    expect(MARKERS.filter((marker) => received.includes(marker))).toEqual([]);
  });

  it('exports one trace per job from the CLI to each provider call, with no user data, and logs its trace id', async () => {
    const moved = await startWithCli();
    const result: BulkJobResult = await stack.jobs.result(moved);
    expect(result.state).toBe('partial');
    // A provider refusal that names a user: the activity's failure message carries the marker.
    stack.sim.faults.add('webex.moveUsers.start', {
      kind: 'status',
      status: 400,
      body: { error: [{ code: '1029', message: `User ${T}-refused is not in this organization` }] },
    });
    const refused = await start('webex.moveUsers', { users: [{ userId: `${T}-refused`, locationId: 'loc-r' }] });
    expect((await stack.jobs.result(refused)).items[0]?.message).toContain(`${T}-refused`);
    // A job that fails in workflow code, its error naming user input (a property name).
    const badName = `${T}-not-a-property-name`;
    const failing = await start('fullstory.importUsers', { users: [{ uid: `${T}-p`, properties: { [badName]: 1 } }] });
    expect(rootFailure(await rejectionOf(stack.jobs.result(failing))).message).toContain(badName);

    // SIGTERM: the worker drains, then flushes what its span processor still holds.
    expect(await worker?.stop('SIGTERM')).toBe(0);
    const spans = spansOf(collector);
    const lines = logLines(worker as WorkerProcess);
    worker = undefined;

    // The CLI's start span and the worker's spans of the first job share one trace.
    const cliStart = spans.find(
      (s) =>
        s.service === 'bulkflow-cli' &&
        s.name.startsWith('StartWorkflow:') &&
        s.attributes['temporalWorkflowId'] === moved,
    );
    expect(cliStart?.name).toBe('StartWorkflow:bulkJobWorkflow');
    const trace = spans.filter((s) => s.traceId === cliStart?.traceId);
    const names = new Set(trace.map((s) => s.name));
    for (const name of ['RunWorkflow:bulkJobWorkflow', 'RunActivity:startProviderJob', 'RunActivity:awaitProviderJob'])
      expect(names).toContain(name);
    // Each provider call is a child of an activity attempt of that trace, naming the provider and the status.
    const attempts = new Map(trace.filter((s) => s.name.startsWith('RunActivity:')).map((s) => [s.spanId, s]));
    const calls = trace.filter((s) => s.attributes['bulkflow.provider'] && s.attributes['http.request.method']);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const call of calls) {
      expect(attempts.get(call.parentSpanId ?? '')).toBeDefined();
      expect(call.attributes['bulkflow.provider']).toBe('webex');
      expect(call.attributes['http.response.status_code']).toBeLessThan(400);
    }
    const awaiting = trace.find((s) => s.name === 'RunActivity:awaitProviderJob');
    const providerJobId = awaiting?.attributes['bulkflow.provider_job_id'];
    expect(awaiting?.attributes).toMatchObject({ 'bulkflow.operation': 'webex.moveUsers', temporalWorkflowId: moved });
    expect(providerJobId).toEqual(expect.any(String));
    // The other two jobs were traced too (from the workflow on: this test process does not trace).
    for (const id of [refused, failing])
      expect(spans.some((s) => s.name.startsWith('RunWorkflow:') && s.attributes['workflowId'] === id)).toBe(true);

    // No marker anywhere in what the receiver got: attributes, status messages, exception events, resources.
    const received = collector.requests.map((r) => r.body).join('\n');
    expect(MARKERS.filter((marker) => received.includes(marker))).toEqual([]);

    // The worker's lines about the first job name its run, attempt, provider, provider job id and trace.
    const started = lines.find((l) => l['msg'] === 'provider job started' && l['workflowId'] === moved);
    expect(started).toMatchObject({
      workflowRunId: expect.any(String),
      attempt: 1,
      provider: 'webex',
      operation: 'webex.moveUsers',
      providerJobId,
      trace_id: cliStart?.traceId,
    });
    // Every line about a provider activity, the SDK's own included (its "Activity failed" of the refusal), names the
    // job's workflow, run, attempt, provider and trace.
    const aboutActivities = lines.filter((l) => PROVIDER_ACTIVITIES.includes(String(l['activityType'])));
    expect(aboutActivities.map((l) => [l['workflowId'], l['msg']])).toContainEqual([refused, 'Activity failed']);
    for (const line of aboutActivities) {
      expect(line).toMatchObject({
        workflowId: expect.any(String),
        workflowRunId: expect.any(String),
        attempt: expect.any(Number),
        provider: expect.stringMatching(/^(webex|fullstory)$/),
        trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
    }
  });
});
