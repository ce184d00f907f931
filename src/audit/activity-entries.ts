/**
 * What each finished activity of a bulk job means for the audit: the entry it adds, and what it changes in the
 * per-provider-job summaries. Inputs and results are the activities' own types (src/activities/types.ts).
 */
import type { AnswerKind, CollectedResults, JobPlan, PollStats } from '../domain/job';
import { emptyPollStats } from '../domain/job';
import type {
  AwaitProviderJobInput,
  AwaitProviderJobResult,
  ControlProviderJobInput,
  StartProviderJobInput,
  StartProviderJobResult,
} from '../activities/types';
import type { PermitRequested } from '../activities/semaphore';
import type { HistoryFact } from './history-facts';
import type { AuditEntry, AuditError, AuditItemFailure, AuditProviderJob, Attempts } from './timeline';

/** An activity from scheduling to its end, as read from one run. */
export interface ActivityRecord {
  readonly activity: string;
  readonly input: unknown;
  readonly scheduledAt: string;
  attempts: Attempts;
}

export type ActivityEnd =
  | { readonly kind: 'completed'; readonly at: string; readonly result: unknown }
  | { readonly kind: 'failed'; readonly at: string; readonly error: AuditError };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Everything the builder accumulates across runs. */
export interface AuditState {
  run: number;
  plan?: JobPlan;
  readonly entries: AuditEntry[];
  readonly providerJobs: Map<number, Mutable<AuditProviderJob>>;
  readonly segments: Map<number, number>;
  readonly failures: AuditItemFailure[];
  readonly permitsRequested: Map<string, { batch: number; at: string }>;
}

/** The batch index an activity input names (-1 when none). */
export function batchOf(input: unknown): number {
  return (input as { batch?: { index?: number } } | undefined)?.batch?.index ?? -1;
}

function subtract(
  after: PollStats,
  before: PollStats | undefined,
): Pick<PollStats, 'polls' | 'answers' | 'waitedOnRetryAfterMs'> {
  const base = before ?? emptyPollStats();
  const kinds = Object.keys(after.answers) as AnswerKind[];
  return {
    polls: after.polls - base.polls,
    answers: Object.fromEntries(kinds.map((k) => [k, after.answers[k] - (base.answers[k] ?? 0)])) as Record<
      AnswerKind,
      number
    >,
    waitedOnRetryAfterMs: after.waitedOnRetryAfterMs - base.waitedOnRetryAfterMs,
  };
}

function started(state: AuditState, rec: ActivityRecord, end: ActivityEnd): AuditEntry {
  const input = rec.input as StartProviderJobInput;
  const batch = batchOf(input);
  const at = { at: end.at, run: state.run, batch, ...rec.attempts };
  if (end.kind === 'failed') {
    for (const ref of input.batch.itemRefs)
      state.failures.push({ batch, ref, code: end.error.type, message: end.error.message });
    return { ...at, kind: 'startFailed', error: end.error };
  }
  const result = end.result as StartProviderJobResult;
  if (result.kind === 'validated') {
    const failed = result.items.filter((i) => i.outcome === 'failed');
    for (const item of failed) state.failures.push({ batch, ref: item.ref, ...codeAndMessage(item) });
    return { ...at, kind: 'batchValidated', items: result.items.length, failed: failed.length };
  }
  state.providerJobs.set(batch, {
    batch,
    id: result.providerJobId,
    startedAt: result.startedAt,
    state: 'running',
    segments: 0,
    polls: 0,
    answers: { ...emptyPollStats().answers },
    waitedOnRetryAfterMs: 0,
  });
  return {
    ...at,
    kind: 'providerJobStarted',
    providerJobId: result.providerJobId,
    startedAt: result.startedAt,
    reused: result.reused,
  };
}

function codeAndMessage(item: { code?: string; message?: string }): { code?: string; message?: string } {
  return {
    ...(item.code !== undefined ? { code: item.code } : {}),
    ...(item.message !== undefined ? { message: item.message } : {}),
  };
}

function segment(state: AuditState, rec: ActivityRecord, end: ActivityEnd): AuditEntry {
  const input = rec.input as AwaitProviderJobInput;
  const batch = batchOf(input);
  const base = { at: end.at, run: state.run, batch, providerJobId: input.providerJobId };
  if (end.kind === 'failed') return { ...base, kind: 'segmentFailed', error: end.error };
  const result = end.result as AwaitProviderJobResult;
  const delta = subtract(result.stats, input.carried);
  const n = (state.segments.get(batch) ?? 0) + 1;
  state.segments.set(batch, n);
  const job = state.providerJobs.get(batch);
  if (job) {
    job.segments += 1;
    job.polls += delta.polls;
    for (const kind of Object.keys(delta.answers) as AnswerKind[])
      job.answers[kind] = (job.answers[kind] ?? 0) + delta.answers[kind];
    job.waitedOnRetryAfterMs += delta.waitedOnRetryAfterMs;
    if (result.snapshot) {
      job.state = result.snapshot.state;
      job.providerStatus = result.snapshot.providerStatus;
      if (result.snapshot.state !== 'running') job.finishedAt = end.at;
    }
  }
  const snapshot = result.snapshot;
  return {
    ...base,
    kind: 'segment',
    segment: n,
    tookMs: Date.parse(end.at) - Date.parse(rec.scheduledAt),
    ...delta,
    ...(snapshot
      ? { providerState: snapshot.state, providerStatus: snapshot.providerStatus, progress: snapshot.counts }
      : {}),
  };
}

