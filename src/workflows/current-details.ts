/**
 * The workflow's "current details": short markdown of where a job stands, which the Temporal Web UI shows on the
 * workflow page (served by the built-in metadata query, so it adds nothing to history). Pure: rendered from the
 * same `JobProgress` the progress query answers, plus the final state once the result is built.
 */
import type { ProviderJobRecord, TerminalState } from '../domain/job';
import type { JobProgress } from './definitions';

/** Provider jobs listed one per line; beyond this, only a count. */
export const MAX_LISTED_PROVIDER_JOBS = 10;

function stateLine(progress: JobProgress, final: TerminalState | undefined): string {
  if (final !== undefined) return `**State:** ${final} (finished)`;
  return `**State:** ${progress.state}`;
}

function countsLine({ counts }: JobProgress): string {
  const parts = [`${counts.succeeded} succeeded`, `${counts.failed} failed`];
  if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
  parts.push(`${counts.pending} pending`);
  return `**Items:** ${parts.join(' · ')} (of ${counts.total})`;
}

/** Batches done, running and waiting: where a long job of many batches stands at a glance. */
function batchesLine({ batchTally }: JobProgress): string[] {
  if (!batchTally || batchTally.total === 0) return [];
  const { total, done, running, waiting } = batchTally;
  return [`**Batches:** ${done} done · ${running} running · ${waiting} waiting (of ${total})`];
}

function providerJobLine(job: ProviderJobRecord): string {
  const { succeeded, failed, pending } = job.counts;
  const status = job.providerStatus === undefined ? job.state : `${job.state} (${job.providerStatus})`;
  const stuck = job.state === 'running' ? (job.pollsWithoutProgress ?? 0) : 0;
  const polls = `${job.polls} poll${job.polls === 1 ? '' : 's'}${stuck > 0 ? `, ${stuck} without progress` : ''}`;
  return `- batch ${job.batch}: \`${job.id}\` ${status}: ${succeeded} ok · ${failed} failed · ${pending} pending · ${polls}`;
}

/**
 * Progress as the details read it: `providerJobs` may hold only the ones they list, with `startedJobs` and
 * `runningJobs` counting all (job-state.ts `detailsProgressOf`); without them, every provider job is in the list.
 */
export interface DetailsProgress extends JobProgress {
  readonly startedJobs?: number;
  readonly runningJobs?: number;
}

function providerJobsBlock(progress: DetailsProgress): string {
  const jobs = progress.providerJobs;
  const started = progress.startedJobs ?? jobs.length;
  const running = progress.runningJobs ?? jobs.filter((j) => j.state === 'running').length;
  const heading = `**Provider jobs:** ${started} started of ${progress.batches} batches, ${running} running`;
  const listed = jobs.slice(0, MAX_LISTED_PROVIDER_JOBS).map(providerJobLine);
  const more = started - listed.length;
  const list = [...listed, ...(more > 0 ? [`- … and ${more} more`] : [])];
  // A blank line before the list: the Web UI's markdown renders it as a list only then.
  return list.length === 0 ? heading : `${heading}\n\n${list.join('\n')}`;
}

/** Markdown for `setCurrentDetails`: state, item counts, provider jobs and the run number, one paragraph each. */
export function renderCurrentDetails(progress: DetailsProgress, final?: TerminalState): string {
  return [
    stateLine(progress, final),
    countsLine(progress),
    ...batchesLine(progress),
    ...(progress.state === 'planning' ? [] : [providerJobsBlock(progress)]),
    `**Run:** ${progress.run}${progress.run > 1 ? ' (continued as new)' : ''}`,
  ].join('\n\n');
}
