/** `createActivities(deps)`: the activities a worker registers. Each one is a thin adapter over a provider operation. */
import type { BulkJobRequest, JobPlan } from '../domain/job';
import { awaitProviderJob } from './await-provider-job';
import type { ActivityDeps } from './context';
import { deliverCallback } from './deliver-callback';
import type { DeliverCallbackInput } from './deliver-callback';
import { toFailure } from './failures';
import { assertJobInputEncrypted } from './input-protection';
import { planBulkJob } from './plan-bulk-job';
import { collectItemResults, controlProviderJob } from './provider-job-actions';
import { findClosedWorkflows, requestPermit } from './semaphore';
import type { PermitRequested, RequestPermitInput } from './semaphore';
import { startProviderJob } from './start-provider-job';
import { semaphoreTaskQueue } from '../workflows/semaphore-definitions';
import type {
  AwaitProviderJobInput,
  AwaitProviderJobResult,
  CollectItemResultsInput,
  CollectItemResultsResult,
  ControlProviderJobInput,
  StartProviderJobInput,
  StartProviderJobResult,
} from './types';

export function createActivities(deps: ActivityDeps) {
  const semaphoreDeps = {
    temporalClient: deps.temporalClient,
    taskQueue: semaphoreTaskQueue(deps.config.temporal.taskQueue),
  };
  return {
    async planBulkJob(request: BulkJobRequest): Promise<JobPlan> {
      try {
        await assertJobInputEncrypted(deps);
        return planBulkJob(deps, request);
      } catch (err) {
        throw toFailure(err);
      }
    },
    startProviderJob: (input: StartProviderJobInput): Promise<StartProviderJobResult> => startProviderJob(deps, input),
    awaitProviderJob: (input: AwaitProviderJobInput): Promise<AwaitProviderJobResult> => awaitProviderJob(deps, input),
    collectItemResults: (input: CollectItemResultsInput): Promise<CollectItemResultsResult> =>
      collectItemResults(deps, input),
    controlProviderJob: (input: ControlProviderJobInput): Promise<void> => controlProviderJob(deps, input),
    requestPermit: (input: RequestPermitInput): Promise<PermitRequested> => requestPermit(semaphoreDeps, input),
    findClosedWorkflows: (ids: string[]): Promise<string[]> => findClosedWorkflows(semaphoreDeps, ids),
    deliverCallback: (input: DeliverCallbackInput): Promise<{ status: number }> => deliverCallback(deps, input),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './context';
export { ConnectionCredentials } from './connection-credentials';
export type { DeliverCallbackInput } from './deliver-callback';
export { jobLogFieldsInterceptors } from './job-log-fields';
export type { PermitRequested, RequestPermitInput } from './semaphore';
export type {
  AwaitProviderJobInput,
  AwaitProviderJobResult,
  CollectItemResultsInput,
  CollectItemResultsResult,
  ControlProviderJobInput,
  StartProviderJobInput,
  StartProviderJobResult,
} from './types';
