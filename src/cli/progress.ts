/**
 * Waiting for a job with visible progress: on a terminal a live bar (items done / total, provider jobs, polls,
 * polls waiting on `Retry-After`) redrawn in place on stderr; elsewhere one line per change; with `--json` nothing.
 */
import type { BulkJobClient, JobView } from '../client';
import type { BulkJobResult } from '../domain/job';
import { escapeUnsafeChars } from '../domain/safe-text';
import { etaText } from './eta';

const BAR_WIDTH = 24;
/** How often the progress is read while waiting. */
const REFRESH_MS = 500;

export type ProgressMode = 'bar' | 'lines' | 'none';

/** One line of progress for `view`, at wall time `now`. */
export function progressLine(view: JobView, now = Date.now()): string {
  const { counts } = view;
  const done = counts.succeeded + counts.failed + counts.skipped;
  const filled = counts.total > 0 ? Math.round((done / counts.total) * BAR_WIDTH) : 0;
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  const polls = view.providerJobs.reduce((sum, job) => sum + job.polls, 0);
  const waiting = view.polling.filter((p) => (p.stats.notBeforeMs ?? 0) > now);
  const waitingText = waiting.length
    ? ` · ${waiting.length} waiting on Retry-After (${Math.ceil(
        Math.max(...waiting.map((p) => (p.stats.notBeforeMs ?? now) - now)) / 1000,
      )}s)`
    : '';
  const eta = etaText(view, now);
  // A start waiting for its tenant says so: the bar alone would look stuck.
  const busy = view.waiting?.[0];
  const busyText = busy ? ` · waiting: ${busy.reason}` : '';
  return (
    `${bar} ${done}/${counts.total} items · ${counts.failed} failed · ` +
    `provider jobs ${view.providerJobs.length}${batchesText(view)} · ${polls} polls${waitingText}${busyText} · ${view.state}` +
    (eta ? ` · ${eta}` : '') +
    (view.noWorker ? ` · ${view.noWorker.message}` : '')
  );
}

/** Where the batches stand, when the job has more than one (a one-batch job says it with its provider job). */
function batchesText({ batches }: JobView): string {
  if (!batches || batches.total < 2) return '';
  return ` (batches ${batches.done}/${batches.total} done, ${batches.running} running, ${batches.waiting} waiting)`;
}

export interface Sink {
  write(text: string): unknown;
}

/** Awaits the result, showing progress per `mode` on `sink`. Thrown when the workflow failed: `WorkflowFailedError`. */
export async function waitWithProgress(
  jobs: Pick<BulkJobClient, 'get' | 'result'>,
  jobId: string,
  mode: ProgressMode,
  sink: Sink,
): Promise<BulkJobResult> {
  const result = jobs.result(jobId);
  if (mode === 'none') return result;
  let done = false;
  const finished = result.then(
    () => (done = true),
    () => (done = true),
  );
  let last = '';
  while (!done) {
    // A failed read only skips one refresh; the result (or its failure) is what the command reports.
    const view = await jobs.get(jobId).catch(() => undefined);
    const line = view ? progressLine(view) : last;
    if (mode === 'bar') sink.write(`\r\x1b[2K${escapeUnsafeChars(line)}`);
    else if (line !== last) sink.write(`${escapeUnsafeChars(line)}\n`);
    last = line;
    await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, REFRESH_MS).unref())]);
  }
  if (mode === 'bar') sink.write('\n');
  return result;
}
