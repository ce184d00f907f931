/** What the CLI prints: job views, results, item pages and listings as text, and exit codes by job state. */
import type { ItemsPage, JobInfo, JobView } from '../client';
import type { ListedItem } from '../domain/items-page';
import type { BulkJobResult, ItemCounts, JobWarning, ProviderJobRecord, TerminalState } from '../domain/job';
import { escapeUnsafeChars } from '../domain/safe-text';
import { etaText } from './eta';

/** A value from a job (a user id, a provider message) as one field of a line: no character of it can break the line. */
export function shown(value: string | undefined): string {
  return value === undefined ? '?' : escapeUnsafeChars(value);
}

/** Exit code of a finished job: 0 succeeded, 2 partial, 1 failed or cancelled. */
export function exitCodeOf(state: TerminalState): number {
  switch (state) {
    case 'succeeded':
      return 0;
    case 'partial':
      return 2;
    case 'failed':
    case 'cancelled':
      return 1;
  }
}

/** At most this many failed items are printed with a result; `bulkflow items` lists them all. */
const FAILED_SHOWN = 20;

export function countsLine(counts: ItemCounts): string {
  const parts = [`${counts.succeeded} succeeded`, `${counts.failed} failed`, `${counts.skipped} skipped`];
  if (counts.pending > 0) parts.push(`${counts.pending} pending`);
  return `${parts.join(', ')} of ${counts.total}`;
}

export function itemLine(item: ListedItem): string {
  const said = item.outcome === 'pending' ? [] : [item.code ?? '', item.message ?? ''];
  return [item.ref, item.outcome, ...said]
    .map((v) => escapeUnsafeChars(v))
    .join('\t')
    .trimEnd();
}

/** Lines telling what the providers contradicted themselves on, under a heading; none when nothing. */
export function warningLines(warnings: readonly JobWarning[] | undefined): string[] {
  if (!warnings?.length) return [];
  return [`  warnings (${warnings.length}):`, ...warnings.map((w) => `    batch ${w.batch}: ${shown(w.message)}`)];
}

export function formatResult(result: BulkJobResult): string {
  const lines = [
    `job ${shown(result.jobId)}: ${result.state}${result.dryRun ? ' (dry run)' : ''} — ${result.operation}`,
    `  items: ${countsLine(result.counts)}`,
    `  provider jobs: ${result.providerJobs.length}`,
    ...result.providerJobs.map((j) => `    ${shown(j.id)}: ${j.state}, ${j.polls} polls`),
  ];
  if (result.cancelledBy) lines.push(`  cancelled by ${shown(result.cancelledBy)}`);
  const pending = result.pendingRefs?.length ?? 0;
  if (pending > 0) {
    lines.push(`  not done: ${pending} items — bulkflow items ${shown(result.jobId)} --outcome pending --all`);
  }
  const failed = result.items.filter((i) => i.outcome === 'failed');
  if (failed.length > 0) {
    lines.push('  failed items:', ...failed.slice(0, FAILED_SHOWN).map((i) => `    ${itemLine(i)}`));
    if (failed.length > FAILED_SHOWN) {
      lines.push(
        `    … ${failed.length - FAILED_SHOWN} more: bulkflow items ${shown(result.jobId)} --outcome failed --all`,
      );
    }
  }
  lines.push(...warningLines(result.warnings));
  return lines.join('\n');
}

/** One line per start waiting for its tenant: `waiting: another job is running in this org (batch 0, since …)`. */
export function waitingLines(view: Pick<JobView, 'waiting'>): string[] {
  return (view.waiting ?? []).map((wait) => {
    const job = wait.runningJobId === undefined ? '' : `, job ${shown(wait.runningJobId)}`;
    return `  waiting: ${shown(wait.reason)} (batch ${wait.batch}, since ${shown(wait.since)}${job})`;
  });
}

/** A running provider job that answered with unchanged counts: how many times, since when. */
export function stuckText(job: ProviderJobRecord): string | undefined {
  const polls = job.pollsWithoutProgress ?? 0;
  if (job.state !== 'running' || polls === 0) return undefined;
  return `no progress for ${polls} poll${polls === 1 ? '' : 's'} (since ${job.progressAt ?? '?'})`;
}

/** Where a running job's batches stand, when it has more than one. */
function batchesLines({ batches }: JobView): string[] {
  if (!batches || batches.total < 2) return [];
  const { total, done, running, waiting } = batches;
  return [`  batches: ${done} done, ${running} running, ${waiting} waiting of ${total}`];
}

export function formatView(view: JobView, now = Date.now()): string {
  const eta = etaText(view, now);
  const lines = [
    `job ${shown(view.jobId)}: ${view.state} (${view.status}) — ${view.operation ?? '?'}`,
    `  tenant ${shown(view.tenant)} · requested by ${shown(view.requestedBy)} · started ${view.startTime}` +
      (view.closeTime ? ` · closed ${view.closeTime}` : ''),
    `  items: ${countsLine(view.counts)}${eta ? ` · ${eta}` : ''}`,
    ...batchesLines(view),
    ...waitingLines(view),
  ];
  if (view.noWorker) lines.push(`  waiting: ${shown(view.noWorker.message)}`);
  for (const job of view.providerJobs) {
    const stuck = stuckText(job);
    lines.push(
      `  provider job ${shown(job.id)}: ${job.state} · ${countsLine(job.counts)} · ${job.polls} polls${stuck ? ` · ${stuck}` : ''}`,
    );
  }
  if (view.error) lines.push(`  error: ${shown(view.error.type)}: ${shown(view.error.message)}`);
  lines.push(...warningLines(view.warnings));
  return lines.join('\n');
}

export function formatItems(page: ItemsPage): string {
  const lines = page.items.map(itemLine);
  const more = page.nextCursor ? `\nmore: --cursor ${page.nextCursor}` : '';
  return `${lines.join('\n')}${lines.length ? '\n' : ''}${page.items.length} of ${page.total} items${more}`;
}

/** The columns of `bulkflow list`, named in its header line as in its `--json` output. */
export const JOB_COLUMNS = ['jobId', 'state', 'operation', 'tenant', 'requestedBy', 'startTime'] as const;

/** A job's state, marked when its tenant key was erased (nothing else of it can be read). */
function stateShown(job: JobInfo): string {
  return job.dataErased ? `${job.state} (data erased)` : job.state;
}

/** A listing as TSV: a header line, one job per line, then the count and the next page's cursor. */
export function formatJobs(jobs: readonly JobInfo[], nextCursor?: string): string {
  const rows = jobs.map((j) =>
    JOB_COLUMNS.map((column) => (column === 'state' ? stateShown(j) : shown(j[column]))).join('\t'),
  );
  const more = nextCursor ? `\nmore: --cursor ${nextCursor}` : '';
  return [JOB_COLUMNS.join('\t'), ...rows, `${jobs.length} jobs${more}`].join('\n');
}
