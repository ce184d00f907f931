import type { WorkflowInfo } from '@temporalio/workflow';
import { METRICS } from '../../src/domain/metrics';
import { jobsInFlightSinks } from '../../src/worker-factory';
import { recordingMeter } from '../helpers/activity-env';
import type { MetricEntry } from '../helpers/activity-env';

const MOVE = { operation: 'webex.moveUsers', provider: 'webex' };
const ORACLE = { operation: 'oracle.syncUsers', provider: 'oracle' };

function sinks() {
  const entries: MetricEntry[] = [];
  const { jobsInFlight } = jobsInFlightSinks(recordingMeter(entries));
  const info = (workflowId: string) => ({ workflowId }) as WorkflowInfo;
  return {
    enter: (id: string, tags = MOVE): void => void jobsInFlight.enter.fn(info(id), tags),
    leave: (id: string, tags = MOVE): void => void jobsInFlight.leave.fn(info(id), tags),
    /** The last value set for `tags`. */
    shown: (tags = MOVE) =>
      entries.filter((e) => e.name === METRICS.jobsInFlight.name && e.tags['operation'] === tags.operation).at(-1)
        ?.value,
    callDuringReplay: [jobsInFlight.enter.callDuringReplay, jobsInFlight.leave.callDuringReplay],
  };
}

describe('jobs in flight on a worker', () => {
  it('counts each job once however often its workflow runs or replays here, per operation', () => {
    const s = sinks();
    s.enter('job-a');
    s.enter('job-a');
    s.enter('job-b');
    s.enter('job-c', ORACLE);
    expect([s.shown(), s.shown(ORACLE)]).toEqual([2, 1]);
  });

  it('drops a job when it ends, and is called on replay too', () => {
    const s = sinks();
    s.enter('job-a');
    s.enter('job-b');
    s.leave('job-a');
    s.leave('job-a');
    expect([s.shown(), s.callDuringReplay]).toEqual([1, [true, true]]);
  });
});
