import { emptyPollStats } from '../../../src/domain/job';
import type { ItemOutcome, JobPlan, PlannedBatch } from '../../../src/domain/job';
import type { BatchState, BulkJobWorkflowInput } from '../../../src/workflows/definitions';
import {
  batchCounts,
  batchVerdict,
  buildResult,
  carriedState,
  detailsProgressOf,
  failedItems,
  listedItems,
  newJobRun,
  progressOf,
  records,
  settledBatch,
  toRecord,
  totalCounts,
} from '../../../src/workflows/job-state';
import type { PlannedJobRun } from '../../../src/workflows/job-state';
import { MAX_LISTED_PROVIDER_JOBS, renderCurrentDetails } from '../../../src/workflows/current-details';
import { counts, runningSnapshot, succeededSnapshot } from '../../helpers/fake-operation';
import { thrownBy } from '../../helpers/thrown';

const planned = (index: number, size: number): PlannedBatch => ({
  index,
  key: 'loc-a',
  itemRefs: Array.from({ length: size }, (_, i) => `b${index}-u${i}`),
  payload: {},
});

const plan: JobPlan = {
  operation: 'webex.moveUsers',
  provider: 'webex',
  tenant: 'org-1',
  total: 5,
  batches: [planned(0, 2), planned(1, 3)],
  maxConcurrentBatches: 1,
  pollIntervalMs: 5_000,
  capabilities: { dryRun: true, pause: true, resume: true, cancel: true },
};

const batch = (index: number, overrides: Partial<BatchState> = {}): BatchState => ({
  index,
  phase: 'pending',
  stats: emptyPollStats(),
  ...overrides,
});
const started = (index: number, overrides: Partial<BatchState> = {}): BatchState =>
  batch(index, {
    phase: 'awaiting',
    providerJobId: `job-${index}`,
    startedAt: '2025-01-01T12:00:00.000Z',
    ...overrides,
  });
const ok = (ref: string): ItemOutcome => ({ ref, outcome: 'succeeded' });
const bad = (ref: string): ItemOutcome => ({ ref, outcome: 'failed', code: 'E1', message: 'no' });

describe('batchCounts', () => {
  it('counts the collected items against the planned size', () => {
    expect(batchCounts(plan, batch(1, { items: [ok('b1-u0'), bad('b1-u1')] }))).toEqual({
      total: 3,
      succeeded: 1,
      failed: 1,
      skipped: 0,
      pending: 1,
    });
  });

  it('uses the last snapshot counts when no item was collected', () => {
    const snapshot = runningSnapshot(1, 2);
    expect(batchCounts(plan, batch(0, { snapshot }))).toEqual(snapshot.counts);
  });

  it('refuses counts that do not add up with ResultInvariantError (activities never let such a snapshot through)', () => {
    const snapshot = {
      ...succeededSnapshot(2),
      counts: { total: 2, succeeded: 2, failed: 1, skipped: 0, pending: -1 },
    };
    expect(thrownBy(() => batchCounts(plan, batch(0, { snapshot })))).toMatchObject({ name: 'ResultInvariantError' });
  });

  it('counts only the items of the batch: a row carried from an older run about a stranger is no outcome', () => {
    const items = [ok('b0-u0'), bad('stranger')];
    expect(batchCounts(plan, batch(0, { snapshot: succeededSnapshot(2), items }))).toEqual({
      total: 2,
      succeeded: 1,
      failed: 0,
      skipped: 0,
      pending: 1,
    });
  });

  it('prefers the collected items over the snapshot', () => {
    const counted = batchCounts(
      plan,
      batch(0, { snapshot: succeededSnapshot(2), items: [bad('b0-u0'), bad('b0-u1')] }),
    );
    expect([counted.succeeded, counted.failed]).toEqual([0, 2]);
  });

  it('reports every item pending before anything is known', () => {
    expect(batchCounts(plan, batch(1))).toEqual({ total: 3, succeeded: 0, failed: 0, skipped: 0, pending: 3 });
  });

  it('counts a batch missing from the plan as empty', () => {
    expect(batchCounts(plan, batch(7)).total).toBe(0);
  });
});

