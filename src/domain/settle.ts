/**
 * The engine's rules for what an operation reports about a batch, the same for every operation (activities apply
 * them to every provider answer; the workflow applies `settleItems` again to state carried from older runs):
 * - one outcome per item of the request: an item reported twice is a bug of ours → ResultInvariantError;
 * - no item outside the request: a result row naming none of the batch's items is a `foreignRow` warning, never an
 *   item (a batch planned without item refs, a whole-tenant job, has no request to compare with: its rows are its
 *   items);
 * - where a finished job's counts and its item pages disagree, a `countsDisagree` warning with both figures;
 * - a provider job's figures are counts (`checkSnapshot`), else the answer is outside the contract; figures of more
 *   users than the job holds are the provider contradicting itself: a `countsExceedTotal` warning, and the per-user
 *   pages are read all the same.
 * Pure: workflows import this file.
 */
import { ResultInvariantError } from './errors';
import type { ItemCounts, ItemOutcome, JobWarning, PlannedBatch, ProviderFigures, ProviderJobSnapshot } from './job';
import { emptyCounts } from './job';
import { countOutcomes, countsText } from './outcome';

/** The items of one batch as the engine keeps them, and the warnings found on the way. */
export interface SettledItems {
  readonly items: ItemOutcome[];
  readonly warnings: JobWarning[];
}

/** Where reported items come from. */
export interface ItemsSource {
  readonly batch: Pick<PlannedBatch, 'index' | 'itemRefs'>;
  readonly providerJobId?: string;
  /** The finished job's snapshot, when the items come from a provider job (absent for a dry run). */
  readonly snapshot?: ProviderJobSnapshot;
}

/**
 * The items of the batch among `reported`, in their order, and the warnings. Thrown when an item of the batch is
 * reported twice: ResultInvariantError.
 */
export function settleItems(reported: readonly ItemOutcome[], source: ItemsSource): SettledItems {
  const { itemRefs } = source.batch;
  const wholeTenant = itemRefs.length === 0;
  const refs = new Set(itemRefs);
  const items = wholeTenant ? [...reported] : reported.filter((item) => refs.has(item.ref));
  requireDistinct(items, source.batch.index);
  const foreign = wholeTenant ? [] : reported.filter((item) => !refs.has(item.ref)).map((i) => foreignRow(i, source));
  const contradictions = [countsDisagreement(items, source), exceededTotal(source)].flatMap((w) => w ?? []);
  return { items, warnings: [...foreign, ...contradictions] };
}

/** A snapshot the engine can stand on, or the figures that are not counts at all (an answer outside the contract). */
export type SnapshotCheck =
  | { readonly kind: 'held'; readonly snapshot: ProviderJobSnapshot }
  | { readonly kind: 'notCounts'; readonly problem: string };

const FIGURES = ['total', 'succeeded', 'failed', 'skipped'] as const;

/**
 * A provider job's snapshot held to the engine's rules. Its figures must be whole numbers ≥ 0 (else `notCounts`: the
 * answer is outside the contract). More outcomes than the total is the provider contradicting itself, never a reason
 * to leave the batch's users unreported: the snapshot is held with its state and words, its figures kept in
 * `providerFigures`, and counts the engine can stand on (`countsWithin`); collecting then reads the per-user pages.
 * Thrown when the operation's mapping broke the engine's rules (a batch's total other than its size, or pending other
 * than the rest): ResultInvariantError, a bug of ours.
 */
export function checkSnapshot(
  batch: Pick<PlannedBatch, 'index' | 'itemRefs'>,
  snapshot: ProviderJobSnapshot,
): SnapshotCheck {
  const { counts } = snapshot;
  const notCounts = FIGURES.filter((figure) => !Number.isSafeInteger(counts[figure]) || counts[figure] < 0);
  if (notCounts.length > 0) {
    return { kind: 'notCounts', problem: `${notCounts.join(', ')} not a whole number ≥ 0 (${countsText(counts)})` };
  }
  const size = batch.itemRefs.length;
  const where = `batch ${batch.index}`;
  if (size > 0 && counts.total !== size) {
    throw new ResultInvariantError('counts cover the batch', `${where}: ${counts.total} counted, ${size} sent`);
  }
  const outcomes = counts.succeeded + counts.failed + counts.skipped;
  if (outcomes > counts.total) {
    const providerFigures: ProviderFigures = {
      total: counts.total,
      succeeded: counts.succeeded,
      failed: counts.failed,
      skipped: counts.skipped,
    };
    return { kind: 'held', snapshot: { ...snapshot, counts: countsWithin(size, providerFigures), providerFigures } };
  }
  if (counts.pending !== counts.total - outcomes) {
    throw new ResultInvariantError('pending is the rest', `${where}: ${countsText(counts)}`);
  }
  return { kind: 'held', snapshot };
}

