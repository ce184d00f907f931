/**
 * Merges the workflow's progress query with the checkpoints of awaiting activities in flight (heartbeat details
 * seen through `describe()`), so progress moves while a provider job runs, between segments.
 */
import type { ItemCounts, PollStats, ProviderJobRecord, ProviderJobSnapshot } from '../domain/job';
import type { JobProgress } from '../workflows/definitions';

/** The shape `awaitProviderJob` heartbeats (see activities/await-provider-job.ts). */
export interface PollCheckpoint {
  readonly batch: number;
  readonly stats: PollStats;
  readonly snapshot?: ProviderJobSnapshot;
}

export interface LiveProgress extends JobProgress {
  /** Workflow execution status (RUNNING, COMPLETED, FAILED…). */
  readonly status: string;
  /** Checkpoints of awaiting activities now running, one per provider job being polled. */
  readonly polling: readonly PollCheckpoint[];
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
  return { ...progress, counts, providerJobs, status, polling };
}

/** Reads a heartbeat payload as a checkpoint; anything else is ignored. */
export function asPollCheckpoint(value: unknown): PollCheckpoint | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Partial<PollCheckpoint>;
  return typeof candidate.batch === 'number' && typeof candidate.stats === 'object'
    ? (candidate as PollCheckpoint)
    : undefined;
}
