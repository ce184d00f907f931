/** Planning: users grouped by target location, each group cut into requests of at most 100 users. */
import { z } from 'zod';
import type { PlannedBatch } from '../../domain/job';
import { batchPayload } from '../batch-payload';
import { chunksOf } from '../chunks';
import type { WebexMoveUserInput, WebexMoveUsersInput } from './input';
import { MAX_USERS_PER_REQUEST } from './limits';
import { MoveUsersRequestSchema, type MoveUser } from './schemas';

/** What a batch carries: the org to act in and the exact POST body of its one request. */
export const MoveUsersBatchPayloadSchema = z.object({
  orgId: z.string().optional(),
  body: MoveUsersRequestSchema,
});
export type MoveUsersBatchPayload = z.infer<typeof MoveUsersBatchPayloadSchema>;

/** Splits a valid input into batches; key = target locationId, itemRefs = userIds. Pure. */
export function planMoveUsers(input: WebexMoveUsersInput, maxPerBatch = MAX_USERS_PER_REQUEST): PlannedBatch[] {
  const batches: PlannedBatch[] = [];
  for (const [locationId, users] of groupByLocation(input.users)) {
    for (const { items } of chunksOf(users, maxPerBatch)) {
      const payload: MoveUsersBatchPayload = {
        ...(input.orgId === undefined ? {} : { orgId: input.orgId }),
        body: { usersList: [{ locationId, validate: false, users: items }] },
      };
      batches.push({ index: batches.length, key: locationId, itemRefs: items.map((u) => u.userId), payload });
    }
  }
  return batches;
}

function groupByLocation(users: readonly WebexMoveUserInput[]): Map<string, MoveUser[]> {
  const groups = new Map<string, MoveUser[]>();
  for (const { locationId, userId, phoneNumber, extension } of users) {
    const user: MoveUser = {
      userId,
      ...(extension === undefined ? {} : { extension }),
      ...(phoneNumber === undefined ? {} : { phoneNumber }),
    };
    const group = groups.get(locationId);
    if (group) group.push(user);
    else groups.set(locationId, [user]);
  }
  return groups;
}

/**
 * The payload of a planned batch (it crossed Temporal as JSON, so it is parsed again).
 * Thrown when the payload is not a Move Users batch: InvalidRequestError on `batch.payload`.
 */
export function payloadOf(batch: PlannedBatch): MoveUsersBatchPayload {
  return batchPayload(MoveUsersBatchPayloadSchema, batch);
}

/** The users of a batch, with their target location, in request order. */
export function usersOf(payload: MoveUsersBatchPayload): Array<MoveUser & { locationId: string }> {
  return payload.body.usersList.flatMap((entry) => entry.users.map((u) => ({ ...u, locationId: entry.locationId })));
}
