/** The timeline built from recorded histories (test/fixtures/histories) and from a hand-made continue-as-new chain. */
import { AuditTimelineSchema, buildTimeline, historyFacts, timelineFromHistories } from '../../../src/audit';
import type { AuditEntry, HistoryFact } from '../../../src/audit';
import { emptyPollStats } from '../../../src/domain/job';
import type { JobPlan, PollStats } from '../../../src/domain/job';
import { fixtureHistory } from '../../helpers/fixture-histories';

function timelineOf(scenario: string) {
  const { workflowId, history } = fixtureHistory(scenario);
  return AuditTimelineSchema.parse(timelineFromHistories(workflowId, [history]));
}

function only<K extends AuditEntry['kind']>(entries: readonly AuditEntry[], kind: K) {
  return entries.filter((e): e is Extract<AuditEntry, { kind: K }> => e.kind === kind);
}

/**
 * Each recorded job twice: on the short start path (planning and the permit request as local activities, recorded
 * as markers) and as recorded before it (-activity-start: both as activity tasks). The audit reads the same.
 */
const PATHS = ['', '-activity-start'];

describe.each(PATHS)('audit timeline of a recorded partial job with a 429 (move-partial-throttled%s)', (path) => {
  const timeline = timelineOf(`move-partial-throttled${path}`);

  it('tells who asked for what, and the outcome', () => {
    expect(timeline).toMatchObject({
      state: 'partial',
      requestedBy: 'replay@example.test',
      request: { operation: 'webex.moveUsers', connection: 'default', dryRun: false, items: 120, callback: false },
      counts: { total: 120, succeeded: 119, failed: 1, skipped: 0, pending: 0 },
    });
    expect(timeline.runs).toHaveLength(1);
    expect(timeline.runs[0]?.end).toBe('completed');
  });

  it('lists the entries in order: request, plan, then each batch from permit to collection, then the end', () => {
    expect(timeline.entries.map((e) => ('batch' in e ? `${e.kind}#${e.batch}` : e.kind))).toEqual([
      'requested',
      'planned',
      'permitRequested#0',
      'permitGranted#0',
      'providerJobStarted#0',
      'segment#0',
      'collected#0',
      'permitRequested#1',
      'permitGranted#1',
      'providerJobStarted#1',
      'segment#1',
      'collected#1',
      'completed',
    ]);
    const times = timeline.entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("summarizes each segment's polls by answer and the time waited on Retry-After", () => {
    const [first] = only(timeline.entries, 'segment');
    expect(first).toMatchObject({
      batch: 0,
      segment: 1,
      polls: 4,
      answers: { running: 2, done: 1, locked: 0, rateLimited: 1, transient: 0 },
      waitedOnRetryAfterMs: 1_000,
      providerState: 'partial',
      progress: { total: 100, failed: 1 },
    });
    expect(timeline.providerJobs.map((j) => [j.batch, j.state, j.polls, j.segments])).toEqual([
      [0, 'partial', 4, 1],
      [1, 'succeeded', 3, 1],
    ]);
  });

  it("names each failed item with the provider's code and message", () => {
    expect(timeline.failures).toEqual([expect.objectContaining({ batch: 0, ref: 'FAIL-user-loc-A-5', code: '19605' })]);
    expect(timeline.failures[0]?.message).toContain('not authorized');
  });
});

describe.each(PATHS)(
  'audit timeline of a recorded paused, resumed and cancelled job (move-pause-resume-cancel%s)',
  (path) => {
    const timeline = timelineOf(`move-pause-resume-cancel${path}`);

    it('records who paused, resumed and cancelled, and what was sent to the provider', () => {
      expect(only(timeline.entries, 'controlRequested').map((e) => [e.action, e.requestedBy])).toEqual([
        ['pause', 'ops'],
        ['resume', 'ops'],
        ['cancel', 'ops'],
      ]);
      expect(only(timeline.entries, 'providerJobControlled').map((e) => e.action)).toEqual([
        'pause',
        'resume',
        'abandon',
      ]);
      expect(timeline).toMatchObject({ state: 'cancelled', cancelledBy: 'ops' });
    });

    it('marks the segment in flight at the cancel as given up on, before the abandon', () => {
      const kinds = timeline.entries.map((e) => e.kind);
      expect(only(timeline.entries, 'abandoned')).toEqual([expect.objectContaining({ batch: 0, step: 'segment' })]);
      expect(kinds.indexOf('abandoned')).toBeLessThan(kinds.lastIndexOf('providerJobControlled'));
      expect(timeline.providerJobs[0]).toMatchObject({ state: 'cancelled', providerStatus: 'ABANDONED/STOPPED' });
    });
  },
);

describe('audit timeline of a continue-as-new chain', () => {
  const plan: JobPlan = {
    operation: 'webex.moveUsers',
    provider: 'webex',
    tenant: 'org-1',
    total: 2,
    batches: [{ index: 0, key: 'loc-A', itemRefs: ['u1', 'u2'], payload: {} }],
    maxConcurrentBatches: 1,
    pollIntervalMs: 1_000,
    capabilities: { dryRun: true, pause: true, resume: true, cancel: true },
  };
  const batch = plan.batches[0];
  const request = { operation: 'webex.moveUsers', connection: 'default', dryRun: false, input: {} };
  const stats = (polls: number, waited: number): PollStats => ({
    ...emptyPollStats(),
    polls,
    answers: { ...emptyPollStats().answers, running: polls - 1, rateLimited: 1 },
    waitedOnRetryAfterMs: waited,
  });
  const at = (s: number) => new Date(Date.UTC(2026, 10, 1, 0, 0, s)).toISOString();
  const target = { operation: 'webex.moveUsers', connection: 'default', batch, providerJobId: 'pj-1' };
  const counts = (succeeded: number) => ({ total: 2, succeeded, failed: 0, skipped: 0, pending: 2 - succeeded });
  const running = { state: 'running', counts: counts(1), providerStatus: 'STARTED' };
  const done = { state: 'succeeded', counts: counts(2), providerStatus: 'COMPLETED' };
  const result = {
    jobId: 'job-1',
    operation: 'webex.moveUsers',
    dryRun: false,
    state: 'succeeded',
    counts: counts(2),
    providerJobs: [],
    items: [],
  };
  const started = { kind: 'started', providerJobId: 'pj-1', startedAt: at(4), reused: false };
  const throttled = { type: 'ProviderRateLimitError', message: '429' };

  const run1: HistoryFact[] = [
    {
      at: at(0),
      eventId: 1,
      kind: 'started',
      runId: 'r1',
      input: { request, requestedBy: 'alice' },
      memo: { requestDigest: 'abc' },
      identity: '',
    },
    { at: at(1), eventId: 2, kind: 'activityScheduled', activity: 'planBulkJob', input: request },
    { at: at(1), eventId: 3, kind: 'activityCompleted', scheduledId: 2, result: plan },
    { at: at(2), eventId: 4, kind: 'activityScheduled', activity: 'startProviderJob', input: target },
    { at: at(4), eventId: 5, kind: 'activityStarted', scheduledId: 4, attempt: 2, lastFailure: throttled },
    { at: at(4), eventId: 6, kind: 'activityCompleted', scheduledId: 4, result: started },
    {
      at: at(5),
      eventId: 7,
      kind: 'activityScheduled',
      activity: 'awaitProviderJob',
      input: { ...target, carried: emptyPollStats() },
    },
    {
      at: at(15),
      eventId: 8,
      kind: 'activityCompleted',
      scheduledId: 7,
      result: { stats: stats(5, 2_000), snapshot: running },
    },
    { at: at(16), eventId: 9, kind: 'continuedAsNew', nextRunId: 'r2' },
  ];
  const carried = { plan, batches: [], paused: false, run: 2 };
  const run2: HistoryFact[] = [
    {
      at: at(17),
      eventId: 1,
      kind: 'started',
      runId: 'r2',
      previousRunId: 'r1',
      input: { request, requestedBy: 'alice', carried },
      memo: {},
      identity: '',
    },
    {
      at: at(18),
      eventId: 2,
      kind: 'activityScheduled',
      activity: 'awaitProviderJob',
      input: { ...target, carried: stats(5, 2_000) },
    },
    {
      at: at(25),
      eventId: 3,
      kind: 'activityCompleted',
      scheduledId: 2,
      result: { stats: stats(8, 3_000), snapshot: done },
    },
    { at: at(26), eventId: 4, kind: 'activityScheduled', activity: 'collectItemResults', input: { ...target } },
    {
      at: at(27),
      eventId: 5,
      kind: 'activityCompleted',
      scheduledId: 4,
      result: {
        items: [
          { ref: 'u1', outcome: 'succeeded' },
          { ref: 'u2', outcome: 'succeeded' },
        ],
      },
    },
    { at: at(28), eventId: 6, kind: 'completed', result },
  ];
  const timeline = AuditTimelineSchema.parse(buildTimeline('job-1', [run1, run2]));

  it('covers both runs, numbering segments across them', () => {
    expect(timeline.runs.map((r) => [r.run, r.runId, r.end])).toEqual([
      [1, 'r1', 'continuedAsNew'],
      [2, 'r2', 'completed'],
    ]);
    expect(only(timeline.entries, 'segment').map((s) => [s.run, s.segment, s.polls, s.waitedOnRetryAfterMs])).toEqual([
      [1, 1, 5, 2_000],
      [2, 2, 3, 1_000],
    ]);
    expect(timeline.entries.at(-1)).toMatchObject({ kind: 'completed', run: 2, state: 'succeeded' });
  });

  it('sums a provider job over the runs and keeps the retry reason of its start', () => {
    expect(timeline.providerJobs).toEqual([
      expect.objectContaining({ id: 'pj-1', state: 'succeeded', segments: 2, polls: 8, waitedOnRetryAfterMs: 3_000 }),
    ]);
    expect(only(timeline.entries, 'providerJobStarted')[0]).toMatchObject({
      attempts: 2,
      lastRetryReason: { type: 'ProviderRateLimitError' },
    });
    expect(timeline.request).toMatchObject({ digest: 'abc', items: 2 });
  });
});

describe('historyFacts', () => {
  it('reads every fact the audit needs from a recorded history, and no stack traces', () => {
    const facts = historyFacts(fixtureHistory('move-partial-throttled').history);
    expect(new Set(facts.map((f) => f.kind))).toEqual(
      new Set([
        'started',
        'localActivity',
        'activityScheduled',
        'activityStarted',
        'activityCompleted',
        'signaled',
        'completed',
      ]),
    );
    expect(JSON.stringify(facts)).not.toMatch(/stackTrace|at \S+ \(/);
  });

  it('reads local activities from their markers: type, attempt and result', () => {
    const facts = historyFacts(fixtureHistory('move-partial-throttled').history);
    const local = facts.filter((f) => f.kind === 'localActivity');
    expect(local.map((f) => f.activity)).toEqual(['planBulkJob', 'requestPermit', 'requestPermit']);
    expect(local.every((f) => f.attempt === 1)).toBe(true);
    expect(local[1]).toMatchObject({ result: { token: expect.stringMatching(/\/batch-0$/) } });
  });

  it("times a local activity by its completion, not by its workflow task's, so a grant never precedes its request", () => {
    // The permit request's workflow task completes (and its marker is written) after the grant signal arrived.
    const { workflowId, history } = fixtureHistory('move-partial-throttled');
    const events = (history.events ?? []).map((e) => ({ ...e }));
    const grantIndex = events.findIndex(
      (e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'permitGranted',
    );
    const markerIndex = grantIndex - 1;
    const grant = events[grantIndex];
    const marker = events[markerIndex];
    if (!grant?.eventTime || !marker?.markerRecordedEventAttributes) throw new Error('fixture changed');
    events[markerIndex] = {
      ...marker,
      eventTime: { ...grant.eventTime, nanos: (grant.eventTime.nanos ?? 0) + 1_000_000 },
    };
    const timeline = timelineFromHistories(workflowId, [{ events }]);
    const kinds = timeline.entries.map((e) => ('batch' in e ? `${e.kind}#${e.batch}` : e.kind));
    expect(kinds.indexOf('permitRequested#0')).toBeLessThan(kinds.indexOf('permitGranted#0'));
    expect(only(timeline.entries, 'permitGranted')[0]?.waitedMs).toBeGreaterThan(0);
  });

  it('reads the activity-start path as activity tasks', () => {
    const facts = historyFacts(fixtureHistory('move-partial-throttled-activity-start').history);
    expect(facts.some((f) => f.kind === 'localActivity')).toBe(false);
    expect(facts.filter((f) => f.kind === 'activityScheduled').map((f) => f.activity)).toContain('planBulkJob');
  });
});