describe('totalCounts', () => {
  it('sums the counts of every batch', () => {
    const batches = [batch(0, { items: [ok('b0-u0'), ok('b0-u1')] }), batch(1, { items: [bad('b1-u0')] })];
    expect(totalCounts(plan, batches)).toEqual({ total: 5, succeeded: 2, failed: 1, skipped: 0, pending: 2 });
  });
});

describe('batchVerdict', () => {
  const failedSnapshot = (state: 'failed' | 'cancelled') => ({ ...succeededSnapshot(2), state, counts: counts(2) });

  it("is the provider's succeeded or partial as said", () => {
    expect(batchVerdict(plan, started(0, { snapshot: succeededSnapshot(2), items: [ok('b0-u0')] }))).toBe('succeeded');
    const partial = { ...succeededSnapshot(2), state: 'partial' as const };
    expect(batchVerdict(plan, started(0, { snapshot: partial, items: [ok('b0-u0'), ok('b0-u1')] }))).toBe('partial');
  });

  it.each(['failed', 'cancelled'] as const)('is partial for a job reported %s when some items succeeded', (state) => {
    expect(
      batchVerdict(plan, started(0, { snapshot: failedSnapshot(state), items: [ok('b0-u0'), bad('b0-u1')] })),
    ).toBe('partial');
    expect(batchVerdict(plan, started(0, { snapshot: failedSnapshot(state), items: [bad('b0-u0')] }))).toBe('failed');
  });

  it('never claims more than the pages show: a named failure makes a succeeded job partial, or failed', () => {
    expect(batchVerdict(plan, started(0, { snapshot: succeededSnapshot(2), items: [bad('b0-u0')] }))).toBe('partial');
    const both = [bad('b0-u0'), bad('b0-u1')];
    expect(batchVerdict(plan, started(0, { snapshot: succeededSnapshot(2), items: both }))).toBe('failed');
  });

  it('is failed for a batch that ended in an error, even after the provider said succeeded', () => {
    const error = { type: 'ProviderContractError', message: 'webex answered outside its contract at items[0]' };
    expect(batchVerdict(plan, started(0, { snapshot: succeededSnapshot(2), error }))).toBe('failed');
  });

  it('follows the counts of a batch without a provider verdict (a dry run)', () => {
    expect(batchVerdict(plan, batch(0, { items: [ok('b0-u0'), bad('b0-u1')] }))).toBe('partial');
    expect(batchVerdict(plan, batch(0, { items: [ok('b0-u0'), ok('b0-u1')] }))).toBe('succeeded');
  });
});

describe('toRecord', () => {
  it('is undefined for a batch without a provider job id', () => {
    expect(toRecord(plan, batch(0, { startedAt: '2025-01-01T12:00:00.000Z' }))).toBeUndefined();
  });

  it('is undefined for a batch without a start time', () => {
    expect(toRecord(plan, batch(0, { providerJobId: 'job-0' }))).toBeUndefined();
  });

  it('takes the state and provider status from the snapshot', () => {
    const record = toRecord(plan, started(0, { snapshot: succeededSnapshot(2) }));
    expect([record?.state, record?.providerStatus]).toEqual(['succeeded', 'COMPLETED']);
  });

  it('is failed with the error as reason when the batch failed before any snapshot', () => {
    const record = toRecord(plan, started(0, { error: { type: 'ProviderAuthError', message: 'refused' } }));
    expect([record?.state, record?.reason]).toEqual(['failed', 'ProviderAuthError: refused']);
  });

  it('is running while neither a snapshot nor an error is known', () => {
    expect(toRecord(plan, started(0))?.state).toBe('running');
  });

  it('copies the poll stats', () => {
    const stats = { ...emptyPollStats(), polls: 7, waitedOnRetryAfterMs: 30_000 };
    expect(toRecord(plan, started(0, { stats }))).toMatchObject({
      batch: 0,
      id: 'job-0',
      polls: 7,
      answers: stats.answers,
      waitedOnRetryAfterMs: 30_000,
    });
  });

  it('includes finishedAt only when the batch finished', () => {
    expect(toRecord(plan, started(0))).not.toHaveProperty('finishedAt');
    expect(toRecord(plan, started(0, { finishedAt: '2025-01-01T13:00:00.000Z' }))?.finishedAt).toBe(
      '2025-01-01T13:00:00.000Z',
    );
  });
});