function collected(state: AuditState, rec: ActivityRecord, end: ActivityEnd): AuditEntry {
  const input = rec.input as { providerJobId: string };
  const batch = batchOf(rec.input);
  const base = { at: end.at, run: state.run, batch, providerJobId: input.providerJobId };
  if (end.kind === 'failed') return { ...base, kind: 'collectFailed', error: end.error };
  const result = end.result as CollectedResults;
  const count = (outcome: string) => result.items.filter((i) => i.outcome === outcome).length;
  for (const item of result.items.filter((i) => i.outcome === 'failed')) {
    state.failures.push({ batch, ref: item.ref, ...codeAndMessage(item) });
  }
  return {
    ...base,
    kind: 'collected',
    succeeded: count('succeeded'),
    failed: count('failed'),
    skipped: count('skipped'),
    attachments: (result.attachments ?? []).map((a) => a.name),
  };
}

function controlled(state: AuditState, rec: ActivityRecord, end: ActivityEnd): AuditEntry {
  const input = rec.input as ControlProviderJobInput;
  return {
    at: end.at,
    run: state.run,
    batch: batchOf(input),
    kind: 'providerJobControlled',
    providerJobId: input.providerJobId,
    action: input.action,
    ...(end.kind === 'failed' ? { error: end.error } : {}),
  };
}

function planned(state: AuditState, rec: ActivityRecord, end: ActivityEnd): AuditEntry {
  if (end.kind === 'failed')
    return { at: end.at, run: state.run, kind: 'planFailed', error: end.error, ...rec.attempts };
  const plan = end.result as JobPlan;
  state.plan = plan;
  return {
    at: end.at,
    run: state.run,
    kind: 'planned',
    provider: plan.provider,
    tenant: plan.tenant,
    items: plan.total,
    maxConcurrentBatches: plan.maxConcurrentBatches,
    ...(plan.tenantPermits !== undefined ? { tenantPermits: plan.tenantPermits } : {}),
    batches: plan.batches.map((b) => ({ index: b.index, key: b.key, items: b.itemRefs.length })),
  };
}

function permitRequested(state: AuditState, rec: ActivityRecord): AuditEntry {
  const input = rec.input as { key: string; request: { token: string } };
  return {
    at: rec.scheduledAt,
    run: state.run,
    batch: batchOfToken(input.request.token),
    kind: 'permitRequested',
    key: input.key,
  };
}

/** The permit token a `requestPermit` record asked for (undefined for other activities). */
export function permitTokenOf(rec: ActivityRecord): string | undefined {
  if (rec.activity !== 'requestPermit') return undefined;
  return (rec.input as { request: { token: string } }).request.token;
}

/**
 * A local activity as a record and its end. History keeps only its outcome, not its input; `requestPermit`'s result
 * repeats what it asked, so its record gets that as input (and is left out when it has no result).
 */
export function localActivityRecord(
  fact: Extract<HistoryFact, { kind: 'localActivity' }>,
): { rec: ActivityRecord; end: ActivityEnd } | undefined {
  const requested =
    fact.activity === 'requestPermit' && 'result' in fact ? (fact.result as PermitRequested) : undefined;
  if (fact.activity === 'requestPermit' && !requested) return undefined;
  const rec: ActivityRecord = {
    activity: fact.activity,
    input: requested ? { key: requested.key, request: { token: requested.token } } : undefined,
    scheduledAt: fact.at,
    attempts: { attempts: fact.attempt },
  };
  const end: ActivityEnd =
    'error' in fact
      ? { kind: 'failed', at: fact.at, error: fact.error }
      : { kind: 'completed', at: fact.at, result: fact.result };
  return { rec, end };
}

/** The batch a permit token (`<jobId>/batch-<n>`) is for. */
export function batchOfToken(token: string): number {
  return Number(/batch-(\d+)$/.exec(token)?.[1] ?? -1);
}

function callback(state: AuditState, _rec: ActivityRecord, end: ActivityEnd): AuditEntry {
  const base = { at: end.at, run: state.run, kind: 'callback' as const };
  return end.kind === 'failed' ? { ...base, delivered: false, error: end.error } : { ...base, delivered: true };
}

const BY_ACTIVITY: Readonly<
  Record<string, (s: AuditState, r: ActivityRecord, e: ActivityEnd) => AuditEntry | undefined>
> = {
  planBulkJob: planned,
  startProviderJob: started,
  awaitProviderJob: segment,
  collectItemResults: collected,
  controlProviderJob: controlled,
  requestPermit: permitRequested,
  deliverCallback: callback,
};

/** The entry a finished activity adds (undefined for activities the audit does not report). */
export function activityEntry(state: AuditState, rec: ActivityRecord, end: ActivityEnd): AuditEntry | undefined {
  return BY_ACTIVITY[rec.activity]?.(state, rec, end);
}

/** The step of the batch an activity belongs to, for activities given up on by cancellation. */
export function stepOf(activity: string): 'start' | 'segment' | 'collect' | 'control' | undefined {
  const steps: Record<string, 'start' | 'segment' | 'collect' | 'control'> = {
    startProviderJob: 'start',
    awaitProviderJob: 'segment',
    collectItemResults: 'collect',
    controlProviderJob: 'control',
  };
  return steps[activity];
}
