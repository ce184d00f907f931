/** deliverCallback: the signed POST, and retryable failures for non-2xx answers, no answer, and no secret. */
import { createHmac } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { deliverCallback, signCallback } from '../../../src/activities/deliver-callback';
import { loadConfig } from '../../../src/config';
import type { BulkJobResult } from '../../../src/domain/job';
import { emptyCounts } from '../../../src/domain/job';
import { fakeDeps, NOW } from '../../helpers/activity-env';
import { createFakeOperation } from '../../helpers/fake-operation';
import { startReceiver } from '../../helpers/receiver';
import type { Receiver } from '../../helpers/receiver';

const SECRET = 'unit-callback-secret-0123456789';
const RESULT: BulkJobResult = {
  jobId: 'job-1',
  operation: 'webex.moveUsers',
  dryRun: false,
  state: 'succeeded',
  counts: emptyCounts(0),
  providerJobs: [],
  items: [],
};

/** Activity deps whose callback policy allows `url`'s origin on loopback (as a test receiver needs). */
function deps(url: string, secret: string | null = SECRET, env: Record<string, string> = {}) {
  const config = loadConfig({
    BULKFLOW_CALLBACK_ORIGINS: new URL(url).origin,
    BULKFLOW_CALLBACK_ALLOWED_NETWORKS: '127.0.0.1/32',
    ...(secret === null ? {} : { BULKFLOW_CALLBACK_SECRET: secret }),
    ...env,
  });
  return fakeDeps(createFakeOperation(), { config });
}

async function failure(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApplicationFailure)) throw new Error(`expected an ApplicationFailure, got ${String(err)}`);
  return err;
}

describe('deliverCallback', () => {
  let receiver: Receiver | undefined;

  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('POSTs the result with an HMAC-SHA256 signature over timestamp, job id and body', async () => {
    receiver = await startReceiver();
    await deliverCallback(deps(receiver.url), { url: receiver.url, jobId: 'job-1', result: RESULT });

    const [request] = receiver.requests;
    const timestamp = String(Math.floor(NOW / 1000));
    const expected = createHmac('sha256', SECRET)
      .update(`${timestamp}.job-1.${request?.body ?? ''}`)
      .digest('hex');
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-bulkflow-timestamp']).toBe(timestamp);
    expect(request?.headers['x-bulkflow-job-id']).toBe('job-1');
    expect(request?.headers['x-bulkflow-signature']).toBe(`sha256=${expected}`);
    expect(signCallback(SECRET, timestamp, 'job-1', request?.body ?? '')).toBe(expected);
    expect(JSON.parse(request?.body ?? '')).toEqual(RESULT);
  });

  it('fails retryably when the receiver answers 503', async () => {
    receiver = await startReceiver([503]);
    const err = await failure(
      deliverCallback(deps(receiver.url), { url: receiver.url, jobId: 'job-1', result: RESULT }),
    );

    expect(err.type).toBe('CallbackDeliveryError');
    expect(err.nonRetryable).toBe(false);
    expect(err.message).toContain('HTTP 503');
  });

  it('fails retryably when nothing answers', async () => {
    receiver = await startReceiver();
    const { url } = receiver;
    await receiver.close();
    receiver = undefined;
    const err = await failure(deliverCallback(deps(url), { url, jobId: 'job-1', result: RESULT }));

    expect(err.type).toBe('CallbackDeliveryError');
    expect(err.nonRetryable).toBe(false);
  });

  it('fails retryably, sending nothing, when the worker has no secret', async () => {
    receiver = await startReceiver();
    const err = await failure(
      deliverCallback(deps(receiver.url, null), { url: receiver.url, jobId: 'job-1', result: RESULT }),
    );

    expect(err.nonRetryable).toBe(false);
    expect(err.message).toContain('BULKFLOW_CALLBACK_SECRET');
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses, non-retryably and sending nothing, a loopback receiver whose network is not allowed', async () => {
    receiver = await startReceiver();
    const localhost = receiver.url.replace('127.0.0.1', 'localhost');
    const config = { BULKFLOW_CALLBACK_ORIGINS: new URL(localhost).origin, BULKFLOW_CALLBACK_ALLOWED_NETWORKS: '' };
    const err = await failure(
      deliverCallback(deps(localhost, SECRET, config), { url: localhost, jobId: 'job-1', result: RESULT }),
    );

    expect([err.type, err.nonRetryable]).toEqual(['CallbackRefusedError', true]);
    expect(err.message).toContain('private, loopback, link-local or metadata address');
    expect(receiver.requests).toHaveLength(0);
  });

  it('names only the receiver origin in a failure, never the path or query of the URL', async () => {
    receiver = await startReceiver([503]);
    const url = `${receiver.url}/hook-secret-path?token=t0ps3cret`;
    const err = await failure(deliverCallback(deps(url), { url, jobId: 'job-1', result: RESULT }));

    expect(err.message).toContain(new URL(url).origin);
    expect(err.message).not.toMatch(/hook-secret-path|t0ps3cret/);
  });
});
