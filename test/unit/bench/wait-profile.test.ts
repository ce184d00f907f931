import type { History } from '@temporalio/common/lib/proto-utils';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { activityStarted, medianProfile, waitProfile } from '../../../bench/lib/wait-profile';
import { median } from '../../../bench/lib/stats';
import { fixtureHistory } from '../../helpers/fixture-histories';

/** A history event as Temporal's JSON export writes it, `ms` after the epoch. */
function event(
  eventId: number,
  ms: number,
  type: string,
  attributes?: Record<string, unknown>,
): Record<string, unknown> {
  // Every event carries its type's attributes object (e.g. WORKFLOW_TASK_STARTED: workflowTaskStartedEventAttributes).
  const key = `${type.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())}EventAttributes`;
  return {
    eventId: String(eventId),
    eventTime: new Date(ms).toISOString(),
    eventType: `EVENT_TYPE_${type}`,
    ...(attributes ?? { [key]: {} }),
  };
}

/** A job's start: task, planBulkJob, a signal, startProviderJob started and completed. */
const START: History = historyFromJSON({
  events: [
    event(1, 0, 'WORKFLOW_EXECUTION_STARTED'),
    event(2, 0, 'WORKFLOW_TASK_SCHEDULED'),
    event(3, 40, 'WORKFLOW_TASK_STARTED'),
    event(4, 50, 'WORKFLOW_TASK_COMPLETED'),
    event(5, 50, 'ACTIVITY_TASK_SCHEDULED', {
      activityTaskScheduledEventAttributes: { activityType: { name: 'planBulkJob' } },
    }),
    event(6, 80, 'ACTIVITY_TASK_STARTED', { activityTaskStartedEventAttributes: { scheduledEventId: '5' } }),
    event(7, 100, 'ACTIVITY_TASK_COMPLETED', { activityTaskCompletedEventAttributes: { scheduledEventId: '5' } }),
    event(8, 300, 'WORKFLOW_EXECUTION_SIGNALED'),
    event(9, 310, 'ACTIVITY_TASK_SCHEDULED', {
      activityTaskScheduledEventAttributes: { activityType: { name: 'startProviderJob' } },
    }),
    event(10, 330, 'ACTIVITY_TASK_STARTED', { activityTaskStartedEventAttributes: { scheduledEventId: '9' } }),
    event(11, 900, 'ACTIVITY_TASK_COMPLETED', { activityTaskCompletedEventAttributes: { scheduledEventId: '9' } }),
  ],
});

describe('waitProfile', () => {
  it('charges each gap to the event that ended it, up to the first matching event', () => {
    const profile = waitProfile(START, activityStarted('startProviderJob'));
    expect(Object.fromEntries(profile.steps)).toEqual({
      'server: between tasks': 10,
      'workflow task: queue (server → worker)': 40,
      'workflow task: on the worker': 10,
      'activity: queue (server → worker)': 50,
      'activity: planBulkJob': 20,
      'signal from another workflow': 200,
    });
    expect(profile.totalMs).toBe(330);
  });

  it('covers the whole history without a stop, and names activities by type', () => {
    const profile = waitProfile(START);
    expect(profile.totalMs).toBe(900);
    expect(profile.steps.get('activity: startProviderJob')).toBe(570);
  });

  it('sums to the wall time of a recorded job', () => {
    const { history } = fixtureHistory('move-partial-throttled');
    const events = history.events ?? [];
    const seconds = (e: (typeof events)[number]): number =>
      Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;
    const profile = waitProfile(history);
    const first = events[0];
    const last = events[events.length - 1];
    if (!first || !last) throw new Error('empty fixture');
    expect(profile.totalMs).toBeCloseTo(seconds(last) - seconds(first), 3);
    // Planning and the permit request ran as local activities, inside workflow tasks.
    expect([...profile.steps.keys()]).toEqual(
      expect.arrayContaining([
        'workflow task: on the worker',
        'activity: startProviderJob',
        'activity: awaitProviderJob',
      ]),
    );
    expect([...profile.steps.keys()]).not.toContain('activity: planBulkJob');
  });

  it('takes local activities out of their workflow task, by type, from their markers', () => {
    const { history } = fixtureHistory('permit-by-signal');
    const stop = activityStarted('startProviderJob');
    const whole = waitProfile(history, stop);
    const plan = whole.steps.get('local activity: planBulkJob') ?? 0;
    const permit = whole.steps.get('local activity: requestPermit') ?? 0;
    expect(plan).toBeGreaterThan(0);
    expect(permit).toBeGreaterThan(0);
    // Moved, not added: the steps still sum to the wall time, and the workflow tasks were charged that much less.
    const summed = [...whole.steps.values()].reduce((a, b) => a + b, 0);
    expect(summed).toBeCloseTo(whole.totalMs, 6);
    const withoutMarkers = waitProfile(
      { ...history, events: (history.events ?? []).filter((e) => !e.markerRecordedEventAttributes) },
      stop,
    );
    expect(withoutMarkers.steps.get('workflow task: on the worker') ?? 0).toBeCloseTo(
      (whole.steps.get('workflow task: on the worker') ?? 0) + plan + permit,
      6,
    );
  });
});

describe('medianProfile', () => {
  it('takes each step’s median over profiles and sorts by it, with shares of the total', () => {
    const a = waitProfile(START, activityStarted('startProviderJob'));
    const b = waitProfile(START);
    const rows = medianProfile([a, a, b], median);
    expect(rows[0]).toEqual({ step: 'signal from another workflow', ms: 200, share: 200 / 330 });
    expect(rows.find((r) => r.step === 'activity: startProviderJob')?.ms).toBe(0);
    expect(rows.reduce((sum, r) => sum + r.share, 0)).toBeCloseTo(1, 10);
  });
});
