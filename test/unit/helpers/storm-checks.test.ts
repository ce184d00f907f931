/** The storm and soak checks catch what they are for: each is shown a run that breaks its rule. */
import type { BulkJobResult } from '../../../src/domain/job';
import type { LedgerJob } from '../../../src/simulator/ledger';
import type { RequestLogEntry } from '../../../src/simulator/request-log';
import {
  faultTable,
  permanentRetries,
  stallsWaitedOut,
  windowEndOf,
  windowViolations,
} from '../../helpers/storm-checks';
import { ledgerMismatches } from '../../helpers/ledger-checks';

const T0 = Date.UTC(2026, 10, 1, 8, 0, 0, 400);

function entry(over: Partial<RequestLogEntry>): RequestLogEntry {
  return {
    endpoint: 'x.status',
    method: 'GET',
    path: '/jobs/1',
    query: {},
    subject: 'job:1',
    receivedAt: T0,
    status: 200,
    answeredAt: T0,
    ...over,
  };
}

describe('windowEndOf', () => {
  it('counts delta-seconds from when the answer was sent', () => {
    expect(windowEndOf(entry({ retryAfter: '2', answeredAt: T0 }))).toBe(T0 + 2_000);
  });

  it('ends an HTTP-date window exactly at the second it names', () => {
    expect(windowEndOf(entry({ retryAfter: 'Sun, 01 Nov 2026 08:00:02 GMT' }))).toBe(Date.UTC(2026, 10, 1, 8, 0, 2));
  });

  it('opens no window without a Retry-After', () => {
    expect(windowEndOf(entry({}))).toBeUndefined();
  });
});

describe('windowViolations', () => {
  const limited = entry({ status: 429, retryAfter: '1', answeredAt: T0 });

  it('finds a request about the same subject inside the window, by how much it was early', () => {
    const early = entry({ receivedAt: T0 + 999 });
    expect(windowViolations([limited, early])).toEqual([{ answer: limited, request: early, earlyByMs: 1 }]);
  });

  it('allows a request at the window end, another subject inside it, and one already in flight', () => {
    const atEnd = entry({ receivedAt: T0 + 1_000 });
    const other = entry({ subject: 'job:2', receivedAt: T0 + 10 });
    const before = entry({ receivedAt: T0 - 5 });
    const concurrent = entry({ endpoint: 'x.draft', receivedAt: T0 });
    expect(windowViolations([limited, atEnd, other, before, concurrent])).toEqual([]);
  });

  it('holds an HTTP-date window to its second, not to when the answer was sent', () => {
    const dated = entry({ status: 423, retryAfter: 'Sun, 01 Nov 2026 08:00:02 GMT', answeredAt: T0 });
    const early = entry({ receivedAt: Date.UTC(2026, 10, 1, 8, 0, 1, 999) });
    expect(windowViolations([dated, early])).toHaveLength(1);
  });
});

describe('permanentRetries', () => {
  const refused = entry({ endpoint: 'x.start', subject: 'POST /x#a', status: 418, stormKind: 'unknown 4xx (418)' });

  it('finds the same request sent again after a permanent answer', () => {
    const again = entry({ endpoint: 'x.start', subject: 'POST /x#a', receivedAt: T0 + 1_000 });
    expect(permanentRetries([refused, again], new Set(['unknown 4xx (418)']))).toHaveLength(1);
  });

  it('ignores other subjects and answers of other kinds', () => {
    const other = entry({ endpoint: 'x.start', subject: 'POST /x#b', receivedAt: T0 + 1_000 });
    expect(permanentRetries([refused, other], new Set(['unknown 4xx (418)']))).toEqual([]);
    expect(permanentRetries([refused, { ...other, subject: refused.subject }], new Set(['500']))).toEqual([]);
  });
});

