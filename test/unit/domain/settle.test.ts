import type { ItemCounts, ItemOutcome, ProviderJobSnapshot } from '../../../src/domain/job';
import { settleItems, snapshotProblem } from '../../../src/domain/settle';
import { thrownBy } from '../../helpers/thrown';

const ok = (ref: string): ItemOutcome => ({ ref, outcome: 'succeeded' });
const bad = (ref: string, code = 'E1'): ItemOutcome => ({ ref, outcome: 'failed', code, message: 'no' });
const counts = (c: Partial<ItemCounts>): ItemCounts => ({
  total: 0,
  succeeded: 0,
  failed: 0,
  skipped: 0,
  pending: 0,
  ...c,
});
const done = (
  state: Exclude<ProviderJobSnapshot['state'], 'running'>,
  c: Partial<ItemCounts>,
): ProviderJobSnapshot => ({
  state,
  counts: counts(c),
  providerStatus: 'DONE',
});
const batchOf = (...itemRefs: string[]) => ({ index: 2, itemRefs });

describe('settleItems', () => {
  it('keeps a row naming no user of the batch out of the items, as a warning (total 1 is never 1 + 1)', () => {
    const snapshot = done('succeeded', { total: 1, succeeded: 1 });
    const settled = settleItems([ok('u1'), bad('stranger', '19605')], {
      batch: batchOf('u1'),
      providerJobId: 'job-1',
      snapshot,
    });
    expect(settled.items).toEqual([ok('u1')]);
    expect(settled.warnings).toEqual([
      {
        kind: 'foreignRow',
        batch: 2,
        providerJobId: 'job-1',
        ref: 'stranger',
        outcome: 'failed',
        code: '19605',
        message: expect.stringContaining('"stranger", which is not in batch 2'),
      },
    ]);
  });

  it('keeps the items in the order the operation reported them', () => {
    expect(settleItems([bad('u3'), ok('u1')], { batch: batchOf('u1', 'u2', 'u3') }).items.map((i) => i.ref)).toEqual([
      'u3',
      'u1',
    ]);
  });

  it('throws ResultInvariantError when an item of the batch has two outcomes', () => {
    const err = thrownBy(() => settleItems([ok('u1'), bad('u1')], { batch: batchOf('u1') }));
    expect(err).toMatchObject({ name: 'ResultInvariantError', invariant: 'one outcome per item' });
  });

  it('keeps two rows about the same stranger as two warnings, not as an error', () => {
    const settled = settleItems([bad('x'), bad('x')], { batch: batchOf('u1') });
    expect(settled.warnings.map((w) => w.kind)).toEqual(['foreignRow', 'foreignRow']);
  });

  it("takes every row of a whole-tenant batch (no item refs) as an item: the provider's rows are its items", () => {
    const settled = settleItems([bad('item-1'), bad('item-2')], { batch: batchOf() });
    expect(settled).toEqual({ items: [bad('item-1'), bad('item-2')], warnings: [] });
  });

  it('throws ResultInvariantError when a whole-tenant batch lists one row twice', () => {
    expect(thrownBy(() => settleItems([bad('item-1'), ok('item-1')], { batch: batchOf() }))).toMatchObject({
      name: 'ResultInvariantError',
    });
  });

  it('warns with both figures when the pages name a failure the provider did not count', () => {
    const snapshot = done('succeeded', { total: 2, succeeded: 2 });
    const [warning] = settleItems([ok('u1'), bad('u2')], { batch: batchOf('u1', 'u2'), snapshot }).warnings;
    expect(warning).toMatchObject({
      kind: 'countsDisagree',
      providerCounts: counts({ total: 2, succeeded: 2 }),
      itemCounts: counts({ total: 2, succeeded: 1, failed: 1 }),
    });
    expect(warning?.message).toContain('2 succeeded, 0 failed, 0 skipped, 0 pending of 2');
  });

  it('warns when the pages show fewer failures than the provider counted', () => {
    const snapshot = done('partial', { total: 3, succeeded: 1, failed: 2 });
    const settled = settleItems([ok('u1'), bad('u2')], { batch: batchOf('u1', 'u2', 'u3'), snapshot });
    expect(settled.warnings.map((w) => w.kind)).toEqual(['countsDisagree']);
  });

  it('does not warn when the pages settle items the provider left pending', () => {
    const snapshot = done('failed', { total: 2, pending: 2 });
    expect(settleItems([bad('u1'), bad('u2')], { batch: batchOf('u1', 'u2'), snapshot }).warnings).toEqual([]);
  });

  it('compares nothing for a running job or a dry run', () => {
    const running: ProviderJobSnapshot = {
      state: 'running',
      counts: counts({ total: 1, pending: 1 }),
      providerStatus: 'X',
    };
    expect(settleItems([bad('u1')], { batch: batchOf('u1'), snapshot: running }).warnings).toEqual([]);
    expect(settleItems([bad('u1')], { batch: batchOf('u1') }).warnings).toEqual([]);
  });

  it("compares a whole-tenant job's listed failures and skips, not its successes (which it never lists)", () => {
    const snapshot = done('partial', { total: 10, succeeded: 7, failed: 2, skipped: 1 });
    expect(
      settleItems([bad('item-1'), bad('item-2'), { ref: 'item-3', outcome: 'skipped' }], { batch: batchOf(), snapshot })
        .warnings,
    ).toEqual([]);
    const [warning] = settleItems([bad('item-1')], { batch: batchOf(), snapshot }).warnings;
    expect(warning).toMatchObject({ kind: 'countsDisagree', itemCounts: counts({ total: 1, failed: 1 }) });
  });
});

describe('snapshotProblem', () => {
  it('is undefined for counts that add up and cover the batch', () => {
    expect(
      snapshotProblem(batchOf('u1', 'u2'), { counts: counts({ total: 2, succeeded: 1, pending: 1 }) }),
    ).toBeUndefined();
  });

  it('names counts that do not add up', () => {
    expect(snapshotProblem(batchOf('u1'), { counts: counts({ total: 1, succeeded: 1, failed: 1 }) })).toBe(
      'counts do not add up: 1 succeeded + 1 failed + 0 skipped + 0 pending = 2, not the total 1',
    );
  });

  it("names a total other than the batch's size", () => {
    expect(snapshotProblem(batchOf('u1'), { counts: counts({ total: 2, pending: 2 }) })).toBe(
      "counts cover 2 items, not the batch's 1",
    );
  });

  it("takes any total for a whole-tenant batch (the provider's counts are its size)", () => {
    expect(snapshotProblem(batchOf(), { counts: counts({ total: 40, succeeded: 40 }) })).toBeUndefined();
  });
});
