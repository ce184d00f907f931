/**
 * Simulated batch import jobs: creation, the org-wide running slots (later batches queue,
 * docs/contracts.md#fullstoryimportusers-limits), deterministic progression and the status they show.
 */
import { progressShare } from '../../../simulator/progression';
import { randomBytes } from 'node:crypto';
import type { BatchUserImportRequest, FullStoryErrorBody } from '../schemas';
import type { EffectiveSimConfig, SimProgression } from './config';
import { itemFailure } from './validation';

export interface SimImportUser {
  readonly request: BatchUserImportRequest;
  /** FullStory's id for the user (the given `id`, else a new one). */
  readonly fsId: string;
  readonly failure?: FullStoryErrorBody;
}

export interface SimImportJob {
  readonly id: string;
  readonly createdAt: number;
  readonly idempotencyKey?: string;
  readonly users: readonly SimImportUser[];
  readonly progression: SimProgression;
  /** Status reads while running, counted towards `pollsToComplete`. */
  reads: number;
  /** When the job got a running slot; undefined while queued. */
  runningSince?: number;
  finishedAt?: number;
}

/** A job's state as the wire shows it. */
export interface SimJobView {
  readonly status: 'PROCESSING' | 'COMPLETED' | 'FAILED';
  readonly imports: number;
  readonly errors: number;
  readonly processed: number;
  readonly queued: boolean;
}

/** A FullStory-looking job id: base64 with padding, like the documented `abd123=` (may hold `+` and `/`). */
export function newJobId(): string {
  return randomBytes(8).toString('base64');
}

/** Creates a queued job for `requests` at `now`. */
export function createSimJob(
  requests: readonly BatchUserImportRequest[],
  config: EffectiveSimConfig,
  now: number,
  idempotencyKey: string | undefined,
): SimImportJob {
  const users = requests.map((request): SimImportUser => {
    const failure = itemFailure(request, config.failUids);
    const fsId = request.id ?? randomBytes(6).toString('hex');
    return failure ? { request, fsId, failure } : { request, fsId };
  });
  return {
    id: newJobId(),
    createdAt: now,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    users,
    progression: config.progression,
    reads: 0,
  };
}

/** True while the job is in progress (running or queued). */
export function inProgress(job: SimImportJob): boolean {
  return job.finishedAt === undefined;
}

/** Users processed so far, in request order. */
export function processedCount(job: SimImportJob, now: number): number {
  const total = job.users.length;
  if (job.finishedAt !== undefined) return total;
  if (job.runningSince === undefined) return 0;
  return Math.floor(progressShare(job.progression, job.reads, now - job.runningSince) * total);
}

/**
 * Brings every job up to `now`, oldest first: running jobs that are done finish, then queued jobs take the
 * running slots freed (at most `maxRunningBatches` run at once).
 */
export function settle(jobs: Iterable<SimImportJob>, config: EffectiveSimConfig, now: number): void {
  const all = [...jobs];
  for (const job of all) {
    if (job.runningSince !== undefined && inProgress(job) && processedCount(job, now) >= job.users.length) {
      job.finishedAt = now;
    }
  }
  let running = all.filter((job) => job.runningSince !== undefined && inProgress(job)).length;
  for (const job of all) {
    if (running >= config.maxRunningBatches) break;
    if (job.runningSince === undefined) {
      job.runningSince = now;
      running += 1;
    }
  }
}

/** Counts one status read of a running job (it advances a polls-driven job). */
export function recordStatusRead(job: SimImportJob): void {
  if (job.runningSince !== undefined && inProgress(job)) job.reads += 1;
}

/** The job as seen at `now` (call `settle` first). */
export function viewOf(job: SimImportJob, now: number): SimJobView {
  const processed = processedCount(job, now);
  const errors = job.users.slice(0, processed).filter((u) => u.failure).length;
  const imports = processed - errors;
  const queued = job.runningSince === undefined;
  if (inProgress(job)) return { status: 'PROCESSING', imports, errors, processed, queued };
  return { status: errors > 0 ? 'FAILED' : 'COMPLETED', imports, errors, processed, queued };
}
