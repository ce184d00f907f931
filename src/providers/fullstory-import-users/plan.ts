/** Planning: users cut, in order, into batches of at most 50,000 request objects (one create call each). */
import { z } from 'zod';
import type { PlannedBatch } from '../../domain/job';
import { batchPayload } from '../batch-payload';
import { chunksOf } from '../chunks';
import type { FullStoryImportUserInput, FullStoryImportUsersInput } from './input';
import { MAX_REQUESTS_PER_BATCH } from './limits';
import { CreateBatchImportRequestSchema, type BatchUserImportRequest } from './schemas';

/** What a batch carries: the exact POST body of its one create call. */
export const FullStoryImportBatchPayloadSchema = z.object({ body: CreateBatchImportRequestSchema });
export type FullStoryImportBatchPayload = z.infer<typeof FullStoryImportBatchPayloadSchema>;

/** Splits a valid input into batches; key = the users' index range, itemRefs = uids. Pure. */
export function planImportUsers(
  input: FullStoryImportUsersInput,
  maxPerBatch = MAX_REQUESTS_PER_BATCH,
): PlannedBatch[] {
  return chunksOf(input.users, maxPerBatch).map(({ start, items }, index) => {
    const payload: FullStoryImportBatchPayload = { body: { requests: items.map(toRequest) } };
    return {
      index,
      key: `users[${start}..${start + items.length - 1}]`,
      itemRefs: items.map((user) => user.uid),
      payload,
    };
  });
}

function toRequest(user: FullStoryImportUserInput): BatchUserImportRequest {
  const { uid, id, display_name, email, properties, schema } = user;
  return {
    uid,
    ...(id === undefined ? {} : { id }),
    ...(display_name === undefined ? {} : { display_name }),
    ...(email === undefined ? {} : { email }),
    ...(properties === undefined ? {} : { properties }),
    ...(schema === undefined ? {} : { schema }),
  };
}

/**
 * The payload of a planned batch (it crossed Temporal as JSON, so it is parsed again).
 * Thrown when the payload is not a FullStory import batch: InvalidRequestError on `batch.payload`.
 */
export function payloadOf(batch: PlannedBatch): FullStoryImportBatchPayload {
  return batchPayload(FullStoryImportBatchPayloadSchema, batch);
}
