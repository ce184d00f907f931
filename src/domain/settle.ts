/**
 * The engine's rules for what an operation reports about a batch, the same for every operation (activities apply
 * them to every provider answer; the workflow applies `settleItems` again to state carried from older runs):
 * - one outcome per item of the request: an item reported twice is a bug of ours → ResultInvariantError;
 * - no item outside the request: a result row naming none of the batch's items is a `foreignRow` warning, never an
 *   item (a batch planned without item refs, a whole-tenant job, has no request to compare with: its rows are its
 *   items);
 * - where a finished job's counts and its item pages disagree, a `countsDisagree` warning with both figures;
 * - a provider job's counts add up and cover the batch (`snapshotProblem`), else the answer is outside the contract.
 * Pure: workflows import this file.
 */
import { ResultInvariantError } from './errors';
import type { ItemCounts, ItemOutcome, JobWarning, PlannedBatch, ProviderJobSnapshot } from './job';
import { countOutcomes, countsProblem, countsText } from './outcome';

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
  const disagreement = countsDisagreement(items, source);
  return { items, warnings: disagreement ? [...foreign, disagreement] : foreign };
}

/**
 * What makes a provider job's snapshot impossible, or `undefined`: counts that do not add up, and, for a batch of
 * items, a total other than the batch's size.
 */
export function snapshotProblem(
  batch: Pick<PlannedBatch, 'itemRefs'>,
  snapshot: Pick<ProviderJobSnapshot, 'counts'>,
): string | undefined {
  const problem = countsProblem(snapshot.counts);
  if (problem !== undefined) return `counts do not add up: ${problem}`;
  const size = batch.itemRefs.length;
  if (size > 0 && snapshot.counts.total !== size) {
    return `counts cover ${snapshot.counts.total} items, not the batch's ${size}`;
  }
  return undefined;
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

/** Counts of the rows a whole-tenant job listed (they are all the items it names). */
function listed(items: readonly ItemOutcome[]): ItemCounts {
  return countOutcomes(items.length, items);
}