describe('records', () => {
  it('lists only the batches that started a provider job', () => {
    expect(records(plan, [batch(0), started(1)]).map((record) => record.id)).toEqual(['job-1']);
  });
});

describe('listedItems', () => {
  it('lists the items collected so far, in batch order, leaving out rows about strangers carried from older runs', () => {
    const run = runOf([batch(0, { items: [ok('b0-u1'), bad('stranger')] }), batch(1, { items: [ok('b1-u0')] })]);
    expect(
      listedItems(run)
        .filter((i) => i.outcome !== 'pending')
        .map((i) => i.ref),
    ).toEqual(['b0-u1', 'b1-u0']);
  });

  it('lists every item without an outcome as pending: unreported ones of a started batch, and every one never started', () => {
    const run = runOf([started(0, { snapshot: runningSnapshot(1, 2), items: [ok('b0-u1')] }), batch(1)]);
    expect(listedItems(run)).toEqual([
      ok('b0-u1'),
      { ref: 'b0-u0', outcome: 'pending' },
      { ref: 'b1-u0', outcome: 'pending' },
      { ref: 'b1-u1', outcome: 'pending' },
      { ref: 'b1-u2', outcome: 'pending' },
    ]);
  });

  it('lists nothing before the job is planned', () => {
    expect(listedItems(newJobRun('wf-1', input()))).toEqual([]);
  });
});

describe('failedItems', () => {
  it('marks every ref failed with the error code and message', () => {
    expect(failedItems(['a', 'b'], { type: 'ProviderRejectedError', message: 'bad', code: '25008' })).toEqual([
      { ref: 'a', outcome: 'failed', code: '25008', message: 'bad' },
      { ref: 'b', outcome: 'failed', code: '25008', message: 'bad' },
    ]);
  });

  it('uses the error type as code when the error has none', () => {
    expect(failedItems(['a'], { type: 'AmbiguousStartError', message: 'check' })[0]?.code).toBe('AmbiguousStartError');
  });
});

const input = (dryRun = false): BulkJobWorkflowInput => ({
  request: { operation: 'webex.moveUsers', connection: 'default', dryRun, input: {} },
  requestedBy: 'ops',
});

/** A planned first run of job `wf-1` with `batches`. */
const runOf = (
  batches: BatchState[],
  { dryRun = false, cancelledBy }: { dryRun?: boolean; cancelledBy?: string } = {},
): PlannedJobRun => ({ ...newJobRun('wf-1', input(dryRun)), plan, batches, cancelledBy });

describe('newJobRun', () => {
  it('starts a first run unplanned, unpaused, with nothing done', () => {
    expect(newJobRun('wf-1', input())).toMatchObject({
      jobId: 'wf-1',
      run: 1,
      plan: undefined,
      batches: [],
      paused: false,
      cancelledBy: undefined,
      segmentsThisRun: 0,
      yieldRequested: false,
    });
  });

  it('continues from what the run before carried, one run further', () => {
    const before = { ...runOf([started(0), batch(1)]), paused: true, segmentsThisRun: 4, yieldRequested: true };
    const next = newJobRun('wf-1', { ...input(), carried: carriedState(before) });
    expect(next).toMatchObject({ run: 2, plan, batches: before.batches, paused: true });
    expect([next.segmentsThisRun, next.yieldRequested]).toEqual([0, false]);
  });
});

