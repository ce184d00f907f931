/**
 * One provider job through an operation and the engine's decisions, in process: poll once, hold the snapshot to the
 * engine's rules (as `awaitProviderJob` does), collect when the job ended, settle the items (as `collectItemResults`
 * does) and build the job's result (as `bulkJobWorkflow` does). Then `expectEngineInvariants` checks what must hold
 * for every provider answer. For property tests over generated answers.
 */
import fc from 'fast-check';
import { heldAnswer, nextStep } from '../../src/activities/poll-step';
import { emptyPollStats } from '../../src/domain/job';
import type { BulkJobResult, JobPlan, PlannedBatch, PollStats, ProviderJobSnapshot } from '../../src/domain/job';
import { DEFAULT_DELAY_POLICY } from '../../src/http/retry-after';
import { countsProblem } from '../../src/domain/outcome';
import { checkSnapshot, settleItems } from '../../src/domain/settle';
import type { SettledItems } from '../../src/domain/settle';
import type { OperationContext, ProviderOperation } from '../../src/providers/types';
import type { BatchState } from '../../src/workflows/definitions';
import { buildResult, newJobRun } from '../../src/workflows/job-state';

export const PROVIDER_JOB_ID = 'job-1';

export interface EngineRun {
  /** The snapshot as the engine holds it (the provider's figures in `providerFigures` when they over-count). */
  readonly snapshot: ProviderJobSnapshot;
  /** Why the engine refused the snapshot (nothing is collected then). */
  readonly refused?: string;
  readonly settled?: SettledItems;
  /** What collecting threw (the batch then ends with that error). */
  readonly collectError?: unknown;
  /** The job's result, once the provider job ended (or the engine refused its answer). */
  readonly result?: BulkJobResult;
}

/** The poll and, when the job ended, the collection of one provider job of `batch` (index 0) by `operation`. */
export async function throughEngine(
  operation: ProviderOperation,
  ctx: OperationContext,
  batch: PlannedBatch,
): Promise<EngineRun> {
  const polled = await operation.poll(ctx, PROVIDER_JOB_ID, batch);
  const checked = checkSnapshot(batch, polled.snapshot);
  if (checked.kind === 'notCounts') {
    const error = { type: 'ProviderContractError', message: checked.problem };
    return { snapshot: polled.snapshot, refused: checked.problem, result: resultOf(operation, batch, { error }) };
  }
  const { snapshot } = checked;
  if (snapshot.state === 'running') return { snapshot };
  try {
    const collected = await operation.collectItems(ctx, PROVIDER_JOB_ID, batch, snapshot);
    const settled = settleItems(collected.items, { batch, providerJobId: PROVIDER_JOB_ID, snapshot });
    const warnings = settled.warnings.length > 0 ? { warnings: settled.warnings } : {};
    return { snapshot, settled, result: resultOf(operation, batch, { snapshot, items: settled.items, ...warnings }) };
  } catch (collectError) {
    const error = { type: (collectError as Error).name, message: (collectError as Error).message };
    return { snapshot, collectError, result: resultOf(operation, batch, { snapshot, error }) };
  }
}

function resultOf(operation: ProviderOperation, batch: PlannedBatch, ended: Partial<BatchState>): BulkJobResult {
  const plan: JobPlan = {
    operation: operation.id,
    provider: operation.provider,
    tenant: 'tenant',
    total: batch.itemRefs.length,
    batches: [batch],
    maxConcurrentBatches: 1,
    pollIntervalMs: 1,
    capabilities: operation.capabilities,
  };
  const state: BatchState = {
    index: batch.index,
    phase: 'done',
    providerJobId: PROVIDER_JOB_ID,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    stats: emptyPollStats(),
    ...ended,
  };
  const request = { operation: operation.id, connection: 'default', dryRun: false, input: {} };
  return buildResult({ ...newJobRun('job', { request, requestedBy: 'property' }), plan, batches: [state] });
}

/**
 * What holds for every provider answer: counts add up for the provider job and the whole job; a refused snapshot
 * really is impossible; one outcome per item of the request and none outside it; the job's state follows what the
 * provider said (a job it reported succeeded or partial stays so; a batch that ended in an error failed).
 */
