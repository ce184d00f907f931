import { addCounts, countOutcomes, stateFromCounts } from '../../../src/domain/outcome';
import type { ItemCounts, ItemOutcome } from '../../../src/domain/job';

const item = (ref: string, outcome: ItemOutcome['outcome']): ItemOutcome => ({ ref, outcome });
const counts = (c: Partial<ItemCounts>): ItemCounts => ({
  total: 0,
  succeeded: 0,
  failed: 0,
  skipped: 0,
  pending: 0,
  ...c,
});

describe('countOutcomes', () => {
  it('counts items by outcome and leaves the unreported ones pending', () => {
    const items = [item('a', 'succeeded'), item('b', 'succeeded'), item('c', 'failed'), item('d', 'skipped')];
    expect(countOutcomes(6, items)).toEqual({ total: 6, succeeded: 2, failed: 1, skipped: 1, pending: 2 });
  });

  it('never reports a negative pending count when more items than planned come back', () => {
    expect(countOutcomes(1, [item('a', 'succeeded'), item('b', 'failed')]).pending).toBe(0);
  });

  it('reports everything pending when no item came back', () => {
    expect(countOutcomes(3, [])).toEqual(counts({ total: 3, pending: 3 }));
  });
});

describe('addCounts', () => {
  it('adds counts field by field', () => {
    const a = { total: 5, succeeded: 1, failed: 2, skipped: 1, pending: 1 };
    const b = { total: 10, succeeded: 3, failed: 0, skipped: 2, pending: 5 };
    expect(addCounts(a, b)).toEqual({ total: 15, succeeded: 4, failed: 2, skipped: 3, pending: 6 });
  });
});

describe('stateFromCounts', () => {
  it('is succeeded when nothing failed and nothing is pending', () => {
    expect(stateFromCounts(counts({ total: 3, succeeded: 2, skipped: 1 }))).toBe('succeeded');
  });

  it('is succeeded for an empty job', () => {
    expect(stateFromCounts(counts({}))).toBe('succeeded');
  });

  it('is failed when every item failed', () => {
    expect(stateFromCounts(counts({ total: 2, failed: 2 }))).toBe('failed');
  });

  it('is failed when no item succeeded and some are still pending', () => {
    expect(stateFromCounts(counts({ total: 3, pending: 3 }))).toBe('failed');
  });

  it('is partial when some items succeeded and some failed', () => {
    expect(stateFromCounts(counts({ total: 3, succeeded: 2, failed: 1 }))).toBe('partial');
  });

  it('is partial when some items succeeded and the rest never reported', () => {
    expect(stateFromCounts(counts({ total: 3, succeeded: 1, pending: 2 }))).toBe('partial');
  });

  it('is partial when only skipped items stand against failures', () => {
    expect(stateFromCounts(counts({ total: 2, skipped: 1, failed: 1 }))).toBe('partial');
  });
});
