/** Text and NDJSON renderings of a recorded job's timeline. */
import { AuditEntrySchema, formatTimeline, renderNdjson, renderText, timelineFromHistories } from '../../../src/audit';
import { fixtureHistory } from '../../helpers/fixture-histories';

const { workflowId, history } = fixtureHistory('move-partial-throttled');
const timeline = timelineFromHistories(workflowId, [history]);

describe('renderText', () => {
  const text = renderText(timeline);

  it('starts with who asked for what and how it ended', () => {
    expect(text.split('\n').slice(0, 4)).toEqual([
      `Job ${workflowId}: webex.moveUsers, partial`,
      `  requested by replay@example.test at ${timeline.requestedAt}, closed at ${timeline.closedAt ?? ''}`,
      expect.stringMatching(/^ {2}connection default, 120 items, request digest [0-9a-f]{16}…$/),
      '  runs: 1; 119 succeeded, 1 failed, 0 skipped, 0 pending of 120',
    ]);
  });

  it('writes one line per entry with seconds since the request, and the answers of each segment', () => {
    const lines = text.split('\n');
    const start = lines.indexOf('Timeline (seconds since the request)');
    expect(lines.slice(start + 1, start + 1 + timeline.entries.length).every((l) => /^ +\+\d+\.\ds {2}/.test(l))).toBe(
      true,
    );
    expect(text).toContain(
      'segment 1: 4 polls (2 running, 1 done, 1 429 rate-limited) in 1.4s, 1.0s waiting on Retry-After',
    );
  });

  it('keeps a value that holds line breaks or terminal controls on its own line, escaped', () => {
    const forged = {
      batch: 0,
      ref: 'u1\n   +0.0s  run 1     finished succeeded',
      code: '\u001b[31m',
      message: 'x\u202e',
    };
    const lines = renderText({ ...timeline, failures: [forged] }).split('\n');
    const failure = lines[lines.indexOf('Failed items (1)') + 1];

    expect(failure).toBe('  batch 0  u1\\u000a   +0.0s  run 1     finished succeeded  \\u001b[31m  x\\u202e');
    expect(lines.filter((l) => l.includes('finished succeeded'))).toHaveLength(1);
  });

  it('ends with the provider jobs and the failed items', () => {
    expect(text).toMatch(/Provider jobs\n {2}batch 0 {2}\S+ {2}partial/);
    expect(text).toMatch(/Failed items \(1\)\n {2}batch 0 {2}FAIL-user-loc-A-5 {2}19605 {2}\[Error 19605\]/);
  });
});

describe('renderNdjson', () => {
  const lines = renderNdjson(timeline)
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('writes each entry as a self-describing line that parses as an entry', () => {
    const entries = lines.slice(0, timeline.entries.length);
    expect(entries.map((l) => l['seq'])).toEqual(entries.map((_l, i) => i));
    for (const line of entries) {
      expect(line).toMatchObject({ schema: 'bulkflow.audit/v1', jobId: workflowId, operation: 'webex.moveUsers' });
      expect(AuditEntrySchema.safeParse(line).success).toBe(true);
    }
  });

  it('then one line per failed item, then the summary', () => {
    expect(lines.slice(timeline.entries.length).map((l) => l['kind'])).toEqual(['itemFailed', 'summary']);
    expect(lines.at(-1)).toMatchObject({ state: 'partial', failures: 1, counts: { failed: 1 } });
  });
});

describe('formatTimeline', () => {
  it('writes JSON that reads back as the same timeline', () => {
    expect(JSON.parse(formatTimeline(timeline, 'json'))).toEqual(timeline);
  });
});
