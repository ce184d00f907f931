/** Listing filters → visibility queries, and cursors. */
import { hasErrorName } from '../../../src/domain/errors';
import {
  buildListQuery,
  decodeCursor,
  decodeOffset,
  encodeCursor,
  encodeOffset,
  parseJobListFilter,
} from '../../../src/client/list-query';
import type { RequestValidationError } from '../../../src/client/errors';

const BASE = "WorkflowType = 'bulkJobWorkflow' AND ExecutionStatus != 'ContinuedAsNew'";

function fields(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (hasErrorName(err, 'RequestValidationError')) return (err as RequestValidationError).issues.map((i) => i.field);
    throw err;
  }
  throw new Error('expected a RequestValidationError');
}

describe('buildListQuery', () => {
  it('lists only bulk jobs, one entry per job, when no filter is given', () => {
    expect(buildListQuery(parseJobListFilter({}))).toBe(BASE);
  });

  it('filters by every search attribute and the start time range', () => {
    const query = buildListQuery(
      parseJobListFilter({
        operation: 'webex.moveUsers',
        provider: 'webex',
        tenant: 'org-1',
        requestedBy: 'ops@example.test',
        startedAfter: '2026-11-01T00:00:00+01:00',
        startedBefore: '2026-12-01T00:00:00Z',
        state: 'partial',
      }),
    );
    expect(query).toBe(
      `${BASE} AND BulkOperation = 'webex.moveUsers' AND BulkProvider = 'webex' AND BulkTenant = 'org-1'` +
        ` AND BulkRequestedBy = 'ops@example.test' AND StartTime >= '2026-10-31T23:00:00.000Z'` +
        ` AND StartTime < '2026-12-01T00:00:00.000Z' AND BulkState = 'partial'`,
    );
  });

  it('counts workflows that failed before a result as failed, and lists terminated and timed-out ones by those names', () => {
    expect(buildListQuery(parseJobListFilter({ state: 'failed' }))).toContain(
      "(ExecutionStatus = 'Failed' OR (BulkState = 'failed' AND ExecutionStatus IN ('Completed', 'Running')))",
    );
    expect(buildListQuery(parseJobListFilter({ state: 'terminated' }))).toContain("ExecutionStatus = 'Terminated'");
    expect(buildListQuery(parseJobListFilter({ state: 'timedOut' }))).toContain("ExecutionStatus = 'TimedOut'");
  });

  it('matches running states only on running workflows, and any of several tenants', () => {
    const query = buildListQuery(parseJobListFilter({ state: 'paused', tenants: ['a', 'b'] }));
    expect(query).toContain("BulkTenant IN ('a', 'b')");
    expect(query).toContain("BulkState = 'paused' AND ExecutionStatus = 'Running'");
  });

  it('refuses values that could leave their quotes, and unknown filters, naming each field', () => {
    expect(fields(() => parseJobListFilter({ tenant: "x' OR '1'='1", requestedBy: 'a\\b', colour: 'red' }))).toEqual([
      'tenant',
      'requestedBy',
      'colour',
    ]);
  });
});

describe('cursors', () => {
  const key = { secret: 'cursor-secret-0123456789', configured: true };

  it('round-trips page tokens and item offsets', () => {
    const token = new Uint8Array([0, 1, 250, 255]);
    expect(decodeCursor(encodeCursor(token, 'q', key), 'q', key)).toEqual(Buffer.from(token));
    expect(decodeOffset(encodeOffset(300))).toBe(300);
    expect(decodeOffset(undefined)).toBe(0);
  });

  it('refuses a cursor it did not hand out', () => {
    expect(fields(() => decodeOffset('bm90LWEtY3Vyc29y'))).toEqual(['cursor']);
    expect(fields(() => decodeCursor('not base64url!', 'q', key))).toEqual(['cursor']);
    expect(fields(() => decodeCursor('AAAA', 'q', key))).toEqual(['cursor']);
  });

  it('refuses a cursor of another listing, or one whose token was changed', () => {
    const cursor = encodeCursor(new Uint8Array([1, 2, 3]), "BulkTenant IN ('org-1')", key);
    expect(fields(() => decodeCursor(cursor, "BulkTenant IN ('org-2')", key))).toEqual(['cursor']);
    expect(fields(() => decodeCursor(`AQIE${cursor.slice(4)}`, "BulkTenant IN ('org-1')", key))).toEqual(['cursor']);
  });

  it('refuses a cursor signed under another key, and says what makes cursors last when none is configured', () => {
    const cursor = encodeCursor(new Uint8Array([1, 2, 3]), 'q', key);
    const random = { secret: Buffer.alloc(32, 7), configured: false };
    expect(fields(() => decodeCursor(cursor, 'q', random))).toEqual(['cursor']);
    expect(() => decodeCursor(cursor, 'q', random)).toThrow(/BULKFLOW_CURSOR_SECRET/);
  });
});
