/** Pure paging of a job's items, shared by the workflow's items query and the client. */
import type { ItemOutcome } from './job';

/** An item of the request that has no outcome yet: never started, or its provider job did not report it. */
export interface PendingItem {
  readonly ref: string;
  readonly outcome: 'pending';
}

/** An item as listings show it: its outcome, or pending. */
export type ListedItem = ItemOutcome | PendingItem;

export type ItemOutcomeKind = ListedItem['outcome'];

export interface ItemsPageRequest {
  /** Index of the first item to return, among the items that pass the filter. */
  readonly offset: number;
  readonly limit: number;
  /** Only items with this outcome. */
  readonly outcome?: ItemOutcomeKind;
}

export interface ItemsPageSlice {
  readonly items: ListedItem[];
  /** Items that pass the filter, in all pages. */
  readonly total: number;
  /** Offset of the next page; absent on the last page. */
  readonly nextOffset?: number;
}

/** The pending entries of `refs`. */
export function pendingItems(refs: readonly string[]): PendingItem[] {
  return refs.map((ref) => ({ ref, outcome: 'pending' }));
}

/** One page of `items`, filtered by outcome when asked. */
export function pageItems(items: readonly ListedItem[], request: ItemsPageRequest): ItemsPageSlice {
  const matching = request.outcome ? items.filter((item) => item.outcome === request.outcome) : items;
  const start = Math.max(0, request.offset);
  const end = start + Math.max(1, request.limit);
  const page = matching.slice(start, end);
  return end < matching.length
    ? { items: page, total: matching.length, nextOffset: end }
    : { items: page, total: matching.length };
}
