/**
 * The audit entry of a tenant permit asked for (`requestPermit`), as an activity task or as a local activity. Its
 * grant arrives as a signal (src/audit/signal-entries.ts).
 */
import type { ActivityRecord, AuditState, ReadThrough } from './audit-state';
import type { Ignored, PermitInputSchema, PermitRequestedSchema } from './recorded-activities';
import type { AuditEntry } from './timeline';

/** The batch a permit token (`<jobId>/batch-<n>`) is for. */
export function batchOfToken(token: string): number {
  return Number(/batch-(\d+)$/.exec(token)?.[1] ?? -1);
}

function permitEntry(state: AuditState, rec: ActivityRecord, key: string, token: string): AuditEntry {
  return { at: rec.scheduledAt, run: state.run, batch: batchOfToken(token), kind: 'permitRequested', key };
}

/** `requestPermit` as an activity task: what it asked for is its input. */
export function permitRequested(
  state: AuditState,
  { rec, input }: ReadThrough<typeof PermitInputSchema, typeof Ignored>,
): AuditEntry {
  return permitEntry(state, rec, input.key, input.request.token);
}

/**
 * `requestPermit` as a local activity: its result repeats what it asked for (history keeps no input); a failed one
 * asked for nothing the audit can name. Remembers the request, so its grant can tell how long the batch waited.
 */
export function localPermitRequested(
  state: AuditState,
  { rec, end }: ReadThrough<typeof Ignored, typeof PermitRequestedSchema>,
): AuditEntry | undefined {
  if (end.kind === 'failed') return undefined;
  const { key, token } = end.result;
  state.permitsRequested.set(token, { batch: batchOfToken(token), at: rec.scheduledAt });
  return permitEntry(state, rec, key, token);
}
