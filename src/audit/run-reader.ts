/**
 * Reads the facts of one run of a job (src/audit/history-facts.ts) into the audit state shared across the runs of
 * its continue-as-new chain: entries, provider jobs, permits asked for. Pure.
 */
import type { ActivityEnd, ActivityRecord, AuditState } from './audit-state';
import { batchOfToken } from './permit-entries';
import { abandonedEntry, activityEntry, localActivityEntry, permitTokenOf } from './activity-readers';
import type { HistoryFact } from './history-facts';
import { JobOutcomeSchema, JobResultSchema } from './recorded-workflow';
import type { RecordedJobOutcome, RecordedJobResult } from './recorded-workflow';
import { signalEntry } from './signal-entries';
import type { AuditEntry, AuditRun, RunEnd } from './timeline';
import { readRecorded, unreadableEntry } from './unreadable';

export interface RunReading {
  readonly run: AuditRun;
  /** The job result, when the run completed and its result reads. */
  readonly result?: RecordedJobResult;
  /** How the job ended, when the run completed and at least that much of its result reads. */
  readonly outcome?: RecordedJobOutcome;
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
  private result: RecordedJobResult | undefined;
  private outcome: RecordedJobOutcome | undefined;
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
    return {
      run,
      ...(this.result ? { result: this.result } : {}),
      ...(this.outcome ? { outcome: this.outcome } : {}),
      ...(this.ended ? { ended: this.ended } : {}),
    };
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
        return this.finish(fact.scheduledId, {
          kind: 'completed',
          at: fact.at,
          eventId: fact.eventId,
          result: fact.result,
        });
      case 'activityFailed':
        return this.finish(fact.scheduledId, { kind: 'failed', at: fact.at, eventId: fact.eventId, error: fact.error });
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
        if (rec) this.push(abandonedEntry(this.state, rec, fact.at));
        return;
      }
      case 'signaled':
        return this.push(signalEntry(this.state, fact));
      case 'cancelRequested':
        return this.push({ at: fact.at, run: this.state.run, kind: 'cancelRequested', requestedBy: fact.identity });
      case 'unreadable':
        return this.push(unreadableEntry({ ...fact, run: this.state.run }, fact.issues));
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
      this.completed(fact);
      this.end = 'completed';
    } else {
      this.ended = fact;
      this.end = fact.kind;
    }
  }

  /** The job result; when it does not read whole, an unreadable entry, and its state if that much reads. */
  private completed(fact: Fact<'completed'>): void {
    const result = readRecorded(JobResultSchema, fact.result, 'result');
    if (result.ok) {
      [this.result, this.outcome] = [result.value, result.value];
      return;
    }
    const where = { at: fact.at, run: this.state.run, eventId: fact.eventId, event: 'workflow completed' };
    this.push(unreadableEntry(where, result.issues));
    const outcome = JobOutcomeSchema.safeParse(fact.result);
    if (outcome.success) this.outcome = outcome.data;
  }

  private scheduled(fact: Fact<'activityScheduled'>): void {
    const rec: Pending = {
      activity: fact.activity,
      input: fact.input,
      scheduledAt: fact.at,
      scheduledEventId: fact.eventId,
      attempts: { attempts: 1 },
    };
    this.pending.set(fact.eventId, rec);
    // Noted when asked: the grant can be recorded before the request's activity completes.
    const token = permitTokenOf(rec);
    if (token) this.state.permitsRequested.set(token, { batch: batchOfToken(token), at: fact.at });
  }

  /** A local activity: scheduled, run and ended inside one workflow task; history records only its outcome. */
  private local(fact: Fact<'localActivity'>): void {
    const rec: ActivityRecord = {
      activity: fact.activity,
      input: undefined,
      scheduledAt: fact.at,
      scheduledEventId: fact.eventId,
      attempts: { attempts: fact.attempt },
    };
    const base = { at: fact.at, eventId: fact.eventId };
    const end: ActivityEnd =
      'error' in fact
        ? { ...base, kind: 'failed', error: fact.error }
        : { ...base, kind: 'completed', result: fact.result };
    this.push(localActivityEntry(this.state, rec, end));
  }

  private attempted(fact: Fact<'activityStarted'>): void {
    const rec = this.pending.get(fact.scheduledId);
    if (!rec) return;
    rec.attempts = { attempts: fact.attempt, ...(fact.lastFailure ? { lastRetryReason: fact.lastFailure } : {}) };
  }

  private finish(scheduledId: number, end: ActivityEnd): void {
    const rec = this.pending.get(scheduledId);
    this.pending.delete(scheduledId);
    if (rec) this.push(activityEntry(this.state, rec, end));
  }

  /** Activities a closed run gave up on: cancelled, or still running when the run failed or was terminated. */
  private abandonLeftovers(): void {
    if (this.end === 'running') return;
    for (const rec of this.pending.values()) {
      if (rec.cancelRequestedAt === undefined && this.end === 'continuedAsNew') continue;
      this.push(abandonedEntry(this.state, rec, rec.cancelRequestedAt ?? this.closedAt ?? rec.scheduledAt));
    }
  }

  private push(entries: AuditEntry | readonly AuditEntry[] | undefined): void {
    if (entries === undefined) return;
    this.state.entries.push(...(isEntryList(entries) ? entries : [entries]));
  }
}

/** `Array.isArray` does not narrow a readonly array out of a union. */
function isEntryList(entries: AuditEntry | readonly AuditEntry[]): entries is readonly AuditEntry[] {
  return Array.isArray(entries);
}
