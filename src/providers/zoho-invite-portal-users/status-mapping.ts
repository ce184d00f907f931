/**
 * Pure mapping of a portal invite job (docs/contracts.md#zohoinviteportalusers-status-vocabulary) to the normalized
 * `ProviderJobSnapshot`.
 */
import { emptyCounts } from '../../domain/job';
import type { ProviderJobSnapshot } from '../../domain/job';
import { countOutcomes, stateFromCounts } from '../../domain/outcome';
import { itemsFromRecords } from './record-matching';
import type { PortalInviteJob } from './schemas';

/**
 * Maps a job to a snapshot for the batch of `refs`. `completed` is the only documented terminal status and carries
 * no overall verdict: the per-record outcomes make it succeeded, partial or failed. `in_progress` (with `data: null`)
 * and any undocumented status are running, so an unknown word never ends a job early.
 */
export function mapPortalInviteJob(
  job: Pick<PortalInviteJob, 'status' | 'data'>,
  refs: readonly string[],
): ProviderJobSnapshot {
  const providerStatus = job.status;
  if (providerStatus !== 'completed') return { state: 'running', counts: emptyCounts(refs.length), providerStatus };
  // Entries naming no record of the batch are no outcome of ours (the engine keeps them as warnings).
  const inBatch = new Set(refs);
  const items = itemsFromRecords(job.data ?? [], refs).filter((item) => inBatch.has(item.ref));
  const counts = countOutcomes(refs.length, items);
  const state = stateFromCounts(counts);
  if (state !== 'failed') return { state, counts, providerStatus };
  return { state, counts, providerStatus, reason: 'Zoho completed the portal invite job without inviting any record' };
}
