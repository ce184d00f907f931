/** Planning: the whole org is one provider request, hence one batch with no item refs. */
import { z } from 'zod';
import type { PlannedBatch } from '../../domain/job';
import { batchPayload } from '../batch-payload';
import type { WebexResendActivationEmailsInput } from './input';

/** What a batch carries: the org whose users are e-mailed. The POST has no body. */
export const ActivationEmailsBatchPayloadSchema = z.object({ orgId: z.string().min(1) });
export type ActivationEmailsBatchPayload = z.infer<typeof ActivationEmailsBatchPayloadSchema>;

/**
 * One batch for the org. `itemRefs` is empty because the population is unknown until the provider lists it: the
 * engine then takes the batch's counts from the provider's snapshot. Pure.
 */
export function planResendActivationEmails(input: WebexResendActivationEmailsInput): PlannedBatch[] {
  const payload: ActivationEmailsBatchPayload = { orgId: input.orgId };
  return [{ index: 0, key: input.orgId, itemRefs: [], payload }];
}

/**
 * The payload of a planned batch (it crossed Temporal as JSON, so it is parsed again).
 * Thrown when the payload is not an activation-email batch: InvalidRequestError on `batch.payload`.
 */
export function payloadOf(batch: PlannedBatch): ActivationEmailsBatchPayload {
  return batchPayload(ActivationEmailsBatchPayloadSchema, batch);
}
