/**
 * Builds a job's audit timeline from the facts of every run of its continue-as-new chain (oldest first).
 * Pure: the client fetches the histories (src/client/job-audit.ts), this turns them into the documented shape.
 */
import type { ItemCounts } from '../domain/job';
import type { AuditState } from './audit-state';
import type { JobWarningRecord } from './job-warning';
import { UnreadableHistoryError } from './errors';
import type { HistoryFact } from './history-facts';
import { CarriedPlanSchema, JobIdentitySchema, JobTuningSchema } from './recorded-workflow';
import type { RecordedJobIdentity, RecordedJobResult } from './recorded-workflow';
import { RunReader } from './run-reader';
import type { RunReading } from './run-reader';
import { AUDIT_SCHEMA } from './timeline';
import { issuesOf, readRecorded, unreadableEntry } from './unreadable';
import type {
  AuditEntry,
  AuditItemFailure,
  AuditRequest,
  AuditState as JobAuditState,
  AuditTimeline,
} from './timeline';

function requestOf(
  input: RecordedJobIdentity,
  memo: Readonly<Record<string, unknown>>,
  items: number | undefined,
): AuditRequest {
  const { request } = input;
  const digest = memo['requestDigest'];
  return {
    operation: request.operation,
    connection: request.connection,
    ...(request.tenant !== undefined ? { tenant: request.tenant } : {}),
    dryRun: request.dryRun,
    ...(typeof digest === 'string' ? { digest } : {}),
    ...(items !== undefined ? { items } : {}),
    callback: input.callback !== undefined,
  };
}

function closingEntry(reading: RunReading, run: number): AuditEntry | undefined {
  const { result, ended } = reading;
  const at = reading.run.closedAt ?? '';
  if (result) {
    return {
      at,
      run,
      kind: 'completed',
      state: result.state,
      counts: result.counts,
      ...(result.cancelledBy !== undefined ? { cancelledBy: result.cancelledBy } : {}),
      ...(result.error ? { error: result.error } : {}),
    };
  }
  if (!ended) return undefined;
  switch (ended.kind) {
    case 'failed':
      return { at, run, kind: 'failed', error: ended.error };
    case 'terminated':
      return { at, run, kind: 'terminated', reason: ended.reason, requestedBy: ended.identity };
    case 'timedOut':
      return { at, run, kind: 'timedOut' };
    case 'cancelled':
      return { at, run, kind: 'failed', error: { type: 'Cancelled', message: 'workflow cancelled' } };
  }
}

function stateOf(last: RunReading | undefined, planned: boolean): JobAuditState {
  if (last?.outcome) return last.outcome.state;
  // Completed with a result whose state does not read (its unreadable entry says why): claim no success.
  if (last?.run.end === 'completed') return 'failed';
  switch (last?.ended?.kind) {
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
    case 'terminated':
      return 'terminated';
    case 'timedOut':
      return 'timedOut';
    case undefined:
      return planned ? 'running' : 'planning';
  }
}

/** Orders entries by time, keeping history order for equal times (entries of one event stay together). */
function chronological(entries: readonly AuditEntry[]): AuditEntry[] {
  return entries
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => a.entry.run - b.entry.run || Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.i - b.i)
    .map(({ entry }) => entry);
}

type StartFact = Extract<HistoryFact, { kind: 'started' }>;

/** The first run's start, and who asked for what. Thrown when there is none, or it does not read. */
function startOf(jobId: string, facts: readonly HistoryFact[]): { start: StartFact; identity: RecordedJobIdentity } {
  const start = facts.find((f): f is StartFact => f.kind === 'started');
  if (!start) throw new UnreadableHistoryError(jobId, 'history has no start event');
  const identity = readRecorded(JobIdentitySchema, start.input, 'input');
  if (identity.ok) return { start, identity: identity.value };
  const issues = identity.issues.map((i) => `${i.path}: ${i.problem}`).join('; ');
  throw new UnreadableHistoryError(jobId, `its start event does not say who asked for what (${issues})`);
}

