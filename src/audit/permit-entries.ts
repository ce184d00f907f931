/**
 * The audit entries of a tenant permit asked for (`requestPermit`), as an activity task or as a local activity. Its
 * grant arrives as a signal (src/audit/signal-entries.ts), or, asked by update, in the request's own answer.
 */
import type { ActivityRecord, AuditState, ReadThrough } from './audit-state';
import { PermitAnswerSchema } from './recorded-activities';
import type { Ignored, PermitInputSchema, PermitRequestedSchema } from './recorded-activities';
import type { AuditEntry } from './timeline';

/** The batch a permit token (`<jobId>/batch-<n>`) is for. */
export function batchOfToken(token: string): number {
  return Number(/batch-(\d+)$/.exec(token)?.[1] ?? -1);
}

function permitEntry(state: AuditState, rec: ActivityRecord, key: string, token: string): AuditEntry {
  return { at: rec.scheduledAt, run: state.run, batch: batchOfToken(token), kind: 'permitRequested', key };
}

/** The request, and its grant when the semaphore answered `granted` at once (asked by update). */
function requestEntries(
  state: AuditState,
  rec: ActivityRecord,
  asked: { key: string; token: string; answer?: 'granted' | 'queued' | undefined; answeredAt?: string | undefined },
): AuditEntry[] {
  const requested = permitEntry(state, rec, asked.key, asked.token);
  if (asked.answer !== 'granted' || asked.answeredAt === undefined) return [requested];
  // A local activity's time is the worker's clock: never report a negative wait.
  const waitedMs = Math.max(0, Date.parse(asked.answeredAt) - Date.parse(rec.scheduledAt));
  const batch = batchOfToken(asked.token);
  // Granted here: a grant signal for the same token later (a repeated request) is not a second grant.
  state.permitsRequested.delete(asked.token);
  return [requested, { at: asked.answeredAt, run: state.run, batch, kind: 'permitGranted', waitedMs }];
}

/** `requestPermit` as an activity task: what it asked for is its input; its result may be the grant itself. */
export function permitRequested(
  state: AuditState,
  { rec, input, end }: ReadThrough<typeof PermitInputSchema, typeof Ignored>,
): AuditEntry[] {
  const token = input.request.token;
  if (end.kind === 'failed') return [permitEntry(state, rec, input.key, token)];
  // Requests recorded before permits were answered by update have no answer (or no result at all).
  const answer = PermitAnswerSchema.safeParse(end.result).data?.answer;
  return requestEntries(state, rec, { key: input.key, token, answer, answeredAt: end.at });
}

/**
 * `requestPermit` as a local activity: its result repeats what it asked for (history keeps no input); a failed one
 * asked for nothing the audit can name. Remembers the request, so its grant can tell how long the batch waited.
 */
export function localPermitRequested(
  state: AuditState,
  { rec, end }: ReadThrough<typeof Ignored, typeof PermitRequestedSchema>,
): AuditEntry[] | undefined {
  if (end.kind === 'failed') return undefined;
  const { key, token, answer } = end.result;
  state.permitsRequested.set(token, { batch: batchOfToken(token), at: rec.scheduledAt });
  return requestEntries(state, rec, { key, token, answer, answeredAt: end.at });
}
