/**
 * The claim check on the real dev server. First the limit it exists for, kept as an experiment: a ~2.4 MB request
 * sent without it is refused by Temporal. Then the same request through a client and workers with the claim check
 * runs end to end, and every payload left in history stays under the threshold; the audit still reads it all.
 * Last, a client and a worker whose blob store is an S3 bucket (moto, a real S3-compatible server started here)
 * run a job over the threshold: its blobs are in the bucket, and they hold ciphertext only.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { WorkflowIdConflictPolicy } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { CLAIM_CHECK_ENCODING, DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES } from '../../src/claim-check';
import { WORKFLOW_TYPE } from '../../src/workflows/definitions';
import { jobId } from '../helpers/jobs';
import { MOTO_CREDENTIALS, MOTO_REGION, startMotoServer } from '../helpers/moto-server';
import type { MotoServer } from '../helpers/moto-server';
import { findValuesIn } from '../helpers/plaintext-scan';
import { startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

/** 16,000 users of ~150 bytes: about 2.4 MB of input, over Temporal's 2 MB payload limit. */
function bigImport(): { users: { uid: string; email: string }[] } {
  return {
    users: Array.from({ length: 16_000 }, (_, i) => ({
      uid: `${i === 7 ? 'FAIL-' : ''}user-${i}-${'p'.repeat(96)}`,
      email: `user-${i}@example.test`,
    })),
  };
}

interface PayloadSeen {
  readonly bytes: number;
  readonly encoding: string;
}

/** Every payload in a history, as stored (not decoded). */
function payloadsOf(history: History): PayloadSeen[] {
  const seen: PayloadSeen[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
    const record = value as Record<string, unknown>;
    if (record['data'] instanceof Uint8Array && record['metadata'] && typeof record['metadata'] === 'object') {
      const encoding = (record['metadata'] as Record<string, Uint8Array | undefined>)['encoding'];
      seen.push({ bytes: record['data'].length, encoding: new TextDecoder().decode(encoding ?? new Uint8Array()) });
      return;
    }
    Object.values(record).forEach(visit);
  };
  visit(history.events);
  return seen;
}

describe('claim check', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ name: 'claim-check', simulators: { 'fullstory.importUsers': { pollsToComplete: 2 } } });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('is needed: Temporal refuses a start whose input is over 2 MB', async () => {
    const input = {
      request: { operation: 'fullstory.importUsers', connection: 'default', dryRun: false, input: bigImport() },
      requestedBy: 'ops@example.test',
    };
    const plain = stack.temporal.client; // no codec: the payload goes inline
    const started = plain.workflow.start(WORKFLOW_TYPE, {
      taskQueue: stack.config.temporal.taskQueue,
      workflowId: jobId('claim-check-inline'),
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    });
    const error = await started.then(
      () => undefined,
      (err: unknown) => err as Error & { cause?: Error & { details?: string } },
    );
    expect(error?.cause?.message).toBe('3 INVALID_ARGUMENT: Blob data size exceeds limit.');
  });

  it('runs the same request end to end with every payload in history under the threshold', async () => {
    const id = await stack.jobs.start(
      { operation: 'fullstory.importUsers', input: bigImport() },
      { idempotencyKey: jobId('claim-check'), requestedBy: 'ops@example.test', tuning: { pollIntervalMs: 20 } },
    );
    const result = await stack.jobs.result(id);
    expect(result.state).toBe('partial');
    expect(result.counts).toMatchObject({ total: 16_000, failed: 1, succeeded: 15_999 });

    const history = await stack.temporal.client.workflow.getHandle(id).fetchHistory();
    const payloads = payloadsOf(history);
    const referenced = payloads.filter((p) => p.encoding === CLAIM_CHECK_ENCODING);
    // Input, plan, start and await inputs, collected items and the result were each over the threshold.
    expect(referenced.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...payloads.map((p) => p.bytes))).toBeLessThanOrEqual(DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES);

    const timeline = await stack.jobs.audit(id);
    expect(timeline.request.items).toBe(16_000);
    expect(timeline.failures).toEqual([
      expect.objectContaining({ ref: expect.stringMatching(/^FAIL-user-7-/) as unknown }),
    ]);
  });
});

