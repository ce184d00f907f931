/**
 * A recorded history with one of the workflow's own values hand-reshaped (its start input, a signal, its result):
 * what does not read shows as an `unreadable` entry and the rest is explained as before; a start that does not say
 * who asked for what is refused.
 */
import { z } from 'zod';
import { timelineFromHistories } from '../../../src/audit';
import { reading } from '../../../src/audit/recorded-activities';
import { parsedTimeline, unreadableEntries } from '../../helpers/audit-timelines';
import { fixtureHistory } from '../../helpers/fixture-histories';
import { eventIdOf, withPayload } from '../../helpers/reshaped-history';
import { thrownBy } from '../../helpers/thrown';

const { workflowId, history } = fixtureHistory('move-partial-throttled');

it('a signal: the grant of a permit whose token is not text', () => {
  const signal = eventIdOf(history, (e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'permitGranted');
  const timeline = parsedTimeline(
    workflowId,
    withPayload(history, signal, (grant) => ({ ...grant, token: 7 })),
  );
  expect(unreadableEntries(timeline)).toEqual([
    expect.objectContaining({
      eventId: signal,
      event: 'permitGranted signal',
      issues: [expect.objectContaining({ path: 'input.token' })],
    }),
  ]);
});

it("the job result without counts: its state and the activities' failures are kept, the counts are not", () => {
  const completed = eventIdOf(history, (e) => Boolean(e.workflowExecutionCompletedEventAttributes));
  const timeline = parsedTimeline(
    workflowId,
    withPayload(history, completed, ({ counts: _counts, ...result }) => result),
  );
  expect(unreadableEntries(timeline)).toEqual([
    expect.objectContaining({
      eventId: completed,
      event: 'workflow completed',
      issues: [expect.objectContaining({ path: 'result.counts' })],
    }),
  ]);
  expect(timeline).toMatchObject({ state: 'partial', runs: [{ end: 'completed' }] });
  expect(timeline.counts).toBeUndefined();
  expect(timeline.failures).toEqual([expect.objectContaining({ ref: 'FAIL-user-loc-A-5' })]);
});

it('a job result whose state does not read claims no success', () => {
  const completed = eventIdOf(history, (e) => Boolean(e.workflowExecutionCompletedEventAttributes));
  const timeline = parsedTimeline(
    workflowId,
    withPayload(history, completed, (result) => ({ ...result, state: 'done' })),
  );
  expect(unreadableEntries(timeline)).toEqual([
    expect.objectContaining({ eventId: completed, issues: [expect.objectContaining({ path: 'result.state' })] }),
  ]);
  expect(timeline.state).toBe('failed');
});

describe('the start of the job', () => {
  const started = eventIdOf(history, (e) => Boolean(e.workflowExecutionStartedEventAttributes));

  it('with reshaped tuning: an unreadable entry, and the job is still explained', () => {
    const timeline = parsedTimeline(
      workflowId,
      withPayload(history, started, (input) => ({ ...input, tuning: { pollIntervalMs: 'fast' } })),
    );
    expect(unreadableEntries(timeline)).toEqual([
      expect.objectContaining({
        eventId: started,
        event: 'workflow started',
        issues: [expect.objectContaining({ path: 'input.tuning.pollIntervalMs' })],
      }),
    ]);
    expect(timeline.entries[0]).toMatchObject({ kind: 'requested', requestedBy: 'replay@example.test' });
    expect(timeline.entries[0]).not.toHaveProperty('tuning');
    expect(timeline.state).toBe('partial');
  });

  it('without who asked: not a history the audit can explain', () => {
    const h = withPayload(history, started, ({ requestedBy: _by, ...input }) => input);
    expect(thrownBy(() => timelineFromHistories(workflowId, [h]))).toMatchObject({
      name: 'UnreadableHistoryError',
      message: expect.stringContaining('input.requestedBy'),
    });
  });
});

it('a schema is accepted only when it reads every value of the recorded type (checked by the compiler)', () => {
  const schema = z.object({ providerJobId: z.string() });
  expect(reading<{ providerJobId: string; extra: number }>()(schema)).toBe(schema);
  // @ts-expect-error: the recorded field is a number, which the schema does not read.
  expect(reading<{ providerJobId: number }>()(schema)).toBe(schema);
});
