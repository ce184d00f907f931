/**
 * The provider-facing activities behind a closed rate-limit scope: an attempt waits for its slot inside the attempt
 * when the slot is near (sent anything yet or not); a poll whose slot is too far fails fast, unsent, with a delay
 * that reaches its slot after the window; both count what was held.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import { awaitProviderJob } from '../../../src/activities/await-provider-job';
import type { ActivityDeps } from '../../../src/activities/context';
import { collectItemResults } from '../../../src/activities/provider-job-actions';
import type { CollectItemResultsInput } from '../../../src/activities/types';
import { loadConfig } from '../../../src/config';
import { METRICS } from '../../../src/domain/metrics';
import { ensureSuccess } from '../../../src/http/classify';
import { RetryAfterWindows } from '../../../src/http/retry-after-windows';
import { ScopeCooldowns } from '../../../src/http/scope-cooldown';
import type { HttpResponse } from '../../../src/http/types';
import type { ProviderOperation } from '../../../src/providers/types';
import { activityHarness, fakeDeps, NOW } from '../../helpers/activity-env';
import { createFakeOperation, fakeBatch, fakePollInput, succeededSnapshot } from '../../helpers/fake-operation';

const arrivals: { path: string; at: number }[] = [];
/** Called as each request arrives, before it is answered. */
let onArrival: (path: string) => void = () => undefined;
let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    arrivals.push({ path: req.url ?? '', at: Date.now() });
    onArrival(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  arrivals.length = 0;
  onArrival = () => undefined;
});

/** A 429 another job of the connection met at `at`, closing the scope `webex/default` for `seconds`. */
function refused(cooldowns: ScopeCooldowns, at: number, seconds: string): void {
  const refusal: HttpResponse = {
    status: 429,
    headers: new Headers({ 'retry-after': seconds }),
    url: `${origin}/v1/jobs/other`,
    text: '{"message":"slow down"}',
    receivedAt: at,
  };
  cooldowns.record('webex/default', refusal);
}

/** The fake operation, its poll and item walk sending real requests through the activity's client. */
function sendingOperation(): ProviderOperation {
  const base = createFakeOperation();
  return {
    ...base,
    poll: async (ctx, providerJobId) => {
      ensureSuccess('webex', await ctx.http.send({ method: 'GET', path: `/v1/jobs/${providerJobId}` }));
      return { snapshot: succeededSnapshot() };
    },
    collectItems: async (ctx, providerJobId) => {
      for (const page of [1, 2]) {
        await ctx.http.send({ method: 'GET', path: `/v1/jobs/${providerJobId}/errors`, query: { page } });
      }
      return { items: [] };
    },
  };
}

function deps(cooldowns: ScopeCooldowns, now: () => number): ActivityDeps {
  return fakeDeps(sendingOperation(), {
    config: loadConfig({ BULKFLOW_WEBEX_BASE_URL: origin, BULKFLOW_WEBEX_TOKEN: 't' }),
    retryAfterWindows: new RetryAfterWindows(now),
    scopeCooldowns: cooldowns,
    now,
  });
}

const target = { operation: 'webex.moveUsers', provider: 'webex' };

describe('activities behind a closed rate-limit scope', () => {
  it('fails a poll fast, unsent and uncounted, when its slot lies beyond what the attempt may wait', async () => {
    const cooldowns = new ScopeCooldowns(
      () => NOW,
      () => 0,
    );
    refused(cooldowns, NOW - 500, '2');
    // Half of a 2 s attempt is less than the 1.5 s to the slot.
    const harness = activityHarness({ attempt: 1, startToCloseTimeoutMs: 2_000 });
    const input = fakePollInput;
    const failure = await harness.env
      .run(
        awaitProviderJob,
        deps(cooldowns, () => NOW),
        input,
      )
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'ProviderRateLimitError', nextRetryDelay: 1_500 });
    expect(arrivals).toEqual([]);
    const held = harness.metrics.filter((m) => m.name === METRICS.requestsHeld.name);
    expect(held.map((m) => [m.tags, m.value])).toEqual([[expect.objectContaining(target), 1]]);
    expect(harness.metrics.filter((m) => m.name === METRICS.providerRequests.name)).toEqual([]);
  });

  it('lets a poll that has sent nothing wait for a near slot inside its attempt, which a held answer would cost', async () => {
    const started = Date.now();
    const now = () => NOW + (Date.now() - started);
    const cooldowns = new ScopeCooldowns(now, () => 0);
    refused(cooldowns, now(), '0.2');
    const closedAt = Date.now();
    const harness = activityHarness({ attempt: 1, startToCloseTimeoutMs: 60_000 });
    const failure = await harness.env.run(awaitProviderJob, deps(cooldowns, now), fakePollInput).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeUndefined();
    expect(arrivals.map((a) => a.path)).toEqual(['/v1/jobs/job-1']);
    expect(arrivals[0]?.at).toBeGreaterThanOrEqual(closedAt + 200);
    const held = harness.metrics.filter((m) => m.name === METRICS.requestsHeld.name);
    expect(held.map((m) => [m.tags, m.value])).toEqual([[expect.objectContaining(target), 1]]);
  });

  it('lets an attempt that already sent a request wait for its slot, sending nothing inside the window', async () => {
    const started = Date.now();
    const now = () => NOW + (Date.now() - started);
    const cooldowns = new ScopeCooldowns(now, () => 0);
    let closedAt = 0;
    // Another job's request meets a 429 while the first page is on its way.
    onArrival = (path) => {
      if (!path.endsWith('page=1')) return;
      closedAt = Date.now();
      refused(cooldowns, now(), '0.2');
    };
    const harness = activityHarness({ attempt: 1, startToCloseTimeoutMs: 60_000, heartbeatTimeoutMs: 30_000 });
    const input: CollectItemResultsInput = {
      operation: 'webex.moveUsers',
      connection: 'default',
      batch: fakeBatch,
      providerJobId: 'job-1',
      snapshot: succeededSnapshot(),
    };
    await harness.env.run(collectItemResults, deps(cooldowns, now), input);
    expect(arrivals.map((a) => a.path)).toEqual(['/v1/jobs/job-1/errors?page=1', '/v1/jobs/job-1/errors?page=2']);
    expect(arrivals[1]?.at).toBeGreaterThanOrEqual(closedAt + 200);
    const held = harness.metrics.filter((m) => m.name === METRICS.requestsHeld.name);
    expect(held.map((m) => [m.tags, m.value])).toEqual([[expect.objectContaining(target), 1]]);
  });
});
