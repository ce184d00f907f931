/** The audit shows what a provider contradicted itself on: in the timeline, its entries, and the text and NDJSON. */
import { AuditTimelineSchema, buildTimeline, renderNdjson, renderText } from '../../../src/audit';
import type { AuditEntry, HistoryFact } from '../../../src/audit';
import { emptyPollStats } from '../../../src/domain/job';
import type { JobPlan, JobWarning } from '../../../src/domain/job';

const plan: JobPlan = {
  operation: 'webex.moveUsers',
  provider: 'webex',
  tenant: 'org-1',
  total: 1,
  batches: [{ index: 0, key: 'loc-A', itemRefs: ['u1'], payload: {} }],
  maxConcurrentBatches: 1,
  pollIntervalMs: 1_000,
  capabilities: { dryRun: true, pause: true, resume: true, cancel: true },
};
const request = { operation: 'webex.moveUsers', connection: 'default', dryRun: false, input: {} };
const at = (s: number) => new Date(Date.UTC(2026, 10, 1, 0, 0, s)).toISOString();
const target = { operation: 'webex.moveUsers', connection: 'default', batch: plan.batches[0], providerJobId: 'pj-1' };
const counts = { total: 1, succeeded: 1, failed: 0, skipped: 0, pending: 0 };
const stray: JobWarning = {
  kind: 'foreignRow',
  batch: 0,
  providerJobId: 'pj-1',
  ref: 'stranger',
  outcome: 'failed',
  code: '19605',
  message: 'a result row names "stranger", which is not in batch 0 (failed, 19605); kept as a warning, not as an item',
};
const items = [{ ref: 'u1', outcome: 'succeeded' }];

const facts = (completed: boolean, warnings: JobWarning[] = [stray]): HistoryFact[] => [
  {
    at: at(0),
    eventId: 1,
    kind: 'started',
    runId: 'r1',
    input: { request, requestedBy: 'alice' },
    memo: {},
    identity: '',
  },
  { at: at(1), eventId: 2, kind: 'activityScheduled', activity: 'planBulkJob', input: request },
  { at: at(1), eventId: 3, kind: 'activityCompleted', scheduledId: 2, result: plan },
  { at: at(2), eventId: 4, kind: 'activityScheduled', activity: 'startProviderJob', input: target },
  {
    at: at(3),
    eventId: 5,
    kind: 'activityCompleted',
    scheduledId: 4,
    result: { kind: 'started', providerJobId: 'pj-1', startedAt: at(3), reused: false },
  },
  {
    at: at(4),
    eventId: 6,
    kind: 'activityScheduled',
    activity: 'awaitProviderJob',
    input: { ...target, carried: emptyPollStats() },
  },
  {
    at: at(5),
    eventId: 7,
    kind: 'activityCompleted',
    scheduledId: 6,
    result: {
      stats: emptyPollStats(),
      snapshot: { state: 'succeeded', counts, providerStatus: 'COMPLETED/COMPLETED' },
    },
  },
  { at: at(6), eventId: 8, kind: 'activityScheduled', activity: 'collectItemResults', input: target },
  {
    at: at(7),
    eventId: 9,
    kind: 'activityCompleted',
    scheduledId: 8,
    result: { items, ...(warnings.length ? { warnings } : {}) },
  },
  ...(completed
    ? [
        {
          at: at(8),
          eventId: 10,
          kind: 'completed' as const,
          result: {
            jobId: 'job-1',
            operation: 'webex.moveUsers',
            dryRun: false,
            state: 'succeeded',
            counts,
            providerJobs: [],
            items,
            ...(warnings.length ? { warnings } : {}),
          },
        },
      ]
    : []),
];

const timelineOf = (completed: boolean) => AuditTimelineSchema.parse(buildTimeline('job-1', [facts(completed)]));
const collected = (entries: readonly AuditEntry[]) => entries.find((e) => e.kind === 'collected');

describe('audit of a job whose provider named a stranger', () => {
  const timeline = timelineOf(true);

  it("lists the result's warnings, and how many each collection gave", () => {
    expect(timeline.warnings).toEqual([stray]);
    expect(collected(timeline.entries)).toMatchObject({ succeeded: 1, failed: 0, warnings: 1 });
    expect(timeline).toMatchObject({ state: 'succeeded', counts, failures: [] });
  });

  it('lists the warnings seen so far while the job runs', () => {
    expect(timelineOf(false).warnings).toEqual([stray]);
  });

  it('has no warnings part when nothing contradicted itself', () => {
    expect(buildTimeline('job-1', [facts(true, [])])).not.toHaveProperty('warnings');
    expect(collected(buildTimeline('job-1', [facts(true, [])]).entries)).not.toHaveProperty('warnings');
  });

  it('says so in the text: in the header, on the collection line and in a Warnings section', () => {
    const text = renderText(timeline);
    expect(text).toContain('  warning: 1 provider answer contradicted itself (see "Warnings" below)');
    expect(text).toContain('collected pj-1: 1 succeeded, 0 failed, 0 skipped; 1 warning (see "Warnings" below)');
    expect(text).toMatch(/Warnings \(1\)\n {2}batch 0 {2}a result row names "stranger"/);
  });

  it('writes one NDJSON line per warning before the summary, which counts them', () => {
    const lines = renderNdjson(timeline)
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.slice(-2)).toEqual([
      expect.objectContaining({ kind: 'warning', warning: 'foreignRow', ref: 'stranger', batch: 0 }),
      expect.objectContaining({ kind: 'summary', warnings: 1 }),
    ]);
  });
});
