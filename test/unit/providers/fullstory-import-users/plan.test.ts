import { CreateBatchImportRequestSchema } from '../../../../src/providers/fullstory-import-users/schemas';
import {
  FullStoryImportBatchPayloadSchema,
  planImportUsers,
} from '../../../../src/providers/fullstory-import-users/plan';
import { fullstoryImportUsers } from '../../../../src/providers/fullstory-import-users';
import { MAX_REQUESTS_PER_BATCH } from '../../../../src/providers/fullstory-import-users/limits';
import { users } from './sim-context';

describe('planImportUsers', () => {
  const input = { users: users(2 * MAX_REQUESTS_PER_BATCH + 1) };

  it('cuts 100,001 users into batches of 50,000, 50,000 and 1', () => {
    expect(planImportUsers(input).map((b) => b.itemRefs.length)).toEqual([50_000, 50_000, 1]);
  });

  it('keeps exactly 50,000 users in one batch', () => {
    expect(planImportUsers({ users: users(MAX_REQUESTS_PER_BATCH) })).toHaveLength(1);
  });

  it('plans every user exactly once, in order, by uid', () => {
    expect(planImportUsers(input).flatMap((b) => b.itemRefs)).toEqual(input.users.map((u) => u.uid));
  });

  it('numbers batches from 0 and names each by its index range', () => {
    expect(planImportUsers(input).map((b) => [b.index, b.key])).toEqual([
      [0, 'users[0..49999]'],
      [1, 'users[50000..99999]'],
      [2, 'users[100000..100000]'],
    ]);
  });

  it('builds each payload as the exact POST body, only the fields given', () => {
    const [batch] = planImportUsers({ users: [{ uid: 'xyz123', properties: { rewards_status: 'platinum' } }] });
    const { body } = FullStoryImportBatchPayloadSchema.parse(batch?.payload);
    expect(CreateBatchImportRequestSchema.parse(body)).toEqual({
      requests: [{ uid: 'xyz123', properties: { rewards_status: 'platinum' } }],
    });
  });

  it('respects a smaller batch size when asked', () => {
    expect(planImportUsers({ users: users(5) }, 2).map((b) => b.itemRefs)).toEqual([
      ['user-0', 'user-1'],
      ['user-2', 'user-3'],
      ['user-4'],
    ]);
  });
});

describe('fullstoryImportUsers descriptor', () => {
  it('leaves the tenant to the connection (one API key is one org)', () => {
    expect(fullstoryImportUsers.tenantOf({ users: users(1) })).toBeUndefined();
  });

  it('declares idempotent starts, 100 tenant permits, 10 batches at a time and a 5 s poll', () => {
    expect(fullstoryImportUsers.idempotentStart).toBe(true);
    expect(fullstoryImportUsers.limits).toEqual({
      maxItemsPerBatch: 50_000,
      maxConcurrentBatches: 10,
      pollIntervalMs: 5_000,
      tenantPermits: 100,
    });
  });

  it('offers no dry run, pause, resume or cancel, and no reconciliation', () => {
    expect(fullstoryImportUsers.capabilities).toEqual({ dryRun: false, pause: false, resume: false, cancel: false });
    expect(fullstoryImportUsers.reconcileStart).toBeUndefined();
    expect(fullstoryImportUsers.control).toBeUndefined();
  });
});
