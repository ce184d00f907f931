/** A fake of the part of BulkJobClient the API uses: records calls, answers from canned data. */
import type { JobsApi } from '../../../src/api/deps';
import { JobNotFoundError } from '../../../src/client';
import type { ItemsPage, JobInfo, JobList, JobView, StartedJob, StartOptions } from '../../../src/client';
import { timelineFromHistories } from '../../../src/audit';
import { emptyCounts } from '../../../src/domain/job';
import { fixtureHistory } from '../../helpers/fixture-histories';

export interface FakeJobs extends JobsApi {
  readonly started: Array<{ request: unknown; options: StartOptions }>;
  readonly controls: Array<{ action: string; jobId: string; requestedBy: string }>;
  readonly listed: unknown[];
  /** Job ids read (info / get), in order. */
  readonly reads: string[];
  /** Ids answered with JobNotFoundError. */
  readonly unknown: Set<string>;
  /** Thrown by the next call of any method, when set. */
  failWith?: Error;
  ready: boolean;
}

export function jobInfo(jobId: string, tenant = 'org-1'): JobInfo {
  return {
    jobId,
    runId: 'run-1',
    status: 'RUNNING',
    state: 'running',
    operation: 'webex.moveUsers',
    provider: 'webex',
    tenant,
    requestedBy: 'svc',
    startTime: '2026-01-01T00:00:00.000Z',
  };
}

export function createFakeJobs(tenants: Record<string, string> = {}): FakeJobs {
  const info = (jobId: string): JobInfo => {
    fake.reads.push(jobId);
    if (fake.unknown.has(jobId)) throw new JobNotFoundError(jobId);
    return jobInfo(jobId, tenants[jobId] ?? 'org-1');
  };
  const fake: FakeJobs = {
    reads: [],
    unknown: new Set(),
    started: [],
    controls: [],
    listed: [],
    ready: true,
    startJob(request: unknown, options: StartOptions): Promise<StartedJob> {
      fake.started.push({ request, options });
      return answer({ jobId: options.idempotencyKey ?? 'bulk-generated', state: 'planning' });
    },
    info: (jobId: string) => answer(jobId).then(info),
    get: (jobId: string): Promise<JobView> =>
      answer(jobId).then((id) => ({ ...info(id), counts: emptyCounts(3), providerJobs: [], polling: [] })),
    items: (jobId: string): Promise<ItemsPage> =>
      answer({ jobId, state: 'running', items: [{ ref: 'u1', outcome: 'succeeded' }], total: 1, complete: false }),
    /** The timeline of a recorded partial job with throttling, under the asked id. */
    audit: (jobId: string) => answer(timelineFromHistories(jobId, [fixtureHistory('move-partial-throttled').history])),
    list(filter: unknown): Promise<JobList> {
      fake.listed.push(filter);
      return answer({ jobs: [jobInfo('job-1')], nextCursor: 'abc' });
    },
    cancel: (jobId: string, requestedBy: string) => control('cancel', jobId, requestedBy),
    pause: (jobId: string, requestedBy: string) => control('pause', jobId, requestedBy),
    resume: (jobId: string, requestedBy: string) => control('resume', jobId, requestedBy),
    ping: () => (fake.ready ? Promise.resolve() : Promise.reject(new Error('connect ECONNREFUSED 10.0.0.1:7233'))),
  };
  function answer<T>(value: T): Promise<T> {
    const failure = fake.failWith;
    return failure ? Promise.reject(failure) : Promise.resolve(value);
  }
  function control(action: string, jobId: string, requestedBy: string): Promise<void> {
    fake.controls.push({ action, jobId, requestedBy });
    return answer(undefined);
  }
  return fake;
}
