import type { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from '../../../src/activities/context';
import { collectItemResults } from '../../../src/activities/provider-job-actions';
import type { CollectItemResultsInput, CollectItemResultsResult } from '../../../src/activities/types';
import { ProviderContractError } from '../../../src/domain/errors';
import type { CollectedResults, ItemOutcome } from '../../../src/domain/job';
import { activityHarness, fakeDeps } from '../../helpers/activity-env';
import type { ActivityHarness } from '../../helpers/activity-env';
import { createFakeOperation, fakeBatch, succeededSnapshot } from '../../helpers/fake-operation';
import type { Scripted } from '../../helpers/fake-operation';

const input: CollectItemResultsInput = {
  operation: 'webex.moveUsers',
  connection: 'default',
  batch: fakeBatch,
  providerJobId: 'job-1',
  snapshot: succeededSnapshot(),
};

const ok = (ref: string): ItemOutcome => ({ ref, outcome: 'succeeded' });
const bad = (ref: string): ItemOutcome => ({ ref, outcome: 'failed', code: '19605', message: 'no' });

function collect(
  answer: Scripted<CollectedResults>,
  overrides: Partial<CollectItemResultsInput> = {},
): { harness: ActivityHarness; result: Promise<CollectItemResultsResult> } {
  const harness = activityHarness();
  const result = harness.env.run<
    [ActivityDeps, CollectItemResultsInput],
    CollectItemResultsResult,
    typeof collectItemResults
  >(collectItemResults, fakeDeps(createFakeOperation({ collect: answer })), { ...input, ...overrides });
  return { harness, result };
}

async function failureOf(result: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await result;
  } catch (err) {
    return err as ApplicationFailure;
  }
  throw new Error('expected the activity to fail');
}

describe('collectItemResults', () => {
  it('returns the items of the batch as the operation reported them, with no warnings part', async () => {
    expect(await collect({ items: [ok('u1'), ok('u2')] }).result).toEqual({ items: [ok('u1'), ok('u2')] });
  });

  it('turns a row naming no user of the batch into a warning, never an item, and logs it without its words', async () => {
    const stranger = 'jane.doe@example.test';
    const row: ItemOutcome = { ...bad(stranger), message: 'Jane Doe has no calling licence' };
    const { harness, result } = collect({ items: [ok('u1'), ok('u2'), row] });
    const collected = await result;
    expect(collected.items).toEqual([ok('u1'), ok('u2')]);
    expect(collected.warnings).toEqual([
      expect.objectContaining({ kind: 'foreignRow', batch: 0, providerJobId: 'job-1', ref: stranger }),
    ]);
    const warned = harness.logs.entries.filter((entry) => entry.level === 'WARN');
    expect(warned).toEqual([
      {
        level: 'WARN',
        message: expect.stringContaining('names no item of the batch') as string,
        meta: expect.objectContaining({ kind: 'foreignRow', batch: 0, providerJobId: 'job-1' }) as object,
      },
    ]);
    // Neither the row's ref nor the provider's words reach the log: erasing the tenant could not reach them there.
    expect(JSON.stringify(harness.logs.entries)).not.toMatch(/jane\.doe|Jane Doe/);
  });

  it("warns with both figures when the items contradict the provider's counts", async () => {
    const collected = await collect({ items: [ok('u1'), bad('u2')] }).result;
    expect(collected.warnings).toEqual([
      expect.objectContaining({
        kind: 'countsDisagree',
        providerCounts: succeededSnapshot().counts,
        itemCounts: { total: 2, succeeded: 1, failed: 1, skipped: 0, pending: 0 },
      }),
    ]);
  });

  it("reports each user as the pages say after a summary over the batch, warning once with the provider's figures", async () => {
    const providerFigures = { total: 2, succeeded: 37, failed: 3, skipped: 0 };
    const snapshot = {
      ...succeededSnapshot(),
      counts: { ...succeededSnapshot().counts, succeeded: 0, pending: 2 },
      providerFigures,
    };
    const { harness, result } = collect({ items: [ok('u1'), bad('u2')] }, { snapshot });
    const collected = await result;
    expect(collected.items).toEqual([ok('u1'), bad('u2')]);
    expect(collected.warnings).toEqual([
      expect.objectContaining({ kind: 'countsExceedTotal', batch: 0, providerJobId: 'job-1', providerFigures }),
    ]);
    const warned = harness.logs.entries.filter((entry) => entry.level === 'WARN').map((entry) => entry.meta);
    expect(warned).toEqual([expect.objectContaining({ kind: 'countsExceedTotal', batch: 0, providerJobId: 'job-1' })]);
  });

  it('keeps the attachments the operation returned', async () => {
    const attachment = { name: 'log', contentType: 'text/plain', text: 'x', truncated: false };
    expect((await collect({ items: [], attachments: [attachment] }).result).attachments).toEqual([attachment]);
  });

  it('fails non-retryably with ResultInvariantError when the operation reports one user twice', async () => {
    const failure = await failureOf(collect({ items: [ok('u1'), bad('u1')] }).result);
    expect([failure.type, failure.nonRetryable]).toEqual(['ResultInvariantError', true]);
  });

  it('fails non-retryably on a result page outside the contract, naming its path', async () => {
    const drift = new ProviderContractError('webex', 'items[0].itemNumber', 'Invalid input: expected number');
    const failure = await failureOf(collect(drift).result);
    expect([failure.type, failure.nonRetryable]).toEqual(['ProviderContractError', true]);
    expect(failure.message).toContain('at items[0].itemNumber');
  });
});