/** The builder's state, with the plan a continued first run carries and the `requested` entry. */
function initialState(start: StartFact, identity: RecordedJobIdentity): AuditState {
  const tuning = readRecorded(JobTuningSchema, start.input, 'input');
  const carried = readRecorded(CarriedPlanSchema, start.input, 'input');
  const requested: AuditEntry = {
    at: start.at,
    run: 1,
    kind: 'requested',
    requestedBy: identity.requestedBy,
    request: requestOf(identity, start.memo, undefined),
    ...(tuning.ok && tuning.value.tuning ? { tuning: { ...tuning.value.tuning } } : {}),
  };
  const issues = issuesOf(tuning, carried);
  const unreadable = { at: start.at, run: 1, eventId: start.eventId, event: 'workflow started' };
  return {
    run: 0,
    ...(carried.ok && carried.value.carried ? { plan: carried.value.carried.plan } : {}),
    entries: [requested, ...(issues.length ? [unreadableEntry(unreadable, issues)] : [])],
    providerJobs: new Map(),
    segments: new Map(),
    failures: [],
    warnings: [],
    permitsRequested: new Map(),
  };
}

/**
 * The timeline of job `jobId` from the facts of each of its runs, oldest run first. Values that do not read show
 * as `unreadable` entries. Thrown when `runs` is empty or the first run's start does not say who asked for what:
 * `UnreadableHistoryError`.
 */
export function buildTimeline(jobId: string, runs: readonly (readonly HistoryFact[])[]): AuditTimeline {
  const { start, identity } = startOf(jobId, runs[0] ?? []);
  const state = initialState(start, identity);
  const readings: RunReading[] = [];
  for (const facts of runs) {
    state.run += 1;
    const reading = new RunReader(state).read(facts);
    readings.push(reading);
    const closing = closingEntry(reading, state.run);
    if (closing) state.entries.push(closing);
  }
  const last = readings.at(-1);
  const counts: ItemCounts | undefined = last?.result?.counts;
  const closedAt = last?.run.end !== 'running' && last?.run.end !== 'continuedAsNew' ? last?.run.closedAt : undefined;
  return {
    schema: AUDIT_SCHEMA,
    jobId,
    state: stateOf(last, state.plan !== undefined),
    requestedBy: identity.requestedBy,
    requestedAt: start.at,
    ...(closedAt ? { closedAt } : {}),
    request: requestOf(identity, start.memo, state.plan?.total),
    ...(counts ? { counts } : {}),
    ...(last?.outcome?.cancelledBy !== undefined ? { cancelledBy: last.outcome.cancelledBy } : {}),
    runs: readings.map((r) => r.run),
    providerJobs: [...state.providerJobs.values()].sort((a, b) => a.batch - b.batch),
    failures: finalFailures(state.failures, last?.result),
    ...finalWarnings(state.warnings, last?.result),
    entries: chronological(state.entries),
  };
}

/** Per-item failures: the result's when the job completed (it has the providers' codes), else those seen so far. */
function finalFailures(seen: readonly AuditItemFailure[], result: RecordedJobResult | undefined): AuditItemFailure[] {
  if (!result) return [...seen];
  const batchOfRef = new Map(seen.map((f) => [f.ref, f.batch]));
  return result.items
    .filter((i) => i.outcome === 'failed')
    .map((i) => ({
      batch: batchOfRef.get(i.ref) ?? -1,
      ref: i.ref,
      ...(i.code !== undefined ? { code: i.code } : {}),
      ...(i.message !== undefined ? { message: i.message } : {}),
    }));
}

/** Warnings: the result's when the job completed, else those seen so far; no part at all when there are none. */
function finalWarnings(
  seen: readonly JobWarningRecord[],
  result: RecordedJobResult | undefined,
): { warnings?: JobWarningRecord[] } {
  const warnings = result ? [...(result.warnings ?? [])] : [...seen];
  return warnings.length > 0 ? { warnings } : {};
}
