/** Per-user outcomes of a finished batch import job, from its `/errors` and `/imports` lists. */
import type { CollectedResults, ItemOutcome, PlannedBatch, ProviderJobSnapshot } from '../../domain/job';
import type { OperationContext } from '../types';
import { fetchAllPages } from './pages';
import { payloadOf } from './plan';
import {
  BatchImportErrorsPageSchema,
  BatchImportImportsPageSchema,
  type BatchImportError,
  type BatchUserImportRequest,
  type ImportedUser,
} from './schemas';

/**
 * Reads `/errors` always and `/imports` unless the job ended COMPLETED: COMPLETED means "completed with no errors"
 * (docs/contracts.md#fullstoryimportusers-status-vocabulary), so listing 50,000 imported users page by page would only
 * confirm what the status said.
 */
export async function collectImportItems(
  ctx: OperationContext,
  jobId: string,
  batch: PlannedBatch,
  snapshot: ProviderJobSnapshot,
): Promise<CollectedResults> {
  const { requests } = payloadOf(batch).body;
  const errors = await fetchAllPages(ctx, jobId, 'errors', BatchImportErrorsPageSchema);
  const imports =
    snapshot.state === 'succeeded' ? [] : await fetchAllPages(ctx, jobId, 'imports', BatchImportImportsPageSchema);
  const items = itemsFromResults(errors, imports, batch.itemRefs, requests, snapshot);
  const inBatch = new Set(batch.itemRefs);
  const reported = items.filter((item) => inBatch.has(item.ref)).length;
  if (reported < batch.itemRefs.length) {
    const unreported = batch.itemRefs.length - reported;
    ctx.log.warn({ providerJobId: jobId, unreported }, 'fullstory listed some users neither imported nor failed');
  }
  return { items };
}

/**
 * Item outcomes in batch order: listed in `/errors` → failed (code and message as given); listed in `/imports` →
 * succeeded; a user listed in both counts as failed. Users in neither list: succeeded when the job ended COMPLETED,
 * failed with the job's reason when it ended FAILED with nothing imported, else left unreported (pending), never
 * guessed. Rows about users outside the batch (errors, then imports) are kept at the end, for the engine to report
 * as warnings.
 */
export function itemsFromResults(
  errors: readonly BatchImportError[],
  imports: readonly ImportedUser[],
  refs: readonly string[],
  requests: readonly BatchUserImportRequest[],
  snapshot: ProviderJobSnapshot,
): ItemOutcome[] {
  const refOf = refResolver(requests);
  const failed = new Map<string, ItemOutcome>();
  errors.forEach((error, i) => {
    const item = failedItem(error, refOf(error.user?.uid, error.user?.id) ?? `errors[${i}]`);
    if (!failed.has(item.ref)) failed.set(item.ref, item);
  });
  const imported = new Set(imports.flatMap((user) => refOf(user.uid, user.id) ?? []));
  const unlisted = unlistedOutcome(snapshot);
  const inBatchOrder = refs.flatMap((ref): ItemOutcome[] => {
    const listed = failed.get(ref) ?? (imported.has(ref) ? { ref, outcome: 'succeeded' } : undefined);
    if (listed) return [listed];
    return unlisted ? [unlisted(ref)] : [];
  });
  const inBatch = new Set(refs);
  const failedStrangers = [...failed.values()].filter((item) => !inBatch.has(item.ref));
  const importedStrangers = [...imported]
    .filter((ref) => !inBatch.has(ref) && !failed.has(ref))
    .map((ref): ItemOutcome => ({ ref, outcome: 'succeeded' }));
  return [...inBatchOrder, ...failedStrangers, ...importedStrangers];
}

/** Resolves a result to its uid: the uid it names, else the uid of the request that carried its FullStory `id`. */
function refResolver(
  requests: readonly BatchUserImportRequest[],
): (uid: string | null | undefined, id: string | null | undefined) => string | undefined {
  const uidById = new Map<string, string>();
  for (const request of requests) {
    if (request.id !== undefined && request.uid !== undefined) uidById.set(request.id, request.uid);
  }
  return (uid, id) => (uid ? uid : id ? (uidById.get(id) ?? id) : undefined);
}

function failedItem(error: BatchImportError, ref: string): ItemOutcome {
  const code = error.code?.trim() || 'unknown';
  const message = error.message?.trim() || `FullStory refused the user (${code})`;
  return { ref, outcome: 'failed', code, message };
}

function unlistedOutcome(snapshot: ProviderJobSnapshot): ((ref: string) => ItemOutcome) | undefined {
  switch (snapshot.state) {
    case 'succeeded':
      return (ref) => ({ ref, outcome: 'succeeded' });
    case 'failed': {
      const message = snapshot.reason ?? `FullStory batch import job ended ${snapshot.providerStatus}`;
      return (ref) => ({ ref, outcome: 'failed', code: 'JOB_FAILED', message });
    }
    case 'partial':
    case 'cancelled':
    case 'running':
      return undefined;
  }
}
