import type { ItemCounts, ItemOutcome, ProviderJobSnapshot } from '../../../src/domain/job';
import { checkSnapshot, settleItems } from '../../../src/domain/settle';
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

describe('checkSnapshot', () => {
  const running = (c: Partial<ItemCounts>): ProviderJobSnapshot => ({
    state: 'running',
    counts: counts(c),
    providerStatus: 'RUNNING',
  });

  it('holds counts that add up and cover the batch as they are', () => {
    const snapshot = running({ total: 2, succeeded: 1, pending: 1 });
    expect(checkSnapshot(batchOf('u1', 'u2'), snapshot)).toEqual({ kind: 'held', snapshot });
  });

  it("holds a summary counting more users than the batch, keeping the provider's figures and every user pending", () => {
    const snapshot = done('partial', { total: 3, succeeded: 17, failed: 1, pending: -15 });
    expect(checkSnapshot(batchOf('u1', 'u2', 'u3'), snapshot)).toEqual({
      kind: 'held',
      snapshot: {
        ...snapshot,
        counts: counts({ total: 3, pending: 3 }),
        providerFigures: { total: 3, succeeded: 17, failed: 1, skipped: 0 },
      },
    });
  });

  it('keeps the outcomes of a whole-tenant job that counts more of them than its total, raising the total', () => {
    const snapshot = done('succeeded', { total: 2, succeeded: 4, skipped: 1, pending: -3 });
    const checked = checkSnapshot(batchOf(), snapshot);
    expect(checked).toMatchObject({
      kind: 'held',
      snapshot: { counts: counts({ total: 5, succeeded: 4, skipped: 1 }), providerFigures: { total: 2 } },
    });
  });

  it('names figures that are not counts at all (an answer outside the contract)', () => {
    expect(checkSnapshot(batchOf('u1'), running({ total: 1, succeeded: 0.5, failed: -1, pending: 1.5 }))).toEqual({
      kind: 'notCounts',
      problem: 'succeeded, failed not a whole number ≥ 0 (0.5 succeeded, -1 failed, 0 skipped, 1.5 pending of 1)',
    });
  });

  it("refuses a total other than the batch's size as a bug of ours (the operation's mapping sets it)", () => {
    expect(thrownBy(() => checkSnapshot(batchOf('u1'), running({ total: 2, pending: 2 })))).toMatchObject({
      name: 'ResultInvariantError',
      message: 'result invariant broken (counts cover the batch): batch 2: 2 counted, 1 sent',
    });
  });

  it('refuses pending other than the rest as a bug of ours', () => {
    expect(thrownBy(() => checkSnapshot(batchOf('u1', 'u2'), running({ total: 2, succeeded: 1 })))).toMatchObject({
      name: 'ResultInvariantError',
    });
  });

  it("takes any total for a whole-tenant batch (the provider's counts are its size)", () => {
    const snapshot = running({ total: 40, succeeded: 40 });
    expect(checkSnapshot(batchOf(), snapshot)).toEqual({ kind: 'held', snapshot });
  });
});

describe('settleItems after a summary that counts more users than the batch', () => {
  const providerFigures = { total: 2, succeeded: 30, failed: 1, skipped: 0 };
  const snapshot: ProviderJobSnapshot = { ...done('partial', { total: 2, pending: 2 }), providerFigures };

  it("reports each user as the pages say, with one warning carrying the provider's figures", () => {
    const settled = settleItems([ok('u1'), bad('u2')], {
      batch: batchOf('u1', 'u2'),
      providerJobId: 'job-7',
      snapshot,
    });
    expect(settled.items).toEqual([ok('u1'), bad('u2')]);
    expect(settled.warnings).toEqual([
      {
        kind: 'countsExceedTotal',
        batch: 2,
        providerJobId: 'job-7',
        providerFigures,
        message:
          'the provider counted 30 succeeded, 1 failed, 0 skipped: 31 users in batch 2, more than the 2 it was sent; its per-user pages decide',
      },
    ]);
  });

  it('raises no countsDisagree beside it: no figure of the provider can be compared with the pages', () => {
    const kinds = settleItems([ok('u1')], { batch: batchOf('u1', 'u2'), snapshot }).warnings.map((w) => w.kind);
    expect(kinds).toEqual(['countsExceedTotal']);
  });
});
