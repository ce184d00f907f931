/**
 * The time a running job still needs, from the rate of its items done so far. Shown only once enough is known: a
 * share of the items done, and a stretch of time since its first provider job started, so a first burst or a slow
 * start does not promise a time nobody can keep.
 */
import type { JobView } from '../client';

/** Items done before an estimate is shown, as a share of the job's items. */
export const ETA_MIN_DONE_SHARE = 0.05;
/** Time since the first provider job started before an estimate is shown. */
export const ETA_MIN_ELAPSED_MS = 30_000;

/** Milliseconds the job still needs at the rate so far; undefined until enough is known or when it is not running. */
export function remainingMs(view: JobView, now: number): number | undefined {
  if (view.state !== 'running' || view.noWorker) return undefined;
  const { total, succeeded, failed, skipped } = view.counts;
  const done = succeeded + failed + skipped;
  const began = Math.min(...view.providerJobs.map((job) => Date.parse(job.startedAt)).filter(Number.isFinite));
  const elapsed = now - began;
  if (done === 0 || done >= total || done < total * ETA_MIN_DONE_SHARE || !(elapsed >= ETA_MIN_ELAPSED_MS)) {
    return undefined;
  }
  return ((total - done) * elapsed) / done;
}

/** A duration as a person reads an estimate: `~40 s`, `~12 min`, `~1 h 05 min`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `~${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `~${minutes} min`;
  return `~${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** `ETA ~12 min` for `view` at `now`, or undefined until enough is known. */
export function etaText(view: JobView, now: number): string | undefined {
  const left = remainingMs(view, now);
  return left === undefined ? undefined : `ETA ${formatDuration(left)}`;
}
