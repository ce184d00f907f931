/**
 * The claim check on the real dev server. First the limit it exists for, kept as an experiment: a ~2.4 MB request
 * sent without it is refused by Temporal. Then the same request through a client and workers with the claim check
 * runs end to end, and every payload left in history stays under the threshold; the audit still reads it all.
 */
import { WorkflowIdConflictPolicy } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { CLAIM_CHECK_ENCODING, DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES } from '../../src/claim-check';
import { WORKFLOW_TYPE } from '../../src/workflows/definitions';
import { jobId } from '../helpers/jobs';
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
