/** Pure aggregation of item outcomes and counts into a job state. Workflows import this file. */
import type { ItemCounts, ItemOutcome, TerminalState } from './job';

/** Counts of `items` against `total` planned items; items never reported stay `pending`. */
export function countOutcomes(total: number, items: readonly ItemOutcome[]): ItemCounts {
  const counts: ItemCounts = { total, succeeded: 0, failed: 0, skipped: 0, pending: 0 };
  for (const item of items) counts[item.outcome] += 1;
  counts.pending = Math.max(0, total - counts.succeeded - counts.failed - counts.skipped);
  return counts;
}

/** Adds counts field by field. */
export function addCounts(a: ItemCounts, b: ItemCounts): ItemCounts {
  return {
    total: a.total + b.total,
    succeeded: a.succeeded + b.succeeded,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
    pending: a.pending + b.pending,
  };
}

/** The job state that counts imply: nothing failed → succeeded; nothing succeeded → failed; else partial. */
export function stateFromCounts(counts: ItemCounts): Exclude<TerminalState, 'cancelled'> {
  const done = counts.succeeded + counts.skipped;
  if (counts.failed === 0 && counts.pending === 0) return 'succeeded';
  if (done === 0) return 'failed';
  return 'partial';
}
