/**
 * deliverCallback: the POST signed with the secret of the job's tenant, receivers that check as documented, and
 * retryable failures for non-2xx answers, no answer, and no secret.
 */
import { createHmac } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { deliverCallback } from '../../../src/activities/deliver-callback';
import { callbackRefusalReason, callbackSecretFor, signCallback } from '../../../src/http/callback-signature';
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

  /** A tenant's receiver secret by the documented formula: hex HMAC-SHA256(deployment secret, label + tenant). */
  const tenantSecret = (tenant: string): string =>
    createHmac('sha256', SECRET).update(`bulkflow-callback-tenant:${tenant}`).digest('hex');

  it("POSTs the result signed over timestamp, job id and body with the secret of the job's tenant", async () => {
    receiver = await startReceiver();
    await deliverCallback(deps(receiver.url), { url: receiver.url, jobId: 'job-1', tenant: 'org-a', result: RESULT });

    const [request] = receiver.requests;
    const timestamp = String(Math.floor(NOW / 1000));
    const expected = createHmac('sha256', tenantSecret('org-a'))
      .update(`${timestamp}.job-1.${request?.body ?? ''}`)
      .digest('hex');
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-bulkflow-timestamp']).toBe(timestamp);
    expect(request?.headers['x-bulkflow-job-id']).toBe('job-1');
    expect(request?.headers['x-bulkflow-tenant']).toBe('org-a');
    expect(request?.headers['x-bulkflow-signature']).toBe(`sha256=${expected}`);
    expect(callbackSecretFor(SECRET, 'org-a')).toBe(tenantSecret('org-a'));
    expect(signCallback(tenantSecret('org-a'), timestamp, 'job-1', request?.body ?? '')).toBe(expected);
    expect(JSON.parse(request?.body ?? '')).toEqual(RESULT);
  });

  it("is refused by another tenant's receiver that checks as documented, and accepted by its own", async () => {
    receiver = await startReceiver();
    await deliverCallback(deps(receiver.url), { url: receiver.url, jobId: 'job-1', tenant: 'org-a', result: RESULT });
    const [request] = receiver.requests;
    const received = { headers: request?.headers ?? {}, body: request?.body ?? '' };

    const asReceiverOf = (tenant: string) =>
      callbackRefusalReason(received, { tenant, tenantSecret: tenantSecret(tenant) }, NOW);
    expect(asReceiverOf('org-a')).toBeUndefined();
    expect(asReceiverOf('org-b')).toBe('the callback is for another tenant');
    // The tenant header is only a label: with it rewritten, B's secret still refuses A's signature.
    const relabelled = { ...received, headers: { ...received.headers, 'x-bulkflow-tenant': 'org-b' } };
    expect(callbackRefusalReason(relabelled, { tenant: 'org-b', tenantSecret: tenantSecret('org-b') }, NOW)).toBe(
      'the signature does not match',
    );
    // And the deployment secret itself, which no receiver should hold, verifies nothing.
    expect(callbackRefusalReason(received, { tenant: 'org-a', tenantSecret: SECRET }, NOW)).toBe(
      'the signature does not match',
    );
  });

  it('is refused by its own receiver when its timestamp is stale', async () => {
    receiver = await startReceiver();
    await deliverCallback(deps(receiver.url), { url: receiver.url, jobId: 'job-1', tenant: 'org-a', result: RESULT });
    const [request] = receiver.requests;
    const received = { headers: request?.headers ?? {}, body: request?.body ?? '' };
    const later = NOW + 301_000;
    expect(callbackRefusalReason(received, { tenant: 'org-a', tenantSecret: tenantSecret('org-a') }, later)).toBe(
      'the timestamp is missing or not fresh',
    );
  });

  it('sends nothing, non-retryably, for an attempt scheduled without its tenant', async () => {
    receiver = await startReceiver();
    const err = await failure(
      deliverCallback(deps(receiver.url), { url: receiver.url, jobId: 'job-1', result: RESULT }),
    );

    expect([err.type, err.nonRetryable]).toEqual(['CallbackTenantUnknownError', true]);
    expect(receiver.requests).toHaveLength(0);
  });

  it('fails retryably when the receiver answers 503', async () => {
    receiver = await startReceiver([503]);
    const err = await failure(
      deliverCallback(deps(receiver.url), { url: receiver.url, jobId: 'job-1', tenant: 'org-a', result: RESULT }),
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
    const err = await failure(deliverCallback(deps(url), { url, jobId: 'job-1', tenant: 'org-a', result: RESULT }));

    expect(err.type).toBe('CallbackDeliveryError');
    expect(err.nonRetryable).toBe(false);
  });

  it('fails retryably, sending nothing, when the worker has no secret', async () => {
    receiver = await startReceiver();
    const err = await failure(
      deliverCallback(deps(receiver.url, null), { url: receiver.url, jobId: 'job-1', tenant: 'org-a', result: RESULT }),
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
      deliverCallback(deps(localhost, SECRET, config), {
        url: localhost,
        jobId: 'job-1',
        tenant: 'org-a',
        result: RESULT,
      }),
    );

    expect([err.type, err.nonRetryable]).toEqual(['CallbackRefusedError', true]);
    expect(err.message).toContain('private, loopback, link-local or metadata address');
    expect(receiver.requests).toHaveLength(0);
  });

  it('names only the receiver origin in a failure, never the path or query of the URL', async () => {
    receiver = await startReceiver([503]);
    const url = `${receiver.url}/hook-secret-path?token=t0ps3cret`;
    const err = await failure(deliverCallback(deps(url), { url, jobId: 'job-1', tenant: 'org-a', result: RESULT }));

    expect(err.message).toContain(new URL(url).origin);
    expect(err.message).not.toMatch(/hook-secret-path|t0ps3cret/);
  });
});