/** Every object under `prefix` in `bucket`, with its bytes. */
async function objectsOf(
  moto: MotoServer,
  bucket: string,
  prefix: string,
): Promise<{ name: string; content: Buffer }[]> {
  const listed = await moto.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return Promise.all(
    (listed.Contents ?? []).map(async ({ Key }) => {
      const object = await moto.client.send(new GetObjectCommand({ Bucket: bucket, Key }));
      return { name: Key ?? '', content: Buffer.from((await object.Body?.transformToByteArray()) ?? []) };
    }),
  );
}

describe('claim check on an S3 bucket', () => {
  const bucket = `bulkflow-${randomBytes(6).toString('hex')}`;
  const prefix = 'jobs/claim-check/';
  /** In every user's id: plaintext that must never reach the bucket. */
  const marker = `S3-PLAINTEXT-MARKER-${randomBytes(6).toString('hex')}`;
  let moto: MotoServer;
  let stack: Stack;

  beforeAll(async () => {
    moto = await startMotoServer();
    await moto.createBucket(bucket);
    // Credentials reach the store only through the AWS SDK's default chain, as in a deployment.
    process.env['AWS_ACCESS_KEY_ID'] = MOTO_CREDENTIALS.accessKeyId;
    process.env['AWS_SECRET_ACCESS_KEY'] = MOTO_CREDENTIALS.secretAccessKey;
    stack = await startStack({
      name: 'claim-check-s3',
      simulators: { 'fullstory.importUsers': { pollsToComplete: 2 } },
      env: {
        BULKFLOW_CLAIM_CHECK_S3_BUCKET: bucket,
        BULKFLOW_CLAIM_CHECK_S3_ENDPOINT: moto.endpoint,
        BULKFLOW_CLAIM_CHECK_S3_PREFIX: prefix,
        BULKFLOW_CLAIM_CHECK_S3_REGION: MOTO_REGION,
        BULKFLOW_CLAIM_CHECK_S3_FORCE_PATH_STYLE: 'true',
      },
    });
  });

  afterAll(async () => {
    await stack?.close();
    await moto?.close();
    delete process.env['AWS_ACCESS_KEY_ID'];
    delete process.env['AWS_SECRET_ACCESS_KEY'];
  });

  it('runs a job over the threshold with its blobs in the bucket, holding ciphertext only', async () => {
    expect(stack.config.temporal.claimCheck).toMatchObject({ s3: { bucket, prefix, endpoint: moto.endpoint } });
    const input = {
      users: Array.from({ length: 2_000 }, (_, i) => ({
        uid: `${i === 3 ? 'FAIL-' : ''}${marker}-user-${i}`,
        email: `user-${i}@example.test`,
      })),
    };
    const id = await stack.jobs.start(
      { operation: 'fullstory.importUsers', input },
      { idempotencyKey: jobId('claim-check-s3'), requestedBy: 'ops@example.test', tuning: { pollIntervalMs: 20 } },
    );
    const result = await stack.jobs.result(id);
    expect(result.counts).toMatchObject({ total: 2_000, failed: 1, succeeded: 1_999 });

    const history = await stack.temporal.client.workflow.getHandle(id).fetchHistory();
    expect(payloadsOf(history).filter((p) => p.encoding === CLAIM_CHECK_ENCODING).length).toBeGreaterThanOrEqual(1);
    const objects = await objectsOf(moto, bucket, prefix);
    expect(objects.length).toBeGreaterThanOrEqual(1);
    expect(objects.every(({ name }) => /^jobs\/claim-check\/[0-9a-f]{64}$/.test(name))).toBe(true);
    expect(findValuesIn(objects, [marker, 'user-0@example.test'])).toEqual([]);
    // Nothing went to a directory store.
    expect(existsSync(join(stack.dir, 'blobs'))).toBe(false);

    // The audit reads the input back through the bucket: the marker was in it.
    const timeline = await stack.jobs.audit(id);
    expect(timeline.failures).toEqual([
      expect.objectContaining({ ref: expect.stringContaining(`FAIL-${marker}`) as unknown }),
    ]);
  });
});
