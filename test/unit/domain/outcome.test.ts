import { addCounts, checkedCounts, countOutcomes, countsProblem, stateFromCounts } from '../../../src/domain/outcome';
import { thrownBy } from '../../helpers/thrown';
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

  it('refuses to count more outcomes than items (1 = 1 + 1 is a broken result, never clamped away)', () => {
    const err = thrownBy(() => countOutcomes(1, [item('a', 'succeeded'), item('b', 'failed')]));
    expect(err).toMatchObject({ name: 'ResultInvariantError', invariant: 'counts add up' });
    expect((err as Error).message).toContain('2 item outcomes for 1 items: pending not a whole number ≥ 0');
  });

  it('reports everything pending when no item came back', () => {
    expect(countOutcomes(3, [])).toEqual(counts({ total: 3, pending: 3 }));
  });
});

describe('countsProblem', () => {
  it('is undefined when total = succeeded + failed + skipped + pending', () => {
    expect(countsProblem(counts({ total: 4, succeeded: 1, failed: 1, skipped: 1, pending: 1 }))).toBeUndefined();
  });

  it('names the sum when the figures do not make the total', () => {
    expect(countsProblem(counts({ total: 1, succeeded: 1, failed: 1 }))).toBe(
      '1 succeeded + 1 failed + 0 skipped + 0 pending = 2, not the total 1',
    );
  });

  it.each([
    ['pending', -1],
    ['failed', 0.5],
    ['total', Number.NaN],
  ] as const)('names %s when it is %s', (figure, value) => {
    expect(countsProblem({ ...counts({ total: 1, succeeded: 1 }), [figure]: value })).toMatch(
      new RegExp(`^${figure} not a whole number`),
    );
  });
});

describe('checkedCounts', () => {
  it('returns counts that add up unchanged', () => {
    const ok = counts({ total: 2, succeeded: 2 });
    expect(checkedCounts(ok, 'job')).toBe(ok);
  });

  it('throws ResultInvariantError naming where the counts were built', () => {
    expect(thrownBy(() => checkedCounts(counts({ total: 1, succeeded: 1, failed: 1 }), 'batch 3'))).toMatchObject({
      name: 'ResultInvariantError',
      message: expect.stringContaining('batch 3: 1 succeeded + 1 failed'),
    });
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
