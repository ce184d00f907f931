/**
 * Permanent answers are final, for every operation and every call: a permanent HTTP status (a 4xx other than 408,
 * 423 and 429) at start, poll or collect becomes an error that no retry repeats — not retryable, a non-retryable
 * `ApplicationFailure`, and a type the workflow's retry policy lists as non-retryable — never a "still running".
 */
import fc from 'fast-check';
import { toFailure } from '../../../src/activities/failures';
import { nextStep } from '../../../src/activities/poll-step';
import { NON_RETRYABLE_ERROR_TYPES } from '../../../src/domain/error-names';
import { isBulkflowError } from '../../../src/domain/errors';
import { emptyPollStats, OPERATION_IDS } from '../../../src/domain/job';
import type { OperationId, PlannedBatch, ProviderJobSnapshot } from '../../../src/domain/job';
import { DEFAULT_DELAY_POLICY } from '../../../src/http/retry-after';
import { getOperation } from '../../../src/providers/registry';
import { samplesOf } from '../../../src/simulator-registry';
import { PROPERTY_RUNS } from '../../helpers/engine-run';
import { scriptedContext, scriptedHttp } from '../../helpers/scripted-http';

const PERMANENT = Array.from({ length: 100 }, (_, i) => 400 + i).filter((s) => ![408, 423, 429].includes(s));
const CALLS = ['start', 'poll', 'collect'] as const;
const finished: ProviderJobSnapshot = {
  state: 'partial',
  counts: { total: 1, succeeded: 0, failed: 0, skipped: 0, pending: 1 },
  providerStatus: 'DONE',
};

function batchOf(id: OperationId): PlannedBatch {
  const operation = getOperation(id);
  // The operation's sample input is valid, so the calls get as far as the provider.
  const [batch] = operation.plan(operation.inputSchema.parse(samplesOf(id).input));
  if (!batch) throw new Error(`no batch planned for ${id}`);
  return batch;
}

async function errorOf(id: OperationId, call: (typeof CALLS)[number], status: number, body: unknown) {
  const operation = getOperation(id);
  const ctx = scriptedContext(scriptedHttp(operation.provider, () => ({ status, body })).http, 'Basic');
  const batch = batchOf(id);
  const calls = {
    start: () => operation.start(ctx, batch, { idempotencyKey: 'job/batch-0', dryRun: false }),
    poll: () => operation.poll(ctx, 'job-1', batch),
    collect: () => operation.collectItems(ctx, 'job-1', batch, finished),
  };
  try {
    await calls[call]();
  } catch (err) {
    return err;
  }
  throw new Error(`${id} ${call} took HTTP ${status} for an answer`);
}

describe('permanent answers are final', () => {
  it('makes every permanent status at every call of every operation a non-retryable failure', async () => {
    const bodies = fc.constantFrom<unknown>(
      { message: 'refused', code: 'invalid_argument' },
      { error: [{ code: 1026016, message: 'refused' }] },
      { code: 'INVALID_DATA', details: {}, message: 'refused', status: 'error' },
      { exception: 'INVALID_INPUT', localizedException: false, message: 'Invalid input, Please check.' },
    );
    const cases = fc.tuple(fc.constantFrom(...OPERATION_IDS), fc.constantFrom(...CALLS), fc.constantFrom(...PERMANENT));
    await fc.assert(
      fc.asyncProperty(cases, bodies, async ([id, call, status], body) => {
        const err = await errorOf(id, call, status, body);
        expect(isBulkflowError(err) && !err.retryable).toBe(true);
        expect(NON_RETRYABLE_ERROR_TYPES).toContain((err as Error).name);
        expect(toFailure(err).nonRetryable).toBe(true);
      }),
      PROPERTY_RUNS,
    );
  });

  it('ends the awaiting attempt on a permanent poll answer instead of scheduling another poll', async () => {
    const cases = fc.tuple(fc.constantFrom(...OPERATION_IDS), fc.constantFrom(...PERMANENT));
    const env = { now: 0, pollIntervalMs: 1_000, policy: DEFAULT_DELAY_POLICY, random: () => 0.5, segmentEndsAt: 1e15 };
    await fc.assert(
      fc.asyncProperty(cases, async ([id, status]) => {
        const error = await errorOf(id, 'poll', status, { message: 'refused' });
        expect(() => nextStep(emptyPollStats(), undefined, { kind: 'error', error }, env)).toThrow(error as Error);
      }),
      PROPERTY_RUNS,
    );
  });
});
