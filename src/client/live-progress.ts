/**
 * Merges the workflow's progress query with the checkpoints of awaiting activities in flight (heartbeat details
 * seen through `describe()`), so progress moves while a provider job runs, between segments.
 */
import type { ItemCounts, PollStats, ProviderJobRecord, ProviderJobSnapshot } from '../domain/job';
import { progressMarks } from '../domain/job';
import type { JobProgress } from '../workflows/definitions';

/** The shape `awaitProviderJob` heartbeats (see activities/await-provider-job.ts). */
export interface PollCheckpoint {
  readonly batch: number;
  readonly stats: PollStats;
  readonly snapshot?: ProviderJobSnapshot;
}

/** What a start waiting for its tenant says, in words (progress and `status` show it after `waiting: `). */
export const TENANT_BUSY_REASON = 'another job is running in this org';

/** A batch whose start waits for its tenant to be free of a job that is not ours (activities/tenant-busy.ts). */
export interface JobWait {
  readonly batch: number;
  /** What it waits for, in words. */
  readonly reason: string;
  /** When the wait began (ISO). */
  readonly since: string;
  /** The provider's id of the job in the way, when known. */
  readonly runningJobId?: string;
}

export interface LiveProgress extends JobProgress {
  /** Workflow execution status (RUNNING, COMPLETED, FAILED…). */
  readonly status: string;
  /** Checkpoints of awaiting activities now running, one per provider job being polled. */
  readonly polling: readonly PollCheckpoint[];
  /** Starts waiting for their tenant to be free (empty when none waits). */
  readonly waiting: readonly JobWait[];
}

function liveRecord(record: ProviderJobRecord, live: PollCheckpoint | undefined): ProviderJobRecord {
  if (!live) return record;
  const counts = live.snapshot ? { ...live.snapshot.counts, total: record.counts.total } : record.counts;
  return {
    ...record,
    counts,
    polls: live.stats.polls,
    answers: live.stats.answers,
    waitedOnRetryAfterMs: live.stats.waitedOnRetryAfterMs,
    ...progressMarks(live.stats),
    ...(live.snapshot ? { providerStatus: live.snapshot.providerStatus } : {}),
  };
}

function adjust(total: ItemCounts, before: ItemCounts, after: ItemCounts): ItemCounts {
  const keys = ['succeeded', 'failed', 'skipped', 'pending'] as const;
  const result = { ...total };
  for (const key of keys) result[key] += after[key] - before[key];
  return result;
}

export function mergeLiveProgress(
  progress: JobProgress,
  status: string,
  polling: readonly PollCheckpoint[],
  waiting: readonly JobWait[] = [],
): LiveProgress {
  let counts = progress.counts;
  const providerJobs = progress.providerJobs.map((record) => {
    const merged = liveRecord(
      record,
      polling.find((p) => p.batch === record.batch),
    );
    counts = adjust(counts, record.counts, merged.counts);
    return merged;
  });
  return { ...progress, counts, providerJobs, status, polling, waiting };
}

/** Reads a heartbeat payload as a checkpoint; anything else is ignored. */
export function asPollCheckpoint(value: unknown): PollCheckpoint | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Partial<PollCheckpoint>;
  return typeof candidate.batch === 'number' && typeof candidate.stats === 'object'
    ? (candidate as PollCheckpoint)
    : undefined;
}

/**
 * Reads a heartbeat payload as a start waiting for its tenant (`startProviderJob`'s `notAccepted` checkpoint with
 * `busy`); anything else is ignored.
 */
export function asJobWait(value: unknown): JobWait | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const busy = (value as { busy?: unknown }).busy;
  if (typeof busy !== 'object' || busy === null) return undefined;
  const { batch, sinceMs, runningJobId } = busy as { batch?: unknown; sinceMs?: unknown; runningJobId?: unknown };
  if (typeof batch !== 'number' || typeof sinceMs !== 'number') return undefined;
  return {
    batch,
    reason: TENANT_BUSY_REASON,
    since: new Date(sinceMs).toISOString(),
    ...(typeof runningJobId === 'string' ? { runningJobId } : {}),
  };
}
