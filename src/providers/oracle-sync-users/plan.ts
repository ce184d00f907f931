/** Planning: added, then modified, then deleted users, cut into requests of at most `MAX_USERS_PER_REQUEST` users. */
import { z } from 'zod';
import type { PlannedBatch } from '../../domain/job';
import { batchPayload } from '../batch-payload';
import { chunksOf } from '../chunks';
import type { OracleSyncUsersInput, OracleUserInput } from './input';
import { MAX_USERS_PER_REQUEST } from './limits';
import { UserDataStoreRequestSchema, type OracleUser, type UserDataStoreRequest } from './schemas';

/** What a batch carries: the exact POST body (`UserDataStore`) of its one request. */
export const OracleSyncUsersBatchPayloadSchema = z.object({ body: UserDataStoreRequestSchema });
export type OracleSyncUsersBatchPayload = z.infer<typeof OracleSyncUsersBatchPayloadSchema>;

type Entry =
  | { readonly list: 'added' | 'modified'; readonly user: OracleUserInput }
  | { readonly list: 'deleted'; readonly loginId: string };

/** Splits a valid input into batches; itemRefs = login ids (added, modified, deleted order). Pure. */
export function planSyncUsers(input: OracleSyncUsersInput, maxPerBatch = MAX_USERS_PER_REQUEST): PlannedBatch[] {
  const entries: Entry[] = [
    ...(input.added ?? []).map((user): Entry => ({ list: 'added', user })),
    ...(input.modified ?? []).map((user): Entry => ({ list: 'modified', user })),
    ...(input.deleted ?? []).map((loginId): Entry => ({ list: 'deleted', loginId })),
  ];
  return chunksOf(entries, maxPerBatch).map(({ items }, index) => {
    const body = bodyOf(items);
    const payload: OracleSyncUsersBatchPayload = { body };
    return { index, key: keyOf(body), itemRefs: loginIdsOf(body), payload };
  });
}

function bodyOf(entries: readonly Entry[]): UserDataStoreRequest {
  const added: OracleUser[] = [];
  const modified: OracleUser[] = [];
  const deleted: string[] = [];
  for (const entry of entries) {
    if (entry.list === 'deleted') deleted.push(entry.loginId);
    else (entry.list === 'added' ? added : modified).push(entry.user);
  }
  // Empty lists are left out, as in Oracle's documented example (fixture oracle-primavera-admin-create-user-request).
  return {
    ...(added.length > 0 ? { added } : {}),
    ...(modified.length > 0 ? { modified } : {}),
    ...(deleted.length > 0 ? { deleted } : {}),
  };
}

/** The login ids of a POST body, in request order: added, modified, deleted. */
export function loginIdsOf(body: UserDataStoreRequest): string[] {
  return [...(body.added ?? []), ...(body.modified ?? [])].map((u) => u.loginId).concat(body.deleted ?? []);
}

/** A key for logs and audit without personal data, e.g. `added=3 modified=0 deleted=1`. */
function keyOf(body: UserDataStoreRequest): string {
  const count = (list: readonly unknown[] | undefined): number => list?.length ?? 0;
  return `added=${count(body.added)} modified=${count(body.modified)} deleted=${count(body.deleted)}`;
}

/**
 * The payload of a planned batch (it crossed Temporal as JSON, so it is parsed again).
 * Thrown when the payload is not an Oracle user-sync batch: InvalidRequestError on `batch.payload`.
 */
export function payloadOf(batch: PlannedBatch): OracleSyncUsersBatchPayload {
  return batchPayload(OracleSyncUsersBatchPayloadSchema, batch);
}
