import type { PlannedBatch } from '../../../../src/domain/job';
import { OracleSyncUsersBatchPayloadSchema, planSyncUsers } from '../../../../src/providers/oracle-sync-users/plan';
import { oracleSyncUsers, createOracleSyncUsersOperation } from '../../../../src/providers/oracle-sync-users';
import { MAX_USERS_PER_REQUEST } from '../../../../src/providers/oracle-sync-users/limits';
import { UserDataStoreRequestSchema } from '../../../../src/providers/oracle-sync-users/schemas';
import { user } from './sim-context';

const users = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => user(`${prefix}${i}`));
const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('planSyncUsers', () => {
  const input = { added: users(600, 'A'), modified: users(300, 'M'), deleted: ids(150, 'D') };

  it('cuts 1050 users into batches of at most 500 (the chosen request size)', () => {
    expect(MAX_USERS_PER_REQUEST).toBe(500);
    expect(planSyncUsers(input).map((b) => b.itemRefs.length)).toEqual([500, 500, 50]);
  });

  it('plans every user exactly once, added then modified then deleted', () => {
    const refs = planSyncUsers(input).flatMap((b: PlannedBatch) => b.itemRefs);
    expect(refs).toEqual([...ids(600, 'A'), ...ids(300, 'M'), ...ids(150, 'D')]);
  });

  it('splits lists across batch boundaries into each batch’s own UserDataStore', () => {
    const [, second] = planSyncUsers(input);
    const { body } = OracleSyncUsersBatchPayloadSchema.parse(second?.payload);
    expect([body.added?.length, body.modified?.length, body.deleted]).toEqual([100, 300, ids(100, 'D')]);
    expect(second?.key).toBe('added=100 modified=300 deleted=100');
  });

  it('builds the exact POST body, leaving empty lists out like the documented example', () => {
    const [batch] = planSyncUsers({ added: [user('JSMITH')] });
    const { body } = OracleSyncUsersBatchPayloadSchema.parse(batch?.payload);
    expect(UserDataStoreRequestSchema.parse(body)).toEqual({ added: [user('JSMITH')] });
    expect(Object.keys(body)).toEqual(['added']);
  });

  it('numbers batches from 0', () => {
    expect(planSyncUsers(input).map((b) => b.index)).toEqual([0, 1, 2]);
  });

  it('honours a configured request size', () => {
    const op = createOracleSyncUsersOperation({ maxUsersPerRequest: 100 });
    expect(op.plan({ deleted: ids(250, 'D') }).map((b) => b.itemRefs.length)).toEqual([100, 100, 50]);
    expect(op.limits.maxItemsPerBatch).toBe(100);
  });
});

describe('oracleSyncUsers descriptor', () => {
  it('names no tenant, so the engine uses the connection (one Oracle instance)', () => {
    expect(oracleSyncUsers.tenantOf({ deleted: ['D'] })).toBeUndefined();
  });

  it('allows one job per tenant and one batch at a time, polling every 5 s', () => {
    expect(oracleSyncUsers.limits).toEqual({
      maxItemsPerBatch: 500,
      maxConcurrentBatches: 1,
      pollIntervalMs: 5_000,
      tenantPermits: 1,
    });
  });

  it('declares a non-idempotent start, no reconciliation and no dry run, pause, resume or cancel', () => {
    expect(oracleSyncUsers.idempotentStart).toBe(false);
    expect(oracleSyncUsers.reconcileStart).toBeUndefined();
    expect(oracleSyncUsers.control).toBeUndefined();
    expect(oracleSyncUsers.capabilities).toEqual({ dryRun: false, pause: false, resume: false, cancel: false });
  });
});
