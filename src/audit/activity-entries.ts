/**
 * What each finished activity of a bulk job means for the audit: the entry it adds, and what it changes in the
 * per-provider-job summaries. Inputs and results arrive here already read through their schemas
 * (src/audit/recorded-activities.ts, dispatched by src/audit/activity-readers.ts).
 */
import type { AnswerKind } from '../domain/job';
import type { JobWarningRecord } from './job-warning';
import type {
  AwaitInputSchema,
  AwaitResultSchema,
  CollectInputSchema,
  CollectResultSchema,
  ControlInputSchema,
  RecordedPlan,
  RecordedPollStats,
  StartInputSchema,
  StartResultSchema,
  Ignored,
} from './recorded-activities';
import type { AuditState, ReadActivity, ReadThrough } from './audit-state';
import type { AuditEntry } from './timeline';

type Answers = Record<AnswerKind, number>;
function answers(a: Answers, b: Answers, sign: 1 | -1): Answers {
  return {
    running: a.running + sign * b.running,
    done: a.done + sign * b.done,
    locked: a.locked + sign * b.locked,
    rateLimited: a.rateLimited + sign * b.rateLimited,
    transient: a.transient + sign * b.transient,
  };
}

/** What one segment added: its stats less those carried into it. */
function subtract(after: RecordedPollStats, before: RecordedPollStats): RecordedPollStats {
  return {
    polls: after.polls - before.polls,
    answers: answers(after.answers, before.answers, -1),
    waitedOnRetryAfterMs: after.waitedOnRetryAfterMs - before.waitedOnRetryAfterMs,
  };
}

function codeAndMessage(item: { code?: string | undefined; message?: string | undefined }) {
  return {
    ...(item.code !== undefined ? { code: item.code } : {}),
    ...(item.message !== undefined ? { message: item.message } : {}),
  };
}

export function started(
  state: AuditState,
  { rec, input, end }: ReadThrough<typeof StartInputSchema, typeof StartResultSchema>,
): AuditEntry {
  const batch = input.batch.index;
  const at = { at: end.at, run: state.run, batch, ...rec.attempts };
  if (end.kind === 'failed') {
    for (const ref of input.batch.itemRefs)
      state.failures.push({ batch, ref, code: end.error.type, message: end.error.message });
    return { ...at, kind: 'startFailed', error: end.error };
  }
  const result = end.result;
  if (result.kind === 'validated') {
    const failed = result.items.filter((i) => i.outcome === 'failed');
    for (const item of failed) state.failures.push({ batch, ref: item.ref, ...codeAndMessage(item) });
    const warnings = keepWarnings(state, result.warnings);
    return { ...at, kind: 'batchValidated', items: result.items.length, failed: failed.length, ...warnings };
  }
  const { providerJobId, startedAt, reused } = result;
  state.providerJobs.set(batch, {
    batch,
    id: providerJobId,
    startedAt,
    state: 'running',
    segments: 0,
    polls: 0,
    answers: { running: 0, done: 0, locked: 0, rateLimited: 0, transient: 0 },
    waitedOnRetryAfterMs: 0,
  });
  return { ...at, kind: 'providerJobStarted', providerJobId, startedAt, reused };
}

export function segment(
  state: AuditState,
  { rec, input, end }: ReadThrough<typeof AwaitInputSchema, typeof AwaitResultSchema>,
): AuditEntry {
  const batch = input.batch.index;
  const base = { at: end.at, run: state.run, batch, providerJobId: input.providerJobId };
  if (end.kind === 'failed') return { ...base, kind: 'segmentFailed', error: end.error };
  const { snapshot, stats } = end.result;
  const delta = subtract(stats, input.carried);
  const n = (state.segments.get(batch) ?? 0) + 1;
  state.segments.set(batch, n);
  const job = state.providerJobs.get(batch);
  if (job) {
    job.segments += 1;
    job.polls += delta.polls;
    job.answers = answers(job.answers, delta.answers, 1);
    job.waitedOnRetryAfterMs += delta.waitedOnRetryAfterMs;
    if (snapshot) {
      job.state = snapshot.state;
      job.providerStatus = snapshot.providerStatus;
      if (snapshot.state !== 'running') job.finishedAt = end.at;
    }
  }
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

export function collected(
  state: AuditState,
  { input, end }: ReadThrough<typeof CollectInputSchema, typeof CollectResultSchema>,
): AuditEntry {
  const batch = input.batch.index;
  const base = { at: end.at, run: state.run, batch, providerJobId: input.providerJobId };
  if (end.kind === 'failed') return { ...base, kind: 'collectFailed', error: end.error };
  const { items, attachments } = end.result;
  const count = (outcome: string) => items.filter((i) => i.outcome === outcome).length;
  for (const item of items.filter((i) => i.outcome === 'failed')) {
    state.failures.push({ batch, ref: item.ref, ...codeAndMessage(item) });
  }
  return {
    ...base,
    kind: 'collected',
    succeeded: count('succeeded'),
    failed: count('failed'),
    skipped: count('skipped'),
    attachments: (attachments ?? []).map((a) => a.name),
    ...keepWarnings(state, end.result.warnings),
  };
}

/** Keeps an activity's warnings for the timeline; the entry's `warnings` count when there are some. */
function keepWarnings(state: AuditState, warnings: readonly JobWarningRecord[] | undefined): { warnings?: number } {
  if (!warnings?.length) return {};
  state.warnings.push(...warnings);
  return { warnings: warnings.length };
}

export function controlled(
  state: AuditState,
  { input, end }: ReadThrough<typeof ControlInputSchema, typeof Ignored>,
): AuditEntry {
  return {
    at: end.at,
    run: state.run,
    batch: input.batch.index,
    kind: 'providerJobControlled',
    providerJobId: input.providerJobId,
    action: input.action,
    ...(end.kind === 'failed' ? { error: end.error } : {}),
  };
}

export function planned(state: AuditState, { rec, end }: ReadActivity<unknown, RecordedPlan>): AuditEntry {
  if (end.kind === 'failed')
    return { at: end.at, run: state.run, kind: 'planFailed', error: end.error, ...rec.attempts };
  const plan = end.result;
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

export function callback(state: AuditState, { end }: ReadActivity<unknown, unknown>): AuditEntry {
  const base = { at: end.at, run: state.run, kind: 'callback' as const };
  return end.kind === 'failed' ? { ...base, delivered: false, error: end.error } : { ...base, delivered: true };
}
