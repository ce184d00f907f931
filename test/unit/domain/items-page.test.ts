/** Paging of item outcomes (the workflow's items query and the client share it). */
import { pageItems, pendingItems } from '../../../src/domain/items-page';
import type { ItemOutcome } from '../../../src/domain/job';

const items: ItemOutcome[] = Array.from({ length: 5 }, (_, i) => ({
  ref: `u${i}`,
  outcome: i % 2 ? 'failed' : 'succeeded',
}));

describe('pageItems', () => {
  it('returns a page and the offset of the next one', () => {
    expect(pageItems(items, { offset: 0, limit: 2 })).toEqual({ items: items.slice(0, 2), total: 5, nextOffset: 2 });
    expect(pageItems(items, { offset: 4, limit: 2 })).toEqual({ items: items.slice(4), total: 5 });
  });

  it('lists pending items beside outcomes, and filters on pending like any outcome', () => {
    const listed = [...items, ...pendingItems(['p1', 'p2'])];
    expect(pageItems(listed, { offset: 0, limit: 10 }).total).toBe(7);
    expect(pageItems(listed, { offset: 0, limit: 10, outcome: 'pending' })).toEqual({
      items: [
        { ref: 'p1', outcome: 'pending' },
        { ref: 'p2', outcome: 'pending' },
      ],
      total: 2,
    });
  });

  it('filters by outcome before paging', () => {
    expect(pageItems(items, { offset: 1, limit: 10, outcome: 'failed' })).toEqual({ items: [items[3]], total: 2 });
  });
});
