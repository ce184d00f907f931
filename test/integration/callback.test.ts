/**
 * Completion callbacks on the real dev server: the result is POSTed once the job finishes, signed with the secret of
 * the job's tenant (derived from the worker's secret, which never enters history), and a receiver that fails is retried until it accepts.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { decodeOptionalFailureToOptionalError } from '@temporalio/common/lib/internal-non-workflow';
import { jobId, moveUsers } from '../helpers/jobs';
import { freePort } from '../../src/dev/free-port';
import { receiverCallbackEnv, startReceiver } from '../helpers/receiver';
import type { Receiver } from '../helpers/receiver';
import { startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

const SECRET = 'integration-callback-secret-42';
// A tenant of its own, so the per-tenant semaphore is not shared with other suites running at the same time.
const ORG_ID = `org-callback-${randomUUID().slice(0, 8)}`;

/** The check of a receiver of the job's tenant (the Webex orgId), as README "Completion callbacks" documents it. */
function verify(body: string, headers: Record<string, string | string[] | undefined>): boolean {
  const tenantSecret = createHmac('sha256', SECRET).update(`bulkflow-callback-tenant:${ORG_ID}`).digest('hex');
  const timestamp = String(headers['x-bulkflow-timestamp']);
  const id = String(headers['x-bulkflow-job-id']);
  const expected = createHmac('sha256', tenantSecret).update(`${timestamp}.${id}.${body}`).digest('hex');
  return headers['x-bulkflow-tenant'] === ORG_ID && headers['x-bulkflow-signature'] === `sha256=${expected}`;
}

describe('completion callbacks', () => {
  let stack: Stack;
  let receiver: Receiver | undefined;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    stack = await startStack({
      name: 'callback',
      env: { BULKFLOW_CALLBACK_SECRET: SECRET, ...receiverCallbackEnv(port) },
      simulators: { 'webex.moveUsers': { pollsToComplete: 1 } },
    });
  });

  afterAll(async () => {
    await stack.close();
  });

  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  function start(url: string): Promise<string> {
    return stack.jobs.start(
      { operation: 'webex.moveUsers', input: { orgId: ORG_ID, users: moveUsers(3, 'loc-A', [2]) } },
      {
        idempotencyKey: jobId('callback'),
        requestedBy: 'ops@example.test',
        callbackUrl: url,
        tuning: { pollIntervalMs: 20 },
      },
    );
  }

  it('POSTs the signed result once the job finishes, and keeps the secret out of history', async () => {
    receiver = await startReceiver([], port);
    const id = await start(receiver.url);
    const result = await stack.jobs.result(id);

    expect(receiver.requests).toHaveLength(1);
    const [delivery] = receiver.requests;
    expect(delivery?.headers['x-bulkflow-job-id']).toBe(id);
    expect(verify(delivery?.body ?? '', delivery?.headers ?? {})).toBe(true);
    expect(JSON.parse(delivery?.body ?? '')).toEqual(result);
    expect(result.state).toBe('partial');
    const history = await stack.temporal.client.workflow.getHandle(id).fetchHistory();
    expect(JSON.stringify(history)).not.toContain(SECRET);
  });

  it('retries a receiver that fails twice, then delivers exactly once', async () => {
    receiver = await startReceiver([500, 503], port);
    const id = await start(receiver.url);
    await stack.jobs.result(id);

    expect(receiver.requests.map((r) => r.status)).toEqual([500, 503, 200]);
    expect(receiver.requests.every((r) => verify(r.body, r.headers))).toBe(true);
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
  });

  it('refuses at once, without retrying, a callback outside the allowed origins, and the job still completes', async () => {
    receiver = await startReceiver([], port);
    const elsewhere = receiver.url.replace('127.0.0.1', 'localhost');
    const id = await start(`${elsewhere}?token=super-secret-token`);
    const result = await stack.jobs.result(id);

    expect(result.state).toBe('partial');
    expect(receiver.requests).toHaveLength(0);
    const history = await stack.temporal.client.workflow.getHandle(id).fetchHistory();
    const failed = (history.events ?? []).filter((e) => e.activityTaskFailedEventAttributes);
    expect(failed).toHaveLength(1);
    const failure = failed[0]?.activityTaskFailedEventAttributes?.failure;
    expect(failure?.applicationFailureInfo).toMatchObject({ type: 'CallbackRefusedError', nonRetryable: true });
    // The message is encrypted in history: read it through the stack's data converter.
    expect(failure?.message).toBe('Encoded failure');
    const error = await decodeOptionalFailureToOptionalError(stack.client.options.loadedDataConverter, failure);
    expect(error?.message).toContain('not an allowed callback origin');
    expect(error?.message).not.toContain('super-secret-token');
  });
});
