/** Planning: users cut, in order, into batches of at most 50,000 request objects (one create call each). */
import { z } from 'zod';
import type { PlannedBatch } from '../../domain/job';
import { batchPayload } from '../batch-payload';
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
  const batches: PlannedBatch[] = [];
  for (let start = 0; start < input.users.length; start += maxPerBatch) {
    const chunk = input.users.slice(start, start + maxPerBatch);
    const payload: FullStoryImportBatchPayload = { body: { requests: chunk.map(toRequest) } };
    batches.push({
      index: batches.length,
      key: `users[${start}..${start + chunk.length - 1}]`,
      itemRefs: chunk.map((user) => user.uid),
      payload,
    });
  }
  return batches;
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
