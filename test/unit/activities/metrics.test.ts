import { awaitProviderJob } from '../../../src/activities/await-provider-job';
import type { AwaitCheckpoint } from '../../../src/activities/await-provider-job';
import type { ActivityDeps } from '../../../src/activities/context';
import { startProviderJob } from '../../../src/activities/start-provider-job';
import type {
  AwaitProviderJobInput,
  AwaitProviderJobResult,
  StartProviderJobInput,
  StartProviderJobResult,
} from '../../../src/activities/types';
import {
  ProviderLockedError,
  ProviderRateLimitError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from '../../../src/domain/errors';
import { METRICS } from '../../../src/domain/metrics';
import type { HttpClient, HttpResponse } from '../../../src/http/types';
import { measuredHttp } from '../../../src/activities/metrics';
import type { OtherRequest } from '../../../src/activities/metrics';
import { activityHarness, fakeDeps, NOW } from '../../helpers/activity-env';
import type { MetricEntry } from '../../helpers/activity-env';
import {
  createFakeOperation,
  fakeBatch,
  fakePollInput,
  runningSnapshot,
  succeededSnapshot,
} from '../../helpers/fake-operation';
import type { FakeOperationOptions } from '../../helpers/fake-operation';

const startInput: StartProviderJobInput = {
  operation: 'webex.moveUsers',
  connection: 'default',
  batch: fakeBatch,
  idempotencyKey: 'wf-1/batch-0',
  dryRun: false,
  scheduledAt: '2025-01-01T11:59:00.000Z',
};

/** One polling attempt at `now`; resolves with what it recorded and the checkpoint it left. */
async function poll(
  options: FakeOperationOptions,
  checkpoint?: AwaitCheckpoint,
  now = NOW,
): Promise<{ metrics: MetricEntry[]; checkpoint: AwaitCheckpoint | undefined }> {
  const op = createFakeOperation(options);
  const harness = activityHarness({ attempt: checkpoint ? 2 : 1, heartbeatDetails: checkpoint });
  await harness.env
    .run<
      [ActivityDeps, AwaitProviderJobInput],
      AwaitProviderJobResult,
      typeof awaitProviderJob
    >(awaitProviderJob, fakeDeps(op, { now: () => now }), fakePollInput)
    .catch(() => undefined);
  return { metrics: harness.metrics, checkpoint: harness.heartbeats.at(-1) as AwaitCheckpoint | undefined };
}

async function start(options: FakeOperationOptions): Promise<MetricEntry[]> {
  const op = createFakeOperation(options);
  const harness = activityHarness({ attempt: 1 });
  await harness.env
    .run<
      [ActivityDeps, StartProviderJobInput],
      StartProviderJobResult,
      typeof startProviderJob
    >(startProviderJob, fakeDeps(op), startInput)
    .catch(() => undefined);
  return harness.metrics;
}

const named = (metrics: MetricEntry[], name: string) => metrics.filter((m) => m.name === name);
const answers = (metrics: MetricEntry[]) =>
  named(metrics, METRICS.providerRequests.name).map((m) => [m.tags['request'], m.tags['answer'], m.value]);

describe('provider request metrics', () => {
  it.each([
    ['running', { poll: [{ snapshot: runningSnapshot() }] }],
    ['done', { poll: [{ snapshot: succeededSnapshot() }] }],
    ['423', { poll: [new ProviderLockedError('webex', { status: 423 })] }],
    ['429', { poll: [new ProviderRateLimitError('webex', { status: 429 })] }],
    ['5xx', { poll: [new ProviderUnavailableError('webex', 'HTTP 503', { status: 503 })] }],
    ['network', { poll: [new ProviderUnavailableError('webex', 'connection reset')] }],
  ] as const)('counts a poll answered %s once, with its latency', async (answer, options) => {
    const { metrics } = await poll(options);
    expect(answers(metrics)).toEqual([['poll', answer, 1]]);
    const latency = named(metrics, METRICS.providerRequestDuration.name);
    expect(latency.map((m) => [m.unit, m.tags['answer'], m.value >= 0])).toEqual([['seconds', answer, true]]);
    expect(latency[0]?.tags).toMatchObject({ operation: 'webex.moveUsers', provider: 'webex' });
  });

  it('counts nothing for an answer held by an open Retry-After window: no request was sent', async () => {
    const held = new ProviderRateLimitError('webex', { status: 429, retryAfterMs: 1_000, heldByRetryAfter: true });
    expect(answers((await poll({ poll: [held] })).metrics)).toEqual([]);
  });

  it('counts an accepted start, and a refused one by its code', async () => {
    expect(answers(await start({}))).toEqual([['start', 'accepted', 1]]);
    const refused = new ProviderRejectedError('webex', { status: 400 });
    expect(answers(await start({ start: [refused] }))).toEqual([['start', '4xx', 1]]);
  });
});

describe('metrics of the other provider requests (item pages, control calls, reconciliation)', () => {
  const target = { operation: 'zoho.invitePortalUsers', provider: 'zoho' };
  const answered = (status: number, extra: Partial<HttpResponse> = {}): HttpResponse => ({
    status,
    headers: new Headers(),
    url: 'http://provider.test/page',
    text: '{}',
    receivedAt: NOW,
    ...extra,
  });

  /** Sends one request through `measuredHttp` inside an activity and returns what it recorded. */
  async function send(kind: OtherRequest, answer: HttpResponse | Error): Promise<MetricEntry[]> {
    const harness = activityHarness({ attempt: 1 });
    const http: HttpClient = {
      provider: 'zoho',
      send: () => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)),
    };
    await harness.env
      .run(() => measuredHttp(http, target, kind).send({ method: 'GET', path: '/page' }))
      .catch(() => undefined);
    return harness.metrics;
  }

  it.each([
    ['items', 200, 'ok'],
    ['items', 429, '429'],
    ['control', 423, '423'],
    ['control', 503, '5xx'],
    ['reconcile', 404, '4xx'],
    ['reconcile', 204, 'ok'],
  ] as const)('counts a request of kind %s answered %d as %s, with its latency', async (kind, status, answer) => {
    const metrics = await send(kind, answered(status));
    expect(answers(metrics)).toEqual([[kind, answer, 1]]);
    const latency = named(metrics, METRICS.providerRequestDuration.name);
    expect(latency.map((m) => [m.tags['request'], m.tags['answer'], m.value >= 0])).toEqual([[kind, answer, true]]);
    expect(latency[0]?.tags).toMatchObject(target);
  });

  it('counts a request that never got an answer as network', async () => {
    const reset = new ProviderUnavailableError('zoho', 'connection reset');
    expect(answers(await send('items', reset))).toEqual([['items', 'network', 1]]);
  });

  it('counts nothing for an answer held by an open Retry-After window', async () => {
    expect(answers(await send('items', answered(429, { heldByRetryAfter: true })))).toEqual([]);
  });
});

