import type { PlannedBatch } from '../../../../src/domain/job';
import { MoveUsersBatchPayloadSchema, planMoveUsers } from '../../../../src/providers/webex-move-users/plan';
import { MoveUsersRequestSchema } from '../../../../src/providers/webex-move-users/schemas';
import { webexMoveUsers } from '../../../../src/providers/webex-move-users';

const users = (count: number, locationId: string, offset = 0): Array<{ userId: string; locationId: string }> =>
  Array.from({ length: count }, (_, i) => ({ userId: `user-${offset + i}`, locationId }));

describe('planMoveUsers', () => {
  const input = { users: [...users(130, 'loc-a'), ...users(120, 'loc-b', 130)] };

  it('splits 250 users over 2 locations into at least 3 batches', () => {
    expect(planMoveUsers(input).length).toBeGreaterThanOrEqual(3);
  });

  it('puts at most 100 users in a batch', () => {
    for (const batch of planMoveUsers(input)) expect(batch.itemRefs.length).toBeLessThanOrEqual(100);
  });

  it('keeps every batch to one location, named by its key', () => {
    for (const batch of planMoveUsers(input)) {
      const { body } = MoveUsersBatchPayloadSchema.parse(batch.payload);
      expect(body.usersList.map((entry) => entry.locationId)).toEqual([batch.key]);
    }
  });

  it('plans every user exactly once, in order', () => {
    const refs = planMoveUsers(input).flatMap((b: PlannedBatch) => b.itemRefs);
    expect(refs).toEqual(input.users.map((u) => u.userId));
  });

  it('numbers batches from 0', () => {
    expect(planMoveUsers(input).map((b) => b.index)).toEqual([0, 1, 2, 3]);
  });

  it('builds each payload as the exact POST body with validate false', () => {
    const [batch] = planMoveUsers({ users: [{ userId: 'u1', locationId: 'loc-a', extension: '1234' }] });
    const { body } = MoveUsersBatchPayloadSchema.parse(batch?.payload);
    expect(MoveUsersRequestSchema.parse(body)).toEqual({
      usersList: [{ locationId: 'loc-a', validate: false, users: [{ userId: 'u1', extension: '1234' }] }],
    });
  });

  it('keeps the orgId in every batch payload', () => {
    const batches = planMoveUsers({ orgId: 'org-9', users: users(150, 'loc-a') });
    expect(batches.map((b) => MoveUsersBatchPayloadSchema.parse(b.payload).orgId)).toEqual(['org-9', 'org-9']);
  });
});

describe('webexMoveUsers descriptor', () => {
  it('takes the tenant from orgId', () => {
    expect(webexMoveUsers.tenantOf({ orgId: 'org-1', users: users(1, 'loc') })).toBe('org-1');
  });

  it('declares non-idempotent starts and one provider job per org at a time', () => {
    expect(webexMoveUsers.idempotentStart).toBe(false);
    expect(webexMoveUsers.limits).toEqual({
      maxItemsPerBatch: 100,
      maxConcurrentBatches: 1,
      tenantPermits: 1,
      pollIntervalMs: 5_000,
    });
  });
});
