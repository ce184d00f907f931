/**
 * Builds a job's audit timeline from the facts of every run of its continue-as-new chain (oldest first).
 * Pure: the client fetches the histories (src/client/job-audit.ts), this turns them into the documented shape.
 */
import type { PermitRequested } from '../activities/semaphore';
import type { BulkJobResult, ItemCounts } from '../domain/job';
import type { BulkJobWorkflowInput } from '../workflows/definitions';
import { activityEntry, batchOf, batchOfToken, stepOf } from './activity-entries';
import type { ActivityEnd, ActivityRecord, AuditState } from './activity-entries';
import type { HistoryFact } from './history-facts';
import { AUDIT_SCHEMA } from './timeline';
import type {
  AuditEntry,
  AuditItemFailure,
  AuditRequest,
  AuditRun,
  AuditState as JobAuditState,
  AuditTimeline,
  RunEnd,
} from './timeline';

const CONTROL_SIGNALS = new Set(['pause', 'resume', 'cancel']);

interface RunReading {
  readonly run: AuditRun;
  readonly result?: BulkJobResult;
  readonly ended?: Extract<HistoryFact, { kind: 'failed' | 'terminated' | 'timedOut' | 'cancelled' }>;
}

type Pending = ActivityRecord & { cancelRequestedAt?: string };
type Fact<K extends HistoryFact['kind']> = Extract<HistoryFact, { kind: K }>;

/** Reads the facts of one run into the shared audit state. */
class RunReader {
  private readonly pending = new Map<number, Pending>();
  private runId = '';
  private startedAt = '';
  private end: RunEnd = 'running';
  private closedAt: string | undefined;
  private result: BulkJobResult | undefined;
  private ended: RunReading['ended'];

  constructor(private readonly state: AuditState) {}

  read(facts: readonly HistoryFact[]): RunReading {
    for (const fact of facts) this.apply(fact);
    this.abandonLeftovers();
    const run: AuditRun = {
      run: this.state.run,
      runId: this.runId,
      startedAt: this.startedAt,
      end: this.end,
      ...(this.closedAt ? { closedAt: this.closedAt } : {}),
    };
    return { run, ...(this.result ? { result: this.result } : {}), ...(this.ended ? { ended: this.ended } : {}) };
  }

  private apply(fact: HistoryFact): void {
    switch (fact.kind) {
      case 'started':
        [this.runId, this.startedAt] = [fact.runId, fact.at];
        return;
      case 'activityScheduled':
        return this.scheduled(fact);
      case 'activityStarted':
        return this.attempted(fact);
      case 'activityCompleted':
        return this.finish(fact.scheduledId, { kind: 'completed', at: fact.at, result: fact.result });
      case 'activityFailed':
        return this.finish(fact.scheduledId, { kind: 'failed', at: fact.at, error: fact.error });
      case 'localActivity':
        return this.local(fact);
      case 'activityCancelRequested': {
        const rec = this.pending.get(fact.scheduledId);
        if (rec) rec.cancelRequestedAt = fact.at;
        return;
      }
      case 'activityCanceled': {
        const rec = this.pending.get(fact.scheduledId);
        this.pending.delete(fact.scheduledId);
        if (rec) abandoned(this.state, rec, fact.at);
        return;
      }
      case 'signaled':
        return signaled(this.state, fact);
      case 'cancelRequested':
        this.push({ at: fact.at, run: this.state.run, kind: 'cancelRequested', requestedBy: fact.identity });
        return;
      case 'continuedAsNew':
      case 'completed':
      case 'failed':
      case 'terminated':
      case 'timedOut':
      case 'cancelled':
        return this.close(fact);
    }
  }

  private close(fact: Fact<'continuedAsNew' | 'completed' | 'failed' | 'terminated' | 'timedOut' | 'cancelled'>): void {
    this.closedAt = fact.at;
    if (fact.kind === 'continuedAsNew') {
      this.push({ at: fact.at, run: this.state.run, kind: 'continuedAsNew', nextRunId: fact.nextRunId });
      this.end = 'continuedAsNew';
    } else if (fact.kind === 'completed') {
      this.result = fact.result as BulkJobResult;
      this.end = 'completed';
    } else {
      this.ended = fact;
      this.end = fact.kind;
    }
  }

