/** Planning: invites cut, in input order, into bulk requests of at most {@link MAX_RECORDS_PER_REQUEST} records. */
import { z } from 'zod';
import type { PlannedBatch } from '../../domain/job';
import { batchPayload } from '../batch-payload';
import { chunksOf } from '../chunks';
import type { ZohoInvitePortalUsersInput, ZohoInvitePortalUserInput } from './input';
import { MAX_RECORDS_PER_REQUEST, ZOHO_API_VERSIONS } from './limits';
import { PortalInviteRequestSchema, type PortalInviteRecord } from './schemas';

/** What a batch carries: where to send it and the exact POST body of its one request. */
export const PortalInviteBatchPayloadSchema = z.object({
  apiVersion: z.enum(ZOHO_API_VERSIONS),
  module: z.string().min(1),
  body: PortalInviteRequestSchema,
});
export type PortalInviteBatchPayload = z.infer<typeof PortalInviteBatchPayloadSchema>;

/** Splits a valid input into batches; key = module, itemRefs = record ids (strings, digit for digit). Pure. */
export function planPortalInvites(
  input: ZohoInvitePortalUsersInput,
  maxPerBatch = MAX_RECORDS_PER_REQUEST,
): PlannedBatch[] {
  return chunksOf(input.invites, maxPerBatch).map(({ items }, index) => {
    const payload: PortalInviteBatchPayload = {
      apiVersion: input.apiVersion,
      module: input.module,
      body: { portal_invite: [{ data: items.map(toWireRecord) }] },
    };
    return { index, key: input.module, itemRefs: items.map((r) => r.id), payload };
  });
}

/** Ids go out as JSON strings: Zoho's own sample sends them so, and a number would lose digits above 2^53. */
function toWireRecord({ id, userTypeId, type, language }: ZohoInvitePortalUserInput): PortalInviteRecord {
  return { id, user_type_id: userTypeId, type, ...(language === undefined ? {} : { language }) };
}

/**
 * The payload of a planned batch (it crossed Temporal as JSON, so it is parsed again).
 * Thrown when the payload is not a portal invite batch: InvalidRequestError on `batch.payload`.
 */
export function payloadOf(batch: PlannedBatch): PortalInviteBatchPayload {
  return batchPayload(PortalInviteBatchPayloadSchema, batch);
}
