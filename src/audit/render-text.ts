/** The audit timeline as text for people: a header, one line per entry (time since the request), and the failures. */
import type { AnswerKind, ItemCounts } from '../domain/job';
import { escapeUnsafeChars } from '../domain/safe-text';
import type {
  AuditEntry,
  AuditError,
  AuditProviderJob,
  AuditTimeline,
  AuditUnreadableIssue,
  Attempts,
} from './timeline';

const ANSWER_WORDS: Readonly<Record<AnswerKind, string>> = {
  running: 'running',
  done: 'done',
  locked: '423 locked',
  rateLimited: '429 rate-limited',
  transient: '5xx/transient',
};

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function countsText(c: ItemCounts): string {
  return `${c.succeeded} succeeded, ${c.failed} failed, ${c.skipped} skipped, ${c.pending} pending of ${c.total}`;
}

function answersText(answers: Record<AnswerKind, number>): string {
  const parts = (Object.keys(ANSWER_WORDS) as AnswerKind[]).flatMap((k) =>
    answers[k] ? [`${answers[k]} ${ANSWER_WORDS[k]}`] : [],
  );
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function errorText(e: AuditError): string {
  return e.message ? `${e.type}: ${e.message}` : e.type;
}

function issueText(issue: AuditUnreadableIssue): string {
  return `${issue.path}: ${issue.problem}`;
}

function attemptsText(a: Attempts): string {
  if (a.attempts <= 1) return '';
  return `; ${plural(a.attempts, 'attempt')}${a.lastRetryReason ? `, last retried after ${errorText(a.lastRetryReason)}` : ''}`;
}

function warningsText(n: number | undefined): string {
  return n ? `; ${plural(n, 'warning')} (see "Warnings" below)` : '';
}

/** What happened, in one line (without the time and batch columns). */
export function describeEntry(e: AuditEntry): string {
  switch (e.kind) {
    case 'requested': {
      const r = e.request;
      const tenant = r.tenant ? `, tenant ${r.tenant}` : '';
      return `${e.requestedBy} requested ${r.operation}${r.dryRun ? ' (dry run)' : ''} on connection ${r.connection}${tenant}`;
    }
    case 'planned':
      return `planned ${plural(e.items, 'item')} in ${plural(e.batches.length, 'batch', 'batches')} for ${e.provider} tenant ${e.tenant}: ${e.batches.map((b) => `${b.key}×${b.items}`).join(', ')}`;
    case 'planFailed':
      return `planning failed: ${errorText(e.error)}${attemptsText(e)}`;
    case 'permitRequested':
      return `asked for a tenant permit (${e.key})`;
    case 'permitGranted':
      return `tenant permit granted after ${seconds(e.waitedMs)}`;
    case 'providerJobStarted':
      return `provider job ${e.providerJobId} started${e.reused ? ' (found after a retried start; not sent twice)' : ''}${attemptsText(e)}`;
    case 'batchValidated':
      return `validated ${e.items} items, ${e.failed} would fail${warningsText(e.warnings)}${attemptsText(e)}`;
    case 'startFailed':
      return `start refused: ${errorText(e.error)}${attemptsText(e)}`;
    case 'segment': {
      const state = e.providerState
        ? `; provider says ${e.providerStatus ?? e.providerState} (${e.providerState})`
        : '';
      const progress = e.progress
        ? `, ${e.progress.succeeded + e.progress.failed + e.progress.skipped}/${e.progress.total} done`
        : '';
      const waited = e.waitedOnRetryAfterMs ? `, ${seconds(e.waitedOnRetryAfterMs)} waiting on Retry-After` : '';
      return `segment ${e.segment}: ${plural(e.polls, 'poll')}${answersText(e.answers)} in ${seconds(e.tookMs)}${waited}${state}${progress}`;
    }
    case 'segmentFailed':
      return `awaiting ${e.providerJobId} failed: ${errorText(e.error)}`;
    case 'collected':
      return `collected ${e.providerJobId}: ${e.succeeded} succeeded, ${e.failed} failed, ${e.skipped} skipped${warningsText(e.warnings)}${e.attachments.length ? `; kept ${e.attachments.join(', ')}` : ''}`;
    case 'collectFailed':
      return `collecting ${e.providerJobId} failed: ${errorText(e.error)}`;
    case 'providerJobControlled':
      return `${e.action} sent to provider job ${e.providerJobId}${e.error ? ` and failed: ${errorText(e.error)}` : ''}`;
    case 'abandoned':
      return `${e.step} given up on (cancelled before it finished)`;
    case 'controlRequested':
      return `${e.action} requested by ${e.requestedBy}`;
    case 'cancelRequested':
      return `workflow cancellation requested by ${e.requestedBy}`;
    case 'continuedAsNew':
      return `continued as new run ${e.nextRunId}`;
    case 'callback':
      return e.delivered
        ? 'completion callback delivered'
        : `completion callback not delivered: ${e.error ? errorText(e.error) : ''}`;
    case 'completed':
      return `finished ${e.state}: ${countsText(e.counts)}${e.cancelledBy ? `; cancelled by ${e.cancelledBy}` : ''}${e.error ? `; ${errorText(e.error)}` : ''}`;
    case 'failed':
      return `workflow failed: ${errorText(e.error)}`;
    case 'terminated':
      return `terminated by ${e.requestedBy}: ${e.reason}`;
    case 'timedOut':
      return 'workflow timed out';
    case 'unreadable':
      return `could not read ${e.event} (event ${e.eventId}): ${e.issues.map(issueText).join('; ')}`;
  }
}

function providerJobLine(j: AuditProviderJob): string {
  const status = j.providerStatus ? ` (${j.providerStatus})` : '';
  const waited = j.waitedOnRetryAfterMs ? `, ${seconds(j.waitedOnRetryAfterMs)} on Retry-After` : '';
  return `  batch ${j.batch}  ${j.id}  ${j.state}${status}  ${plural(j.segments, 'segment')}, ${plural(j.polls, 'poll')}${answersText(j.answers)}${waited}`;
}

/** A header line when some of the history could not be read, so a reader looks for it in the timeline. */
function unreadableWarning(entries: readonly AuditEntry[]): string[] {
  const n = entries.filter((e) => e.kind === 'unreadable').length;
  return n ? [`  warning: ${plural(n, 'history value')} could not be read (see "could not read" below)`] : [];
}

/** A header line when a provider contradicted itself, so a reader looks for the "Warnings" section. */
function providerWarning(t: AuditTimeline): string[] {
  const n = t.warnings?.length ?? 0;
  return n ? [`  warning: ${plural(n, 'provider answer')} contradicted itself (see "Warnings" below)`] : [];
}

/** The whole timeline as text, one line per fact. Times in the timeline column are seconds since the request. */
export function renderText(t: AuditTimeline): string {
  const origin = Date.parse(t.requestedAt);
  const lines = [
    `Job ${t.jobId}: ${t.request.operation}, ${t.state}`,
    `  requested by ${t.requestedBy} at ${t.requestedAt}${t.closedAt ? `, closed at ${t.closedAt}` : ''}`,
    `  connection ${t.request.connection}${t.request.items !== undefined ? `, ${t.request.items} items` : ''}${t.request.digest ? `, request digest ${t.request.digest.slice(0, 16)}…` : ''}`,
    `  runs: ${t.runs.length}${t.counts ? `; ${countsText(t.counts)}` : ''}${t.cancelledBy ? `; cancelled by ${t.cancelledBy}` : ''}`,
    ...unreadableWarning(t.entries),
    ...providerWarning(t),
    '',
    'Timeline (seconds since the request)',
    ...t.entries.map((e) => {
      const time = `+${seconds(Date.parse(e.at) - origin)}`.padStart(9);
      const where = 'batch' in e ? `batch ${e.batch}` : `run ${e.run}`;
      return `${time}  ${where.padEnd(9)} ${describeEntry(e)}`;
    }),
  ];
  if (t.providerJobs.length) lines.push('', 'Provider jobs', ...t.providerJobs.map(providerJobLine));
  if (t.failures.length) {
    lines.push('', `Failed items (${t.failures.length})`);
    lines.push(...t.failures.map((f) => `  batch ${f.batch}  ${f.ref}  ${f.code ?? ''}  ${f.message ?? ''}`.trimEnd()));
  }
  if (t.warnings?.length) {
    lines.push('', `Warnings (${t.warnings.length})`, ...t.warnings.map((w) => `  batch ${w.batch}  ${w.message}`));
  }
  // Every line is one line: a control, bidi or zero-width character in a value (a user id, a provider message) is
  // escaped, so nothing recorded can forge or hide a line of the audit.
  return `${lines.map((line) => escapeUnsafeChars(line)).join('\n')}\n`;
}
