/** Requests the scenarios send: Webex Move Users jobs, each in its own org so no two share a tenant permit. */
import type { BaselineRequest } from '../activities/baselines';

export interface MoveUsersRequest {
  readonly operation: 'webex.moveUsers';
  readonly input: BaselineRequest;
}

/** `count` users moving to one location (so `count / 100` provider batches). */
export function moveUsers(orgId: string, count = 1): MoveUsersRequest {
  const users = Array.from({ length: count }, (_, i) => ({
    userId: `user-${orgId}-${i}`,
    locationId: 'loc-bench',
    extension: String(1000 + (i % 9000)),
  }));
  return { operation: 'webex.moveUsers', input: { orgId, users } };
}
