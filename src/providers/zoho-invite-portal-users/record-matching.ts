/**
 * Per-record outcomes of a completed job, matched to the records we sent. Zoho names a record by `details.id`, but
 * leaves `details` empty when it could not resolve the record (the documented "Invalid type for the portal invite"
 * example, docs/contracts.md#zohoinviteportalusers-per-item-results). Such an entry is matched by position when the
 * answer visibly keeps the request order (same length, every named record at its own index), else by elimination when
 * it is the only one left for the only record left; otherwise it is reported as `unknown-<n>` (n = its index in `data`)
 * with its own outcome.
 */
import type { ItemOutcome } from '../../domain/job';
import type { PortalInviteRecordResult } from './schemas';

/**
 * A record succeeded when Zoho says `code: SUCCESS` (or `status: success`) and not `status: error`; `CANNOT_PROCESS`
 * and any other code fail it.
 */
export function recordOutcomeOf(result: Pick<PortalInviteRecordResult, 'code' | 'status'>): 'succeeded' | 'failed' {
  if (result.status === 'error') return 'failed';
  return result.code === 'SUCCESS' || result.status === 'success' ? 'succeeded' : 'failed';
}

/** Code of a record a completed job did not mention at all. */
export const NOT_REPORTED_CODE = 'NOT_REPORTED';

interface Matching {
  readonly byRef: Map<string, ItemOutcome>;
  /** Indexes in `data` of entries not matched to a record of the batch. */
  leftovers: number[];
}

/**
 * One item per record of `refs`, in request order, followed by the entries that could not be matched. Records the
 * job did not mention fail with {@link NOT_REPORTED_CODE}, unless unmatched entries remain: one of those may be
 * theirs, so their outcome is left unknown (pending) rather than guessed.
 */
export function itemsFromRecords(data: readonly PortalInviteRecordResult[], refs: readonly string[]): ItemOutcome[] {
  const matching = matchById(data, refs);
  matchByPosition(matching, data, refs);
  matchByElimination(matching, data, refs);
  const { byRef, leftovers } = matching;
  const unreported = (ref: string): ItemOutcome[] =>
    leftovers.length > 0
      ? []
      : [{ ref, outcome: 'failed', code: NOT_REPORTED_CODE, message: 'the completed job reported nothing for it' }];
  const ours = refs.flatMap((ref) => {
    const item = byRef.get(ref);
    return item ? [item] : unreported(ref);
  });
  // An entry naming a record outside the batch keeps that id; a nameless (or repeated) one becomes unknown-<n>.
  const refOf = (i: number, id = data[i]?.details.id): string =>
    id !== undefined && !refs.includes(id) ? id : `unknown-${i}`;
  const others = leftovers.map((i) => itemOf(refOf(i), data[i]));
  return [...ours, ...others];
}

function matchById(data: readonly PortalInviteRecordResult[], refs: readonly string[]): Matching {
  const inBatch = new Set(refs);
  const byRef = new Map<string, ItemOutcome>();
  const leftovers: number[] = [];
  data.forEach((result, i) => {
    const id = result.details.id;
    if (id !== undefined && inBatch.has(id) && !byRef.has(id)) byRef.set(id, itemOf(id, result));
    else leftovers.push(i);
  });
  return { byRef, leftovers };
}

/** Entries without an id take the record at their index, when every named entry sits at its own record's index. */
function matchByPosition(m: Matching, data: readonly PortalInviteRecordResult[], refs: readonly string[]): void {
  if (data.length !== refs.length || m.leftovers.length === 0) return;
  const ordered = data.every((result, i) => result.details.id === undefined || result.details.id === refs[i]);
  if (!ordered) return;
  m.leftovers = m.leftovers.filter((i) => {
    const ref = refs[i];
    if (ref === undefined || m.byRef.has(ref) || data[i]?.details.id !== undefined) return true;
    m.byRef.set(ref, itemOf(ref, data[i]));
    return false;
  });
}

/** The only entry without an id left, for the only record left: theirs by elimination. */
function matchByElimination(m: Matching, data: readonly PortalInviteRecordResult[], refs: readonly string[]): void {
  const [only] = m.leftovers;
  const missing = refs.filter((ref) => !m.byRef.has(ref));
  const [ref] = missing;
  if (m.leftovers.length !== 1 || only === undefined || missing.length !== 1 || ref === undefined) return;
  if (data[only]?.details.id !== undefined) return;
  m.byRef.set(ref, itemOf(ref, data[only]));
  m.leftovers = [];
}

function itemOf(ref: string, result: PortalInviteRecordResult | undefined): ItemOutcome {
  if (result === undefined) return { ref, outcome: 'failed', code: NOT_REPORTED_CODE };
  if (recordOutcomeOf(result) === 'succeeded') return { ref, outcome: 'succeeded' };
  return { ref, outcome: 'failed', code: result.code, message: result.message ?? result.code };
}