export function expectEngineInvariants(batch: PlannedBatch, run: EngineRun): void {
  const size = batch.itemRefs.length;
  if (run.refused !== undefined) {
    expect(run.result?.state).toBe('failed');
  } else {
    expect(countsProblem(run.snapshot.counts)).toBeUndefined();
    // A summary counting more users than the job holds is a warning, never the end of the batch.
    const exceeded = run.result?.warnings?.some((w) => w.kind === 'countsExceedTotal') ?? false;
    if (run.settled) expect(exceeded).toBe(run.snapshot.providerFigures !== undefined);
  }
  const { result } = run;
  if (!result) return;
  expect(countsProblem(result.counts)).toBeUndefined();
  const refs = new Set(batch.itemRefs);
  if (size > 0) {
    expect(result.counts.total).toBe(size);
    expect(result.items.filter((item) => !refs.has(item.ref))).toEqual([]);
  }
  expect(new Set(result.items.map((item) => item.ref)).size).toBe(result.items.length);
  if (run.refused !== undefined || run.collectError !== undefined) expect(result.state).toBe('failed');
  else if (run.snapshot.state === 'partial') expect(result.state).toBe('partial');
  else if (run.snapshot.state === 'succeeded') {
    // The provider's success stands unless its own pages name a failure of the batch; then it is never succeeded.
    const { failed, succeeded, skipped, pending } = result.counts;
    const expected = failed === 0 ? 'succeeded' : succeeded + skipped + pending > 0 ? 'partial' : 'failed';
    expect(result.state).toBe(expected);
  }
}

/** The refs of the `foreignRow` warnings of a run. */
export function foreignRefs(run: EngineRun): Set<string> {
  return new Set(run.result?.warnings?.flatMap((w) => (w.kind === 'foreignRow' ? [w.ref] : [])) ?? []);
}

/** Where polling stopped: after how many polls, with which snapshot and attempt memory. */
export interface Awaited {
  readonly polls: number;
  readonly snapshot?: ProviderJobSnapshot;
  readonly stats: PollStats;
}

/**
 * Polls as the awaiting activity's retries do (one poll per attempt, the engine's snapshot check, then `nextStep`),
 * until the step says finish or `maxPolls` is reached. Thrown: what `nextStep` throws for a non-retryable answer.
 */
export async function pollUntilFinished(
  operation: ProviderOperation,
  ctx: OperationContext,
  batch: PlannedBatch,
  maxPolls: number,
): Promise<Awaited> {
  const env = { now: 0, pollIntervalMs: 1_000, policy: DEFAULT_DELAY_POLICY, random: () => 0.5, segmentEndsAt: 1e15 };
  let stats = emptyPollStats();
  let snapshot: ProviderJobSnapshot | undefined;
  for (let polls = 1; polls <= maxPolls; polls += 1) {
    const answer = heldAnswer(operation.provider, batch, await operation.poll(ctx, PROVIDER_JOB_ID, batch));
    const step = nextStep(stats, snapshot, answer, env);
    stats = step.stats;
    snapshot = step.snapshot;
    if (step.kind === 'finish') return { polls, stats, ...(snapshot ? { snapshot } : {}) };
  }
  return { polls: maxPolls, stats, ...(snapshot ? { snapshot } : {}) };
}

/** Settings every property test runs with: a fixed seed, so a run is reproducible, and a bounded number of runs. */
export const PROPERTY_RUNS = { seed: 20261129, numRuns: 300 } as const;

/** What a property test's `run` gives back: the batch it planned and the engine's run over the scenario's answers. */
export interface ScenarioRun {
  readonly batch: PlannedBatch;
  readonly run: EngineRun;
}

/**
 * Asserts `check` on the engine's run over every generated scenario (with `PROPERTY_RUNS`); fast-check shrinks a
 * failing scenario to its smallest form.
 */
export function forEveryAnswer<S>(
  scenarios: fc.Arbitrary<S>,
  run: (scenario: S) => Promise<ScenarioRun>,
  check: (outcome: EngineRun, scenario: S, batch: PlannedBatch) => void,
): Promise<void> {
  return fc.assert(
    fc.asyncProperty(scenarios, async (scenario) => {
      const { batch, run: outcome } = await run(scenario);
      check(outcome, scenario, batch);
    }),
    PROPERTY_RUNS,
  );
}
