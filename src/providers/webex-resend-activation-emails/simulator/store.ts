/** The simulator's mutable state: its jobs and current configuration. */
import type { WebexResendActivationEmailsSimConfig } from './config';
import type { SimResendJob } from './state';

export interface SimStore {
  /** Insertion order = creation order. */
  readonly jobs: Map<string, SimResendJob>;
  config: WebexResendActivationEmailsSimConfig;
}

/** The job `jobId` of `orgId`, if any (another org's job is as unknown as a missing one). */
export function findJob(store: SimStore, orgId: string, jobId: string): SimResendJob | undefined {
  const job = store.jobs.get(jobId);
  return job && job.orgId === orgId ? job : undefined;
}
