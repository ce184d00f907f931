/**
 * A recorded history with one activity's value hand-reshaped (a field missing or of another type, as an older
 * version of the code might have written it): the audit shows an `unreadable` entry naming the event and what could
 * not be read, in every format, and reads the rest of the history as before.
 */
import { AuditEntrySchema, renderNdjson, renderText } from '../../../src/audit';
import { entryKinds, parsedTimeline, unreadableEntries } from '../../helpers/audit-timelines';
import { fixtureHistory } from '../../helpers/fixture-histories';
import { completedIdOf, markerIdOf, reshaped, scheduledIdOf, withPayload } from '../../helpers/reshaped-history';
import { decoded, encoded, objectOf } from '../../helpers/reshaped-history';

const { workflowId, history } = fixtureHistory('move-partial-throttled');

/** Every value in `value`, at any depth, that JSON would drop. */
function undefinedPaths(value: unknown, path = ''): string[] {
  if (value === undefined) return [path];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => undefinedPaths(v, `${path}.${key}`));
}

describe('an activity result without a field the audit reads', () => {
  // The first start (batch 0) completed without its `providerJobId`.
  const completed = completedIdOf(history, scheduledIdOf(history, 'startProviderJob'));
  const timeline = parsedTimeline(
    workflowId,
    withPayload(history, completed, ({ providerJobId: _id, ...result }) => result),
  );

  it('shows as an unreadable entry naming the event, the batch and the missing field', () => {
    expect(unreadableEntries(timeline)).toEqual([
      {
        at: expect.any(String),
        run: 1,
        kind: 'unreadable',
        batch: 0,
        eventId: completed,
        event: 'startProviderJob completed',
        issues: [
          { path: 'result.providerJobId', problem: expect.stringMatching(/expected string, received undefined/) },
        ],
      },
    ]);
    expect(entryKinds(timeline)).not.toContain('providerJobStarted#0');
    expect(entryKinds(timeline)).toContain('providerJobStarted#1');
  });

  it('leaves no undefined field anywhere in the timeline', () => {
    expect(undefinedPaths(timeline)).toEqual([]);
  });

  it('is a line of its own in the text, with a warning in the header', () => {
    const text = renderText(timeline);
    expect(text).toContain('  warning: 1 history value could not be read (see "could not read" below)');
    expect(text).toContain(
      `batch 0   could not read startProviderJob completed (event ${completed}): ` +
        'result.providerJobId: Invalid input: expected string, received undefined\n',
    );
  });

  it('is an NDJSON line that parses as an entry', () => {
    const lines = renderNdjson(timeline)
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const line = lines.find((l) => l['kind'] === 'unreadable');
    expect(line).toMatchObject({ schema: 'bulkflow.audit/v1', jobId: workflowId, eventId: completed });
    expect(AuditEntrySchema.safeParse(line).success).toBe(true);
  });
});

describe('other reshaped activity values', () => {
  it('an input: the entry names the scheduling event', () => {
    const scheduled = scheduledIdOf(history, 'awaitProviderJob', 1);
    const timeline = parsedTimeline(
      workflowId,
      withPayload(history, scheduled, ({ carried: _carried, ...input }) => input),
    );
    expect(unreadableEntries(timeline)).toEqual([
      expect.objectContaining({
        batch: 1,
        eventId: scheduled,
        event: 'awaitProviderJob scheduled',
        issues: [expect.objectContaining({ path: 'input.carried' })],
      }),
    ]);
    expect(entryKinds(timeline)).not.toContain('segment#1');
  });

  it("a local activity's result: a plan whose item count is text", () => {
    const marker = markerIdOf(history, 0);
    const timeline = parsedTimeline(
      workflowId,
      withPayload(history, marker, (plan) => ({ ...plan, total: String(plan['total']) })),
    );
    expect(unreadableEntries(timeline)).toEqual([
      expect.objectContaining({
        eventId: marker,
        event: 'planBulkJob completed',
        issues: [expect.objectContaining({ path: 'result.total' })],
      }),
    ]);
    expect(timeline.request.items).toBeUndefined();
    expect(timeline.state).toBe('partial');
  });

  it("a local activity marker's own data: the activity it was for cannot be told", () => {
    const marker = markerIdOf(history, 1);
    const h = reshaped(history, marker, (e) => {
      const m = e.markerRecordedEventAttributes;
      const { activity_type: _type, ...data } = objectOf(decoded(m?.details?.['data']));
      return { ...e, markerRecordedEventAttributes: { ...m, details: { ...m?.details, data: encoded(data) } } };
    });
    expect(unreadableEntries(parsedTimeline(workflowId, h))).toEqual([
      expect.objectContaining({
        eventId: marker,
        event: 'local activity marker',
        issues: [expect.objectContaining({ path: 'data.activity_type' })],
      }),
    ]);
    expect(entryKinds(parsedTimeline(workflowId, h))).not.toContain('permitRequested#0');
  });
});
