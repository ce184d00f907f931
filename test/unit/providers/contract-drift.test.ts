/**
 * Contract drift, for each operation's status answer and item answer: a field the provider adds is tolerated; a
 * required field gone missing, or of another type, is a ProviderContractError naming its JSON path, which no retry
 * repeats (the job then fails clearly instead of polling again). The answers come from each operation's samples.
 */
import { toFailure } from '../../../src/activities/failures';
import { OPERATION_IDS } from '../../../src/domain/job';
import type { OperationId, PlannedBatch, ProviderJobSnapshot } from '../../../src/domain/job';
import { getOperation } from '../../../src/providers/registry';
import { samplesOf } from '../../../src/simulator-registry';
import type { AnswerDrift } from '../../../src/simulator/samples';
import { scriptedContext, scriptedHttp } from '../../helpers/scripted-http';

type Answer = 'status' | 'items';
type Json = Record<string, unknown>;

/** One answer of one operation and how it drifts (the operation's samples' `drift`). */
interface Drift extends AnswerDrift {
  readonly operation: OperationId;
  readonly answer: Answer;
}

const DRIFTS: readonly Drift[] = OPERATION_IDS.flatMap((operation) =>
  (['status', 'items'] as const).map((answer) => ({ ...samplesOf(operation).drift[answer], operation, answer })),
);

const finished: ProviderJobSnapshot = {
  state: 'partial',
  counts: { total: 1, succeeded: 0, failed: 0, skipped: 0, pending: 1 },
  providerStatus: 'DONE',
};

/** Calls `drift.answer` of its operation against `body`. */
async function call(drift: Drift, body: Json): Promise<unknown> {
  const operation = getOperation(drift.operation);
  const [batch]: PlannedBatch[] = operation.plan(operation.inputSchema.parse(samplesOf(drift.operation).input));
  if (!batch) throw new Error('no batch planned');
  const { http } = scriptedHttp(operation.provider, (url) =>
    drift.isTarget(url) ? { body } : (drift.otherwise ?? { body: drift.valid }),
  );
  const ctx = scriptedContext(http, 'Basic');
  return drift.answer === 'status'
    ? operation.poll(ctx, 'job-1', batch)
    : operation.collectItems(ctx, 'job-1', batch, finished);
}

async function errorOf(drift: Drift, body: Json): Promise<unknown> {
  try {
    await call(drift, body);
  } catch (err) {
    return err;
  }
  throw new Error(`${drift.operation} took a drifted ${drift.answer} answer`);
}

const named = DRIFTS.map((drift) => [`${drift.operation} ${drift.answer}`, drift] as const);

describe('contract drift', () => {
  it.each(named)('%s: tolerates fields the provider adds, at the top and inside', async (_name, drift) => {
    const nested = JSON.parse(JSON.stringify(drift.valid).replace(/\{"/g, '{"addedByProvider":{"x":[1]},"')) as Json;
    await expect(call(drift, { ...nested, anotherNewField: 'ünïcødé ✓' })).resolves.toBeDefined();
  });

  it.each(named)('%s: a required field gone missing is a ProviderContractError at its path', async (_name, drift) => {
    const [body, path] = drift.missing;
    const err = await errorOf(drift, body);
    expect(err).toMatchObject({ name: 'ProviderContractError', path, retryable: false });
    expect(toFailure(err).nonRetryable).toBe(true);
  });

  it.each(named)('%s: a field of another type is a ProviderContractError at its path', async (_name, drift) => {
    const [body, path] = drift.wrongType;
    const err = await errorOf(drift, body);
    expect(err).toMatchObject({ name: 'ProviderContractError', path, retryable: false });
    expect((err as Error).message).toContain(`at ${path}:`);
  });
});