describe('progressOf', () => {
  it('is planning before the plan, with no batches', () => {
    expect(progressOf(newJobRun('wf-1', input()))).toMatchObject({ state: 'planning', batches: 0, providerJobs: [] });
  });

  it('is running, paused, or completing once every batch is done', () => {
    const running = runOf([started(0), batch(1)]);
    expect(progressOf(running)).toMatchObject({ state: 'running', batches: 2, counts: { total: 5, pending: 5 } });
    expect(progressOf({ ...running, paused: true }).state).toBe('paused');
    const done = runOf([started(0, { phase: 'done' }), started(1, { phase: 'done' })]);
    expect(progressOf(done)).toMatchObject({ state: 'completing', providerJobs: [{ id: 'job-0' }, { id: 'job-1' }] });
  });

  it('tallies the batches done, running (provider job started) and waiting to start', () => {
    const run = runOf([started(0, { phase: 'done' }), started(1), batch(2), batch(3), started(4, { phase: 'done' })]);
    expect(progressOf(run).batchTally).toEqual({ total: 5, done: 2, running: 1, waiting: 2 });
    expect(progressOf(newJobRun('wf-1', input())).batchTally).toEqual({ total: 0, done: 0, running: 0, waiting: 0 });
  });
});

describe('a batch planned without item refs (a whole-org job)', () => {
  it('is counted from its snapshot while its items are listed and returned', () => {
    const org: JobPlan = { ...plan, total: 0, batches: [planned(0, 0)] };
    const rows = [ok('user-1'), ok('user-2'), bad('user-3')];
    const done = started(0, { phase: 'done', snapshot: succeededSnapshot(3), items: rows });
    const run = { ...runOf([done]), plan: org };

    expect(totalCounts(org, run.batches)).toMatchObject({ total: 3, succeeded: 3 });
    expect(listedItems(run).map((i) => i.ref)).toEqual(['user-1', 'user-2', 'user-3']);
    expect(buildResult(run).items).toHaveLength(3);
  });
});

describe('detailsProgressOf', () => {
  it('renders the same current details as the full progress while building records only for the listed jobs', () => {
    const many: PlannedBatch[] = Array.from({ length: 25 }, (_, i) => planned(i, 2));
    const batches = many.map((b) =>
      b.index < 12
        ? started(b.index, { phase: 'done', snapshot: succeededSnapshot(2), items: [ok(`b${b.index}-u0`)] })
        : b.index < 20
          ? started(b.index)
          : batch(b.index),
    );
    const run = { ...runOf(batches), plan: { ...plan, total: 50, batches: many } };
    const details = detailsProgressOf(run, MAX_LISTED_PROVIDER_JOBS);

    expect(details.providerJobs).toHaveLength(MAX_LISTED_PROVIDER_JOBS);
    expect([details.startedJobs, details.runningJobs]).toEqual([20, 8]);
    expect(renderCurrentDetails(details)).toBe(renderCurrentDetails(progressOf(run)));
    expect(renderCurrentDetails(details)).toContain('**Provider jobs:** 20 started of 25 batches, 8 running');
  });
});

describe('settledBatch', () => {
  it('settles a batch once while its items stay the same, and again once they are replaced', () => {
    const run = runOf([started(0, { phase: 'done', items: [ok('b0-u0'), bad('b0-u1')] }), batch(1)]);
    const done = run.batches[0] ?? batch(0);
    const first = settledBatch(run.plan, done);
    expect(settledBatch(run.plan, done)).toBe(first);
    expect(batchCounts(run.plan, done)).toMatchObject({ succeeded: 1, failed: 1 });

    done.items = [ok('b0-u0'), ok('b0-u1')];
    expect(settledBatch(run.plan, done)).not.toBe(first);
    expect(batchCounts(run.plan, done)).toMatchObject({ succeeded: 2, failed: 0 });
    expect(progressOf(run).counts).toMatchObject({ succeeded: 2, failed: 0 });
  });
});

