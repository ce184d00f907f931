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

function deps(secret: string | null = SECRET) {
  const config = loadConfig(secret === null ? {} : { BULKFLOW_CALLBACK_SECRET: secret });
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
    await deliverCallback(deps(), { url: receiver.url, jobId: 'job-1', result: RESULT });

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
    const err = await failure(deliverCallback(deps(), { url: receiver.url, jobId: 'job-1', result: RESULT }));

    expect(err.type).toBe('CallbackDeliveryError');
    expect(err.nonRetryable).toBe(false);
    expect(err.message).toContain('HTTP 503');
  });

  it('fails retryably when nothing answers', async () => {
    receiver = await startReceiver();
    const { url } = receiver;
    await receiver.close();
    receiver = undefined;
    const err = await failure(deliverCallback(deps(), { url, jobId: 'job-1', result: RESULT }));

    expect(err.type).toBe('CallbackDeliveryError');
    expect(err.nonRetryable).toBe(false);
  });

  it('fails retryably, sending nothing, when the worker has no secret', async () => {
    receiver = await startReceiver();
    const err = await failure(deliverCallback(deps(null), { url: receiver.url, jobId: 'job-1', result: RESULT }));

    expect(err.nonRetryable).toBe(false);
    expect(err.message).toContain('BULKFLOW_CALLBACK_SECRET');
    expect(receiver.requests).toHaveLength(0);
  });
});
