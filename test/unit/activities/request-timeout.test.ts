import type { ApplicationFailure } from '@temporalio/common';
import { awaitProviderJob } from '../../../src/activities/await-provider-job';
import { requestTimeoutMs } from '../../../src/activities/context';
import type { ActivityDeps } from '../../../src/activities/context';
import type { AwaitProviderJobInput, AwaitProviderJobResult } from '../../../src/activities/types';
import { loadConfig } from '../../../src/config';
import { emptyPollStats } from '../../../src/domain/job';
import { startSimulator, type SimulatorServer } from '../../../src/simulator';
import { activityHarness, fakeDeps } from '../../helpers/activity-env';
import { createFakeOperation, fakeBatch } from '../../helpers/fake-operation';
import { createEchoSimulator } from '../simulator/echo-simulator';

describe('requestTimeoutMs', () => {
  const attempt = { startToCloseTimeoutMs: 10_000 };

  it("keeps the connection's timeout when the attempt has time to spare", () => {
    expect(requestTimeoutMs(3_000, attempt, 0, 0)).toBe(3_000);
  });

  it('cuts it to three quarters of what is left of the attempt', () => {
    expect(requestTimeoutMs(30_000, attempt, 0, 0)).toBe(7_500);
    expect(requestTimeoutMs(30_000, attempt, 0, 6_000)).toBe(3_000);
  });

  it('cuts it to three quarters of the heartbeat timeout, which a page walk meets before each request', () => {
    expect(requestTimeoutMs(30_000, { ...attempt, heartbeatTimeoutMs: 2_000 }, 0, 0)).toBe(1_500);
  });

  it('never gives less than 1 ms, even past the attempt deadline', () => {
    expect(requestTimeoutMs(30_000, attempt, 0, 20_000)).toBe(1);
  });
});

describe('a provider that stalls longer than the attempt', () => {
  let server: SimulatorServer;
  beforeEach(async () => {
    server = await startSimulator({ simulators: [createEchoSimulator()] });
  });
  afterEach(async () => {
    await server.close();
  });

  it('fails the request inside the attempt, retryable, with a delay bulkflow chose', async () => {
    server.faults.add('test.get', { kind: 'delay', ms: 1_200 });
    const operation = {
      ...createFakeOperation(),
      poll: async (ctx: Parameters<ReturnType<typeof createFakeOperation>['poll']>[0]) => {
        await ctx.http.send({ method: 'GET', path: '/v1/things/1' });
        throw new Error('the stalled request answered');
      },
    };
    // bulkflow's clock stands still at the attempt's start, so the cut is exactly three quarters of 500 ms however
    // busy the machine is; the stall and the test's own watch run on real time.
    const started = Date.now();
    const deps: ActivityDeps = {
      ...fakeDeps(operation, { now: () => started }),
      config: loadConfig({ BULKFLOW_WEBEX_BASE_URL: server.url, BULKFLOW_WEBEX_TOKEN: 't' }),
    };
    const input: AwaitProviderJobInput = {
      operation: 'webex.moveUsers',
      connection: 'default',
      batch: fakeBatch,
      providerJobId: 'job-1',
      segmentMs: 60_000,
      pollIntervalMs: 5_000,
      carried: emptyPollStats(),
    };
    const { env } = activityHarness({ startToCloseTimeoutMs: 500, scheduledTimestampMs: started });
    const failure = await env
      .run<
        [ActivityDeps, AwaitProviderJobInput],
        AwaitProviderJobResult,
        typeof awaitProviderJob
      >(awaitProviderJob, deps, input)
      .then(
        () => undefined,
        (err: unknown) => err as ApplicationFailure,
      );
    // Given up on before the stall ended, at three quarters of the attempt.
    expect(Date.now() - started).toBeLessThan(1_200);
    expect(failure).toMatchObject({
      type: 'ProviderUnavailableError',
      nonRetryable: false,
      message: expect.stringMatching(/timeout after 375 ms/),
    });
    expect(failure?.nextRetryDelay).toBeDefined();
  });
});
