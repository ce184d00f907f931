/**
 * Reads the facts of one run of a job (src/audit/history-facts.ts) into the audit state shared across the runs of
 * its continue-as-new chain: entries, provider jobs, permits asked for. Pure.
 */
import type { BulkJobResult } from '../domain/job';
import { activityEntry, batchOf, batchOfToken, localActivityRecord, permitTokenOf, stepOf } from './activity-entries';
import type { ActivityEnd, ActivityRecord, AuditState } from './activity-entries';
import type { HistoryFact } from './history-facts';
import type { AuditEntry, AuditRun, RunEnd } from './timeline';

const CONTROL_SIGNALS = new Set(['pause', 'resume', 'cancel']);

export interface RunReading {
  readonly run: AuditRun;
  readonly result?: BulkJobResult;
  readonly ended?: Extract<HistoryFact, { kind: 'failed' | 'terminated' | 'timedOut' | 'cancelled' }>;
}

type Pending = ActivityRecord & { cancelRequestedAt?: string };
type Fact<K extends HistoryFact['kind']> = Extract<HistoryFact, { kind: K }>;

/** Reads the facts of one run into the shared audit state. */
export class RunReader {
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
    const rec = { activity: fact.activity, input: fact.input, scheduledAt: fact.at, attempts: { attempts: 1 } };
    this.pending.set(fact.eventId, rec);
    this.notePermitRequest(rec, fact.at);
  }

  /** A local activity: scheduled, run and ended inside one workflow task; history records only its outcome. */
  private local(fact: Fact<'localActivity'>): void {
    const read = localActivityRecord(fact);
    if (!read) return;
    this.notePermitRequest(read.rec, fact.at);
    const entry = activityEntry(this.state, read.rec, read.end);
    if (entry) this.push(entry);
  }

  /** Remembers when a permit was asked for, so its grant can tell how long the batch waited. */
  private notePermitRequest(rec: ActivityRecord, at: string): void {
    const token = permitTokenOf(rec);
    if (token) this.state.permitsRequested.set(token, { batch: batchOfToken(token), at });
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
