/**
 * What a bulk job records about itself through the workflow metric meter, which records nothing while the workflow
 * replays: each value is given once, by the worker that runs the step for the first time. Labels: operation and
 * provider (and the final state, the item outcome), never anything of the request.
 */
import { metricMeter, proxySinks } from '@temporalio/workflow';
import type { BulkJobResult } from '../domain/job';
import { METRICS, jobMetricTags } from '../domain/metrics';
import type { JobsInFlightSinks, MetricSpec } from '../domain/metrics';

/** The final-state label of a job that failed loudly (the workflow failed, e.g. `AmbiguousStartError`). */
export const STOPPED_STATE = 'stopped';

export interface JobMetrics {
  /** A new job (not a continued run). */
  started(): void;
  /** This run of the job runs here (called on every run, and again on replay: see `JobsInFlightSinks`). */
  running(): void;
  /** Once per job: a later `stopped` (a failed callback) is not counted again. */
  finished(result: Pick<BulkJobResult, 'state' | 'counts'>): void;
  stopped(): void;
  /** This run continues as new: the next run may run on another worker, and enters there. */
  continued(): void;
  permitWaited(ms: number): void;
  /** A batch whose provider job is still running at the end of an awaiting segment. */
  batchOverdue(): void;
}

function count(spec: MetricSpec, value: number, tags: Record<string, string>): void {
  metricMeter.createCounter(spec.name, spec.unit, spec.description).add(value, tags);
}

const { jobsInFlight } = proxySinks<JobsInFlightSinks>();

/** The metrics of one job of `operation`. */
export function jobMetrics(operation: string): JobMetrics {
  const tags = { ...jobMetricTags(operation) };
  let ended = false;
  const end = (state: string) => {
    if (ended) return;
    ended = true;
    count(METRICS.jobsFinished, 1, { ...tags, state });
    jobsInFlight.leave(tags);
  };
  return {
    started: () => {
      count(METRICS.jobsStarted, 1, tags);
      // A counter shows once given a value: start this one at 0, so its alert and rate() read it from the start.
      count(METRICS.batchesOverdue, 0, tags);
    },
    running: () => jobsInFlight.enter(tags),
    finished: ({ state, counts }) => {
      end(state);
      for (const outcome of ['succeeded', 'failed', 'skipped'] as const) {
        if (counts[outcome] > 0) count(METRICS.items, counts[outcome], { ...tags, outcome });
      }
    },
    stopped: () => end(STOPPED_STATE),
    continued: () => jobsInFlight.leave(tags),
    permitWaited: (ms) => {
      const { name, unit, description } = METRICS.permitWait;
      metricMeter.createHistogram(name, 'float', unit, description).record(ms / 1000, tags);
    },
    batchOverdue: () => count(METRICS.batchesOverdue, 1, tags),
  };
}
