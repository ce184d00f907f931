/** Nothing a provider or a caller put into a value can forge or recolour a line of the CLI's output. */
import { PassThrough } from 'node:stream';
import { println } from '../../../src/cli/context';
import { formatItems, formatJobs, formatResult, formatView, itemLine } from '../../../src/cli/output';
import type { BulkJobResult } from '../../../src/domain/job';
import type { JobView } from '../../../src/client';

const FORGED = 'u1\tsucceeded\nu2\u001b[2K\u202egnp.exe';

/** A running job's view with one pending item and nothing else, plus `extra`. */
function runningView(extra: Partial<JobView>): JobView {
  return {
    jobId: 'j',
    runId: 'r',
    state: 'running',
    status: 'RUNNING',
    startTime: 't',
    counts: { total: 1, succeeded: 0, failed: 0, skipped: 0, pending: 1 },
    providerJobs: [],
    polling: [],
    ...extra,
  };
}

describe('CLI output of hostile values', () => {
  it('keeps an item on one line and its fields in their columns, whatever its ref and message hold', () => {
    const line = itemLine({ ref: FORGED, outcome: 'failed', code: 'E\r1', message: 'bad\u0000' });
    expect(line.split('\n')).toHaveLength(1);
    expect(line.split('\t')).toEqual([
      'u1\\u0009succeeded\\u000au2\\u001b[2K\\u202egnp.exe',
      'failed',
      'E\\u000d1',
      'bad\\u0000',
    ]);
    const page = formatItems({
      jobId: 'j',
      state: 'failed',
      items: [{ ref: FORGED, outcome: 'failed' }],
      total: 1,
      complete: true,
    });
    expect(page.split('\n')).toHaveLength(2);
  });

  it('escapes values in a job view', () => {
    const view = {
      jobId: 'j\nforged',
      state: 'running',
      status: 'RUNNING',
      tenant: 'org\u202e',
      requestedBy: 'x',
      startTime: 't',
      counts: { total: 0, succeeded: 0, failed: 0, skipped: 0, pending: 0 },
      providerJobs: [],
    } as unknown as JobView;
    expect(formatView(view)).toContain('job j\\u000aforged: running');
    expect(formatView(view)).toContain('tenant org\\u202e');
  });

  it('says when a running provider job made no progress for several polls, and since when', () => {
    const job = {
      batch: 0,
      id: 'job-1',
      state: 'running',
      counts: { total: 2, succeeded: 1, failed: 0, skipped: 0, pending: 1 },
      polls: 9,
      answers: { running: 9, done: 0, locked: 0, rateLimited: 0, transient: 0 },
      waitedOnRetryAfterMs: 0,
      progressAt: '2025-01-01T12:00:00.000Z',
      pollsWithoutProgress: 7,
      startedAt: '2025-01-01T11:59:00.000Z',
    } as const;
    const view: JobView = {
      jobId: 'j',
      runId: 'r',
      state: 'running',
      status: 'RUNNING',
      startTime: 't',
      counts: job.counts,
      providerJobs: [job, { ...job, id: 'job-2', pollsWithoutProgress: 0 }],
      polling: [],
      waiting: [],
    };
    const lines = formatView(view).split('\n');
    expect(lines.filter((line) => line.includes('no progress'))).toEqual([
      '  provider job job-1: running · 1 succeeded, 0 failed, 0 skipped, 1 pending of 2 · 9 polls · ' +
        'no progress for 7 polls (since 2025-01-01T12:00:00.000Z)',
    ]);
  });

  it("prints where a running job's batches stand when it has more than one", () => {
    const view = runningView({
      counts: { total: 800, succeeded: 200, failed: 0, skipped: 0, pending: 600 },
      batches: { total: 8, done: 2, running: 1, waiting: 5 },
    });
    expect(formatView(view).split('\n')).toContain('  batches: 2 done, 1 running, 5 waiting of 8');
    const single = { ...view, batches: { total: 1, done: 0, running: 1, waiting: 0 } };
    expect(formatView(single)).not.toContain('batches:');
  });

  it('prints each start waiting for its org, escaping the job in the way', () => {
    const view = runningView({
      waiting: [{ batch: 0, reason: 'another job is running in this org', since: 's', runningJobId: 'x\ny' }],
    });
    expect(formatView(view).split('\n')).toContain(
      '  waiting: another job is running in this org (batch 0, since s, job x\\u000ay)',
    );
  });

  it("prints a result's warnings one per line, escaped, after the failed items", () => {
    const result: BulkJobResult = {
      jobId: 'j',
      operation: 'webex.moveUsers',
      dryRun: false,
      state: 'succeeded',
      counts: { total: 1, succeeded: 1, failed: 0, skipped: 0, pending: 0 },
      providerJobs: [],
      items: [{ ref: 'u1', outcome: 'succeeded' }],
      warnings: [
        { kind: 'foreignRow', batch: 0, ref: FORGED, outcome: 'failed', message: `a result row names ${FORGED}` },
      ],
    };
    const lines = formatResult(result).split('\n');
    expect(lines.slice(-2)).toEqual([
      '  warnings (1):',
      '    batch 0: a result row names u1\\u0009succeeded\\u000au2\\u001b[2K\\u202egnp.exe',
    ]);
    const { warnings: _none, ...quiet } = result;
    expect(formatResult(quiet)).not.toContain('warnings');
  });

  it('escapes control and bidi characters in anything printed, keeping its own line breaks and tabs', () => {
    const out = new PassThrough();
    println(out, 'a\tb\nc\u001b]0;title\u0007\u2066d');
    expect(String(out.read())).toBe('a\tb\nc\\u001b]0;title\\u0007\\u2066d\n');
  });

  it('keeps JSON output valid JSON for the same string', () => {
    const out = new PassThrough();
    const value = { ref: 'x\u202ey\u0085' };
    println(out, JSON.stringify(value));
    expect(JSON.parse(String(out.read()))).toEqual(value);
  });
});

describe('CLI listings', () => {
  const info = {
    jobId: 'tc834263e099d297d.caf3c82544f64.k',
    runId: 'r',
    status: 'RUNNING',
    state: 'running' as const,
    operation: 'webex.moveUsers',
    tenant: 'org-1',
    requestedBy: 'ops',
    startTime: '2026-12-01T00:00:00.000Z',
  };

  it('starts `list` with a header line naming each column as --json does', () => {
    const [header, row, count] = formatJobs([info]).split('\n');
    expect(header).toBe('jobId\tstate\toperation\ttenant\trequestedBy\tstartTime');
    expect(row?.split('\t')).toEqual([info.jobId, 'running', 'webex.moveUsers', 'org-1', 'ops', info.startTime]);
    expect(count).toBe('1 jobs');
  });

  it('prints pending items as ref and outcome, and tells how to list the items a result left not done', () => {
    expect(itemLine({ ref: 'u9', outcome: 'pending' })).toBe('u9\tpending');
    const result: BulkJobResult = {
      jobId: 'j',
      operation: 'webex.moveUsers',
      dryRun: false,
      state: 'cancelled',
      counts: { total: 3, succeeded: 1, failed: 0, skipped: 0, pending: 2 },
      providerJobs: [],
      items: [{ ref: 'u1', outcome: 'succeeded' }],
      pendingRefs: ['u2', 'u3'],
      cancelledBy: 'alice',
    };
    expect(formatResult(result)).toContain('not done: 2 items — bulkflow items j --outcome pending --all');
  });
});
