/**
 * The embedded stack as a real process with BULKFLOW_METRICS_PORT=0 runs a job of every operation through its HTTP
 * API (Webex's status endpoint answering 423, 429, 503 and a reset first), while a real Prometheus scrapes its one
 * `/metrics`. The expected series are queried through Prometheus's HTTP API; the exported text carries none of the
 * jobs' user data; the docs' alert rules and the Grafana dashboard name only metrics that exist and parse as PromQL.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_API_KEY } from '../../src/dev';
import { OPERATION_IDS } from '../../src/domain/job';
import type { OperationId } from '../../src/domain/job';
import { METRICS } from '../../src/domain/metrics';
import { samplesOf } from '../../src/simulator-registry';
import { readStackDescriptor } from '../../src/stack-descriptor';
import type { StackDescriptor } from '../../src/stack-descriptor';
import { freeDevPorts, spawnDev } from '../helpers/dev-process';
import type { DevProcess } from '../helpers/dev-process';
import { waitFor } from '../helpers/jobs';
import { alertExpressions, dashboardExpressions, metricNamesIn } from '../helpers/promql-docs';
import { startPrometheus } from '../helpers/prometheus';
import type { PrometheusProcess } from '../helpers/prometheus';
import { testAddress } from '../helpers/temporal';
import { spawnWorker } from '../helpers/worker-process';
import type { WorkerProcess } from '../helpers/worker-process';

const STARTUP_MS = 90_000;
const JOBS_MS = 60_000;
const TERMINAL = ['succeeded', 'partial', 'failed', 'cancelled'];

let root: string;
let dev: DevProcess;
let stack: StackDescriptor & { urls: { metrics: string; simulator: string } };
let prometheus: PrometheusProcess;
/** Every user value the jobs' inputs hold: none may show in the metrics. */
const userValues: string[] = [];

/** Every string leaf of `value`. */
function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringLeaves);
  return [];
}

/**
 * Where `value` would show in the exposition text: as a whole label value (quoted; a short number aside, which
 * bucket bounds such as `le="1"` are), and, when it is long enough to be told apart from the format's words, anywhere.
 */
function shows(text: string, value: string): boolean {
  if (value.length >= 8) return text.includes(value);
  return !/^\d+$/.test(value) && text.includes(`"${value}"`);
}

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(new URL(path, stack.urls.api), {
    ...init,
    headers: { authorization: `Bearer ${DEV_API_KEY}`, 'content-type': 'application/json' },
  });
}