describe('Retry-After metrics', () => {
  it('records the seconds a poll answer asked to wait', async () => {
    const { metrics } = await poll({
      poll: [new ProviderRateLimitError('webex', { status: 429, retryAfterMs: 20_000 })],
    });
    expect(named(metrics, METRICS.retryAfterWait.name).map((m) => [m.tags['request'], m.value])).toEqual([
      ['poll', 20],
    ]);
  });

  it('records the seconds a start refusal asked to wait', async () => {
    const metrics = await start({ start: [new ProviderRateLimitError('webex', { status: 429, retryAfterMs: 7_000 })] });
    expect(named(metrics, METRICS.retryAfterWait.name).map((m) => [m.tags['request'], m.value])).toEqual([
      ['start', 7],
    ]);
  });

  it('records no wait for a poll answered without Retry-After', async () => {
    expect(
      named((await poll({ poll: [{ snapshot: runningSnapshot() }] })).metrics, METRICS.retryAfterWait.name),
    ).toEqual([]);
  });
});

describe('stuck-job gauges', () => {
  const gauges = (metrics: MetricEntry[]) =>
    [METRICS.sinceProgress.name, METRICS.pollsWithoutProgress.name].map((name) => named(metrics, name).at(-1)?.value);

  it('grow while the provider job answers running with the same counts, labelled by provider job id', async () => {
    const first = await poll({ poll: [{ snapshot: runningSnapshot(1) }] });
    const second = await poll({ poll: [{ snapshot: runningSnapshot(1) }] }, first.checkpoint, NOW + 60_000);
    const third = await poll({ poll: [{ snapshot: runningSnapshot(1) }] }, second.checkpoint, NOW + 90_000);
    expect([gauges(first.metrics), gauges(second.metrics), gauges(third.metrics)]).toEqual([
      [0, 0],
      [60, 1],
      [90, 2],
    ]);
    expect(named(third.metrics, METRICS.sinceProgress.name)[0]?.tags).toMatchObject({ provider_job_id: 'job-1' });
  });

  it('start again from 0 when the counts change', async () => {
    const first = await poll({ poll: [{ snapshot: runningSnapshot(0) }] });
    const stuck = await poll({ poll: [{ snapshot: runningSnapshot(0) }] }, first.checkpoint, NOW + 60_000);
    const moved = await poll({ poll: [{ snapshot: runningSnapshot(1) }] }, stuck.checkpoint, NOW + 120_000);
    expect(gauges(moved.metrics)).toEqual([0, 0]);
  });

  it('fall to 0 once the provider job is done', async () => {
    const first = await poll({ poll: [{ snapshot: runningSnapshot(1) }] });
    const stuck = await poll({ poll: [{ snapshot: runningSnapshot(1) }] }, first.checkpoint, NOW + 60_000);
    const done = await poll({ poll: [{ snapshot: succeededSnapshot() }] }, stuck.checkpoint, NOW + 120_000);
    expect(gauges(done.metrics)).toEqual([0, 0]);
  });
});