  private scheduled(fact: Fact<'activityScheduled'>): void {
    this.pending.set(fact.eventId, {
      activity: fact.activity,
      input: fact.input,
      scheduledAt: fact.at,
      attempts: { attempts: 1 },
    });
    if (fact.activity === 'requestPermit') {
      const token = (fact.input as { request: { token: string } }).request.token;
      this.state.permitsRequested.set(token, { batch: batchOfToken(token), at: fact.at });
    }
  }

  /** A local activity: scheduled, run and ended inside one workflow task; history records only its outcome. */
  private local(fact: Fact<'localActivity'>): void {
    const requested =
      fact.activity === 'requestPermit' && 'result' in fact ? (fact.result as PermitRequested | undefined) : undefined;
    // The input is not in history; requestPermit's result repeats what was asked.
    const input = requested ? { key: requested.key, request: { token: requested.token } } : undefined;
    if (requested) {
      this.state.permitsRequested.set(requested.token, { batch: batchOfToken(requested.token), at: fact.at });
    } else if (fact.activity === 'requestPermit') return;
    const rec: ActivityRecord = {
      activity: fact.activity,
      input,
      scheduledAt: fact.at,
      attempts: { attempts: fact.attempt },
    };
    const end: ActivityEnd =
      'error' in fact
        ? { kind: 'failed', at: fact.at, error: fact.error }
        : { kind: 'completed', at: fact.at, result: fact.result };
    const entry = activityEntry(this.state, rec, end);
    if (entry) this.push(entry);
  }

  private attempted(fact: Fact<'activityStarted'>): void {
    const rec = this.pending.get(fact.scheduledId);
    if (!rec) return;
    rec.attempts = { attempts: fact.attempt, ...(fact.lastFailure ? { lastRetryReason: fact.lastFailure } : {}) };
  }

  private finish(scheduledId: number, end: ActivityEnd): void {
    const rec = this.pending.get(scheduledId);
    this.pending.delete(scheduledId);
    const entry = rec && activityEntry(this.state, rec, end);
    if (entry) this.push(entry);
  }

  /** Activities a closed run gave up on: cancelled, or still running when the run failed or was terminated. */
  private abandonLeftovers(): void {
    if (this.end === 'running') return;
    for (const rec of this.pending.values()) {
      if (rec.cancelRequestedAt === undefined && this.end === 'continuedAsNew') continue;
      abandoned(this.state, rec, rec.cancelRequestedAt ?? this.closedAt ?? rec.scheduledAt);
    }
  }

  private push(entry: AuditEntry): void {
    this.state.entries.push(entry);
  }
}

function abandoned(state: AuditState, rec: ActivityRecord, at: string): void {
  const step = stepOf(rec.activity);
  if (step) state.entries.push({ at, run: state.run, batch: batchOf(rec.input), kind: 'abandoned', step });
}

function signaled(state: AuditState, fact: Extract<HistoryFact, { kind: 'signaled' }>): void {
  if (CONTROL_SIGNALS.has(fact.name)) {
    const requestedBy = (fact.input as { requestedBy?: string } | undefined)?.requestedBy ?? fact.identity;
    state.entries.push({ at: fact.at, run: state.run, kind: 'controlRequested', action: fact.name, requestedBy });
    return;
  }
  const token = (fact.input as { token?: string } | undefined)?.token;
  const requested = token === undefined ? undefined : state.permitsRequested.get(token);
  if (fact.name === 'permitGranted' && requested) {
    // A local activity's time is the worker's clock, the signal's the server's: never report a negative wait.
    const waitedMs = Math.max(0, Date.parse(fact.at) - Date.parse(requested.at));
    state.entries.push({ at: fact.at, run: state.run, batch: requested.batch, kind: 'permitGranted', waitedMs });
  }
}

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