async function startJob(operation: OperationId): Promise<string> {
  const input = samplesOf(operation).storm.input(1) as unknown;
  userValues.push(...stringLeaves(input));
  const response = await api('/v1/jobs', { method: 'POST', body: JSON.stringify({ operation, input }) });
  if (response.status !== 202) throw new Error(`${operation}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { jobId: string }).jobId;
}

/** Webex's status endpoint answers 423, 429 (both with Retry-After), 503 and a reset before it answers normally. */
async function scriptStatusFaults(): Promise<void> {
  const faults = [
    { kind: 'status', status: 423, retryAfter: '1' },
    { kind: 'status', status: 429, retryAfter: '1' },
    { kind: 'status', status: 503 },
    { kind: 'reset' },
  ];
  for (const fault of faults) {
    const response = await fetch(new URL('/__sim/faults', stack.urls.simulator), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: 'webex.moveUsers.status', fault }),
    });
    expect(response.ok).toBe(true);
  }
}

/** The value of `expr`'s single sample, once Prometheus has one that `accept`s (a scrape may lag a second). */
async function valueOf(expr: string, accept: (value: number) => boolean = () => true): Promise<number> {
  const found = await waitFor(
    expr,
    async () => {
      const value = (await prometheus.query(expr))[0]?.value;
      return value !== undefined && accept(value) ? { value } : undefined;
    },
    { timeoutMs: 20_000, everyMs: 500 },
  ).catch(async () => ({ value: (await prometheus.query(expr))[0]?.value ?? Number.NaN }));
  return found.value;
}

const is = (expected: number) => (value: number) => value === expected;
const positive = (value: number) => value > 0;

beforeAll(
  async () => {
    root = mkdtempSync(join(tmpdir(), 'bulkflow-metrics-'));
    dev = spawnDev({
      ...(await freeDevPorts()),
      BULKFLOW_DEV_DATA_DIR: join(root, '.data'),
      BULKFLOW_METRICS_PORT: '0',
    });
    const path = join(root, '.data', 'simulated', 'stack.json');
    const descriptor = await waitFor(
      'the stack descriptor',
      () => {
        if (dev.child.exitCode !== null) throw new Error(`the stack exited:\n${dev.output().stderr}`);
        return readStackDescriptor(path)?.descriptor;
      },
      { timeoutMs: STARTUP_MS },
    );
    const { metrics, simulator } = descriptor.urls;
    if (!metrics || !simulator) throw new Error('the descriptor names no metrics or simulator URL');
    stack = { ...descriptor, urls: { ...descriptor.urls, metrics, simulator } };
    prometheus = await startPrometheus(root, [metrics]);
    await prometheus.targetsUp();
    await scriptStatusFaults();
    const ids = await Promise.all(OPERATION_IDS.map(startJob));
    await waitFor(
      'every job to finish',
      async () => {
        const states = await Promise.all(
          ids.map(
            async (id) => ((await (await api(`/v1/jobs/${encodeURIComponent(id)}`)).json()) as { state: string }).state,
          ),
        );
        return states.every((state) => TERMINAL.includes(state));
      },
      { timeoutMs: JOBS_MS, everyMs: 500 },
    );
  },
  STARTUP_MS + JOBS_MS + 30_000,
);

afterAll(async () => {
  await prometheus?.stop();
  expect(await dev?.stop()).toBe(0);
  rmSync(root, { recursive: true, force: true });
});

describe('metrics of a stack that ran a job of every operation, scraped by Prometheus', () => {
  it('logs where the stack serves /metrics, on the free port it took', () => {
    expect(stack.urls.metrics).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/metrics$/);
    expect(dev.output().stdout).toContain(stack.urls.metrics);
  });

  it.each(OPERATION_IDS)(
    'counts the %s job started and finished, its items, its item-page requests and its permit wait',
    async (operation) => {
      const on = `operation="${operation}"`;
      expect(await valueOf(`sum(${METRICS.jobsStarted.exported}{${on}})`, is(1))).toBe(1);
      expect(await valueOf(`sum(${METRICS.jobsFinished.exported}{${on},state=~"succeeded|partial"})`, is(1))).toBe(1);
      expect(await valueOf(`sum(${METRICS.items.exported}{${on}})`, positive)).toBeGreaterThan(0);
      expect(await valueOf(`sum(${METRICS.permitWait.exported}_count{${on}})`, positive)).toBeGreaterThan(0);
      const requests = `sum(${METRICS.providerRequests.exported}{${on},`;
      expect(await valueOf(`${requests}request="start",answer="accepted"})`, positive)).toBeGreaterThan(0);
      expect(await valueOf(`${requests}request="poll",answer="done"})`, positive)).toBeGreaterThan(0);
      expect(await valueOf(`${requests}request="items",answer="ok"})`, positive)).toBeGreaterThan(0);
      expect(await valueOf(`sum(${METRICS.batchesOverdue.exported}{${on}})`, is(0))).toBe(0);
    },
  );

  it.each([
    ['running', ''],
    ['done', ''],
    ['423', 'operation="webex.moveUsers",'],
    ['429', 'operation="webex.moveUsers",'],
    ['5xx', 'operation="webex.moveUsers",'],
    ['network', 'operation="webex.moveUsers",'],
  ])('counts status answers of kind %s, with their latency', async (answer, operation) => {
    const on = `${operation}request="poll",answer="${answer}"`;
    expect(await valueOf(`sum(${METRICS.providerRequests.exported}{${on}})`, positive)).toBeGreaterThan(0);
    const latency = `sum(${METRICS.providerRequestDuration.exported}_count{${on}})`;
    expect(await valueOf(latency, positive)).toBeGreaterThan(0);
  });

  it('sums the seconds waited on Retry-After', async () => {
    const waited = `sum(${METRICS.retryAfterWait.exported}_sum{operation="webex.moveUsers"})`;
    expect(await valueOf(waited, (value) => value >= 2)).toBeGreaterThanOrEqual(2);
  });

  it('shows no job in flight once every job is done, and the stuck-job gauges at 0', async () => {
    expect(await valueOf(`sum(${METRICS.jobsInFlight.exported})`, is(0))).toBe(0);
    const stuck = await prometheus.query(`max(${METRICS.sinceProgress.exported}) by (operation)`);
    expect(stuck.map((s) => s.metric['operation']).sort()).toEqual([...OPERATION_IDS].sort());
    expect(await valueOf(`max(${METRICS.pollsWithoutProgress.exported})`, is(0))).toBe(0);
  });

  it("exports Temporal's own worker metrics and the API's request metrics from the same endpoint", async () => {
    const jobs = OPERATION_IDS.length;
    const completed = 'sum(temporal_workflow_completed_total{workflow_type="bulkJobWorkflow"})';
    expect(await valueOf(completed, is(jobs))).toBe(jobs);
    expect(await valueOf('sum(temporal_activity_execution_latency_seconds_count)', positive)).toBeGreaterThan(0);
    const started = 'sum(bulkflow_api_requests_total{route="/v1/jobs",method="POST",status="202"})';
    expect(await valueOf(started, is(jobs))).toBe(jobs);
  });

  it('exports none of the user values of the jobs', async () => {
    const text = await (await fetch(stack.urls.metrics)).text();
    expect(userValues.length).toBeGreaterThan(OPERATION_IDS.length);
    expect(userValues.filter((value) => shows(text, value))).toEqual([]);
  });

  it('alerts on, and charts, only metrics the stack exports, in PromQL that Prometheus accepts', async () => {
    const exported = new Set(
      (await prometheus.query('count by (__name__) ({job="bulkflow"})')).map((s) => s.metric['__name__']),
    );
    const docs = readFileSync(join(__dirname, '..', '..', 'docs', 'deployment.md'), 'utf8');
    const dashboard = readFileSync(join(__dirname, '..', '..', 'deploy', 'grafana-dashboard.json'), 'utf8');
    const expressions = [...alertExpressions(docs), ...dashboardExpressions(dashboard)];
    expect(expressions.length).toBeGreaterThan(8);
    const unknown = expressions.flatMap(metricNamesIn).filter((name) => !exported.has(name));
    expect(unknown).toEqual([]);
    for (const expr of expressions) await expect(prometheus.query(expr)).resolves.toBeDefined();
    const out = process.env['BULKFLOW_METRICS_SAMPLE_FILE'];
    if (out) writeFileSync(out, await (await fetch(stack.urls.metrics)).text());
  });
});

describe('the worker process', () => {
  const started: WorkerProcess[] = [];
  afterAll(() => Promise.all(started.map((worker) => worker.stop('SIGTERM'))));

  /** A worker with BULKFLOW_METRICS_PORT=0, and the URL its log says it serves metrics on. */
  async function workerWithMetrics(): Promise<string> {
    const env = { TEMPORAL_ADDRESS: testAddress(), BULKFLOW_TASK_QUEUE: `metrics-${randomUUID()}` };
    const worker = await spawnWorker({ ...env, BULKFLOW_METRICS_PORT: '0' });
    started.push(worker);
    const line = worker
      .output()
      .split('\n')
      .find((l) => l.includes('"metrics exporter listening"'));
    return (JSON.parse(line ?? '{}') as { metrics?: string }).metrics ?? 'not logged';
  }

  it("serves Temporal's metrics from the SDK runtime on a free port it logs, one port per worker", async () => {
    const [first, second] = await Promise.all([workerWithMetrics(), workerWithMetrics()]);
    expect([first, second]).toEqual([
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/),
      expect.any(String),
    ]);
    expect(second).not.toBe(first);
    const text = await waitFor('worker metrics', async () => {
      const body = await (await fetch(first ?? '')).text();
      return body.includes('temporal_worker_task_slots_available') ? body : undefined;
    });
    expect(text).toMatch(/^# TYPE temporal_\w+_total counter$/m);
  });
});
