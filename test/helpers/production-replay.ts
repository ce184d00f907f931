/** Replaying bulkflow's production workflows in a test as a worker runs them: its bundle and its sinks. */
import { noopMetricMeter } from '@temporalio/common';
import type { DataConverter } from '@temporalio/common';
import type { ReplayWorkerOptions } from '@temporalio/worker';
import { workflowSinks } from '../../src/worker-factory';
import { prebuiltBundle } from './workflow-bundles';

/**
 * What a replay of bulkflow's production workflows needs, as a worker has it: the prebuilt bundle and every sink the
 * bundle calls (no meter behind the jobs-in-flight gauge), with `dataConverter` for encrypted histories.
 */
export function productionReplay(dataConverter?: DataConverter): ReplayWorkerOptions {
  return {
    workflowBundle: prebuiltBundle('production'),
    sinks: workflowSinks(noopMetricMeter),
    ...(dataConverter ? { dataConverter } : {}),
  };
}
