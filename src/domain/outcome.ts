/**
 * Pure aggregation of item outcomes and counts into a job state, and the one rule counts obey:
 * `total = succeeded + failed + skipped + pending`, every figure a whole number ≥ 0. Workflows import this file.
 */
import { ResultInvariantError } from './errors';
import type { ItemCounts, ItemOutcome, TerminalState } from './job';

const FIGURES = ['total', 'succeeded', 'failed', 'skipped', 'pending'] as const;

/** Counts as one line, e.g. `1 succeeded, 1 failed, 0 skipped, 0 pending of 1`. */
export function countsText(counts: ItemCounts): string {
  return `${counts.succeeded} succeeded, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.pending} pending of ${counts.total}`;
}

/** What is wrong with `counts`, or `undefined` when they add up and every figure is a whole number ≥ 0. */
export function countsProblem(counts: ItemCounts): string | undefined {
  const bad = FIGURES.filter((figure) => !Number.isSafeInteger(counts[figure]) || counts[figure] < 0);
  if (bad.length > 0) return `${bad.join(', ')} not a whole number ≥ 0 (${countsText(counts)})`;
  const sum = counts.succeeded + counts.failed + counts.skipped + counts.pending;
  if (sum === counts.total) return undefined;
  return `${counts.succeeded} succeeded + ${counts.failed} failed + ${counts.skipped} skipped + ${counts.pending} pending = ${sum}, not the total ${counts.total}`;
}

/** `counts`, checked. Thrown when they do not add up: ResultInvariantError naming `where`. */
export function checkedCounts(counts: ItemCounts, where: string): ItemCounts {
  const problem = countsProblem(counts);
  if (problem !== undefined) throw new ResultInvariantError('counts add up', `${where}: ${problem}`);
  return counts;
}

/**
 * Counts of `items` against `total` planned items; items never reported stay `pending`. Items must be distinct items
 * of the batch: thrown when they outnumber `total` (ResultInvariantError), since one item then has two outcomes or an
 * item from outside the batch was counted.
 */
export function countOutcomes(total: number, items: readonly ItemOutcome[]): ItemCounts {
  const counts: ItemCounts = { total, succeeded: 0, failed: 0, skipped: 0, pending: 0 };
  for (const item of items) counts[item.outcome] += 1;
  counts.pending = total - counts.succeeded - counts.failed - counts.skipped;
  return checkedCounts(counts, `${items.length} item outcomes for ${total} items`);
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