describe('stallsWaitedOut', () => {
  const stalled = entry({ stormKind: 'stall 10 s', receivedAt: T0, answeredAt: T0 + 10_000 });

  it('finds a stalled read whose client stayed until the answer, even when it was asked again meanwhile', () => {
    expect(stallsWaitedOut([stalled, entry({ receivedAt: T0 + 3_100 })], 'stall 10 s')).toEqual([stalled]);
  });

  it('accepts a stalled read whose client gave up before the answer, even when nobody asked again then', () => {
    const abandoned = { ...stalled, clientGoneAt: T0 + 2_250 };
    expect(stallsWaitedOut([abandoned, entry({ receivedAt: T0 + 10_050 })], 'stall 10 s')).toEqual([]);
  });
});

describe('ledgerMismatches', () => {
  const counts = { total: 2, succeeded: 1, failed: 1, skipped: 0, pending: 0 };
  const record = { batch: 0, id: 'J1', state: 'partial' as const, counts, polls: 3, waitedOnRetryAfterMs: 0 };
  const answers = { running: 2, done: 1, locked: 0, rateLimited: 0, transient: 0 };
  const result: BulkJobResult = {
    jobId: 'job-a',
    operation: 'webex.moveUsers',
    dryRun: false,
    state: 'partial',
    counts,
    providerJobs: [{ ...record, answers, startedAt: '2026-11-01T08:00:00Z' }],
    items: [
      { ref: 'u1', outcome: 'succeeded' },
      { ref: 'u2', outcome: 'failed', code: '4202' },
    ],
  };
  const job: LedgerJob = {
    id: 'J1',
    createdAt: '2026-11-01T08:00:00Z',
    finished: true,
    users: [
      { ref: 'u1', outcome: 'succeeded' },
      { ref: 'u2', outcome: 'failed' },
    ],
  };
  const check = (results: BulkJobResult[], ledger: LedgerJob[]): string[] =>
    ledgerMismatches({ results, ledger, refusalErrors: new Set(['ProviderRejectedError']) });

  it('finds nothing when bulkflow reports what the provider did', () => {
    expect(check([result], [job])).toEqual([]);
  });

  it('finds an item whose outcome differs from the provider', () => {
    const lying = { ...result, items: [result.items[0]!, { ref: 'u2', outcome: 'succeeded' as const }] };
    expect(check([lying], [job]).join('\n')).toContain('u2 failed at the provider (job J1), bulkflow says succeeded');
  });

  it('finds a job the provider ran twice (one unreported) and a user processed twice', () => {
    const twice = { ...job, id: 'J2' };
    const problems = check([result], [job, twice]).join('\n');
    expect(problems).toContain('the provider ran job J2, which no result reports');
    expect(problems).toContain('u1 is in provider jobs J1 and J2');
  });

  it('finds a reported job the provider never ran, and one still running', () => {
    expect(check([result], []).join('\n')).toContain('provider job J1 is not in the provider');
    expect(check([result], [{ ...job, finished: false }]).join('\n')).toContain('has not finished');
  });

  it('finds a state that does not follow the counts', () => {
    expect(check([{ ...result, state: 'succeeded' }], [job]).join('\n')).toContain('its counts say partial');
  });

  it('accepts items of a refused batch only as failed with the refusal as the job error', () => {
    const refused: BulkJobResult = {
      ...result,
      state: 'failed',
      counts: { total: 1, succeeded: 0, failed: 1, skipped: 0, pending: 0 },
      providerJobs: [],
      items: [{ ref: 'u3', outcome: 'failed', code: 'I_M_A_TEAPOT' }],
      error: { type: 'ProviderRejectedError', message: 'HTTP 418' },
    };
    expect(check([refused], [])).toEqual([]);
    expect(check([{ ...refused, error: { type: 'Other', message: '' } }], []).join('\n')).toContain(
      "the job's error is Other",
    );
  });

  it("lets a loudly stopped job's provider job go unreported", () => {
    const unreported = new Set(['u1', 'u2']);
    expect(ledgerMismatches({ results: [], ledger: [job], refusalErrors: new Set(), unreported })).toEqual([]);
  });
});

describe('faultTable', () => {
  it('lists every kind with its count and the total', () => {
    const table = faultTable('title', { reset: 2, '500': 1 });
    expect(table.split('\n')).toEqual([
      'title',
      '  kind   faults',
      '  500         1',
      '  reset       2',
      '  total       3',
      '',
    ]);
  });
});
