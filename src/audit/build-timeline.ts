/**
 * Builds a job's audit timeline from the facts of every run of its continue-as-new chain (oldest first).
 * Pure: the client fetches the histories (src/client/job-audit.ts), this turns them into the documented shape.
 */
import type { BulkJobResult, ItemCounts } from '../domain/job';
import type { BulkJobWorkflowInput } from '../workflows/definitions';
import type { AuditState } from './activity-entries';
import type { HistoryFact } from './history-facts';
import { RunReader } from './run-reader';
import type { RunReading } from './run-reader';
import { AUDIT_SCHEMA } from './timeline';
import type {
  AuditEntry,
  AuditItemFailure,
  AuditRequest,
  AuditState as JobAuditState,
  AuditTimeline,
} from './timeline';

function requestOf(
  input: BulkJobWorkflowInput,
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
  if (last?.result) return last.result.state;
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

/**
 * The timeline of job `jobId` from the facts of each of its runs, oldest run first.
 * Thrown when `runs` is empty or the first run has no start event (not a bulk job's history).
 */
export function buildTimeline(jobId: string, runs: readonly (readonly HistoryFact[])[]): AuditTimeline {
  const start = runs[0]?.find((f): f is Extract<HistoryFact, { kind: 'started' }> => f.kind === 'started');
  if (!start) throw new Error(`job ${jobId}: history has no start event`);
  const input = start.input as BulkJobWorkflowInput;
  const state: AuditState = {
    run: 0,
    entries: [],
    providerJobs: new Map(),
    segments: new Map(),
    failures: [],
    permitsRequested: new Map(),
  };
  if (input.carried) state.plan = input.carried.plan;
  const readings: RunReading[] = [];
  for (const facts of runs) {
    state.run += 1;
    if (state.run === 1) {
      state.entries.push({
        at: start.at,
        run: 1,
        kind: 'requested',
        requestedBy: input.requestedBy,
        request: requestOf(input, start.memo, undefined),
        ...(input.tuning ? { tuning: { ...input.tuning } } : {}),
      });
    }
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
    requestedBy: input.requestedBy,
    requestedAt: start.at,
    ...(closedAt ? { closedAt } : {}),
    request: requestOf(input, start.memo, state.plan?.total),
    ...(counts ? { counts } : {}),
    ...(last?.result?.cancelledBy !== undefined ? { cancelledBy: last.result.cancelledBy } : {}),
    runs: readings.map((r) => r.run),
    providerJobs: [...state.providerJobs.values()].sort((a, b) => a.batch - b.batch),
    failures: finalFailures(state.failures, last?.result),
    entries: chronological(state.entries),
  };
}

/** Per-item failures: the result's when the job completed (it has the providers' codes), else those seen so far. */
function finalFailures(seen: readonly AuditItemFailure[], result: BulkJobResult | undefined): AuditItemFailure[] {
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