/**
 * Counts the engine can stand on when the provider's figures cannot all be true (docs/decisions.md, "A summary that
 * counts more users than the job holds"). A batch of items: every user pending until its per-user pages are read,
 * since no figure says which of them it counts. A whole-tenant job, whose pages list only what went wrong: each
 * outcome as the provider counted it, over a total raised to their sum, since the outcomes count users the job acted
 * on and its total lags behind them (0 until the job has listed the org).
 */
export function countsWithin(size: number, figures: ProviderFigures): ItemCounts {
  if (size > 0) return emptyCounts(size);
  const { succeeded, failed, skipped } = figures;
  return { total: succeeded + failed + skipped, succeeded, failed, skipped, pending: 0 };
}

function requireDistinct(items: readonly ItemOutcome[], batch: number): void {
  const seen = new Set<string>();
  for (const { ref } of items) {
    if (seen.has(ref)) {
      throw new ResultInvariantError('one outcome per item', `batch ${batch}: item ${JSON.stringify(ref)} twice`);
    }
    seen.add(ref);
  }
}

function where(source: ItemsSource): { batch: number; providerJobId?: string } {
  const { providerJobId } = source;
  return { batch: source.batch.index, ...(providerJobId === undefined ? {} : { providerJobId }) };
}

function foreignRow(item: ItemOutcome, source: ItemsSource): JobWarning {
  const said = [item.outcome, item.code, item.message].filter((part) => part !== undefined).join(', ');
  return {
    kind: 'foreignRow',
    ...where(source),
    ref: item.ref,
    outcome: item.outcome,
    ...(item.code === undefined ? {} : { code: item.code }),
    message: `a result row names ${JSON.stringify(item.ref)}, which is not in batch ${source.batch.index} (${said}); kept as a warning, not as an item`,
  };
}

const OUTCOMES = ['succeeded', 'failed', 'skipped'] as const;

/**
 * The pages disagree with the counts when they show fewer items of an outcome than the provider counted, or more than
 * its count plus the items it left pending. A whole-tenant job's pages list only what went wrong: its successes are
 * not compared.
 */
function countsDisagreement(items: readonly ItemOutcome[], source: ItemsSource): JobWarning | undefined {
  const { snapshot } = source;
  if (snapshot === undefined || snapshot.state === 'running') return undefined;
  const wholeTenant = source.batch.itemRefs.length === 0;
  const provider = snapshot.counts;
  const pages = wholeTenant ? listed(items) : countOutcomes(source.batch.itemRefs.length, items);
  const compared = wholeTenant ? OUTCOMES.filter((o) => o !== 'succeeded') : OUTCOMES;
  const agree = compared.every((o) => pages[o] >= provider[o] && pages[o] <= provider[o] + provider.pending);
  if (agree) return undefined;
  return {
    kind: 'countsDisagree',
    ...where(source),
    providerCounts: provider,
    itemCounts: pages,
    message: `the provider counted ${countsText(provider)} in batch ${source.batch.index}, but its item pages give ${countsText(pages)}`,
  };
}

/** The warning of a snapshot whose figures count more users than its total. */
function exceededTotal(source: ItemsSource): JobWarning | undefined {
  const figures = source.snapshot?.providerFigures;
  if (figures === undefined) return undefined;
  const { succeeded, failed, skipped, total } = figures;
  const counted = `${succeeded} succeeded, ${failed} failed, ${skipped} skipped: ${succeeded + failed + skipped} users`;
  const against = source.batch.itemRefs.length > 0 ? `the ${total} it was sent` : `its own total of ${total}`;
  const kept = source.batch.itemRefs.length > 0 ? 'its per-user pages decide' : 'its outcome figures are kept';
  return {
    kind: 'countsExceedTotal',
    ...where(source),
    providerFigures: figures,
    message: `the provider counted ${counted} in batch ${source.batch.index}, more than ${against}; ${kept}`,
  };
}

/** Counts of the rows a whole-tenant job listed (they are all the items it names). */
function listed(items: readonly ItemOutcome[]): ItemCounts {
  return countOutcomes(items.length, items);
}