describe('buildResult', () => {
  const done = [
    started(0, { snapshot: succeededSnapshot(2), items: [ok('b0-u0'), ok('b0-u1')] }),
    started(1, { snapshot: succeededSnapshot(3), items: [ok('b1-u0'), bad('b1-u1'), ok('b1-u2')] }),
  ];

  it('is partial when a job the provider reported succeeded has a failure its own page names', () => {
    expect(buildResult(runOf(done)).state).toBe('partial');
    const clean = [
      done[0] ?? batch(0),
      started(1, { snapshot: succeededSnapshot(3), items: [ok('b1-u0'), ok('b1-u1'), ok('b1-u2')] }),
    ];
    expect(buildResult(runOf(clean)).state).toBe('succeeded');
  });

  it('is partial when one provider job was reported partial and the other succeeded', () => {
    const partial = { ...succeededSnapshot(3), state: 'partial' as const };
    const batches = [
      done[0] ?? batch(0),
      started(1, { snapshot: partial, items: [ok('b1-u0'), bad('b1-u1'), ok('b1-u2')] }),
    ];
    expect(buildResult(runOf(batches)).state).toBe('partial');
  });

  it('keeps a row about a stranger out of the items and the counts, as a warning (never total 1 = 1 + 1)', () => {
    const stray = { kind: 'foreignRow' as const, batch: 0, ref: 'stranger', outcome: 'failed' as const, message: 'x' };
    const batches = [
      started(0, { snapshot: succeededSnapshot(2), items: [ok('b0-u0'), ok('b0-u1')], warnings: [stray] }),
      started(1, { snapshot: succeededSnapshot(3), items: [ok('b1-u0'), ok('b1-u1'), ok('b1-u2'), bad('stranger-2')] }),
    ];
    const result = buildResult(runOf(batches));
    expect(result.state).toBe('succeeded');
    expect(result.counts).toEqual({ total: 5, succeeded: 5, failed: 0, skipped: 0, pending: 0 });
    expect(result.items.map((i) => i.ref)).not.toContain('stranger-2');
    expect(result.warnings).toEqual([
      stray,
      expect.objectContaining({ kind: 'foreignRow', batch: 1, ref: 'stranger-2' }),
    ]);
  });

  it('has no warnings part when nothing contradicted itself (results read as they did before)', () => {
    expect(buildResult(runOf(done))).not.toHaveProperty('warnings');
  });

  it('is cancelled, naming who cancelled, whatever the counts', () => {
    const result = buildResult(runOf(done, { cancelledBy: 'alice' }));
    expect([result.state, result.cancelledBy]).toEqual(['cancelled', 'alice']);
  });

  it('keeps the refs a cancelled job left without an outcome, even those its provider counted done without naming them', () => {
    const abandoned = { ...succeededSnapshot(2), state: 'cancelled' as const, counts: counts(2, 1) };
    const batches = [started(0, { snapshot: abandoned, items: [] }), batch(1)];
    const result = buildResult(runOf(batches, { cancelledBy: 'alice' }));
    expect(result.pendingRefs).toEqual(['b0-u0', 'b0-u1', 'b1-u0', 'b1-u1', 'b1-u2']);
    expect(buildResult(runOf(done))).not.toHaveProperty('pendingRefs');
  });

  it('leaves cancelledBy out when nobody cancelled', () => {
    expect(buildResult(runOf(done))).not.toHaveProperty('cancelledBy');
  });

  it('collects the items of every batch in batch order', () => {
    expect(buildResult(runOf(done, { dryRun: true })).items.map((i) => i.ref)).toEqual([
      'b0-u0',
      'b0-u1',
      'b1-u0',
      'b1-u1',
      'b1-u2',
    ]);
  });

  it('carries the job id, operation, dryRun, counts and provider jobs', () => {
    expect(buildResult(runOf(done, { dryRun: true }))).toMatchObject({
      jobId: 'wf-1',
      operation: 'webex.moveUsers',
      dryRun: true,
      counts: { total: 5, succeeded: 4, failed: 1, skipped: 0, pending: 0 },
      providerJobs: [{ id: 'job-0' }, { id: 'job-1' }],
    });
  });
});
