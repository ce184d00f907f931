/** What the signals a bulk job receives add to its audit: who asked for a pause, resume or cancel; permit waits. */
import type { AuditState } from './audit-state';
import type { HistoryFact } from './history-facts';
import { ControlSignalSchema, PermitGrantedSchema } from './recorded-workflow';
import type { AuditEntry } from './timeline';
import { readRecorded, unreadableEntry } from './unreadable';

const CONTROL_SIGNALS = new Set(['pause', 'resume', 'cancel']);

/** What a signal adds: who asked for a pause, resume or cancel; how long a granted permit was waited for. */
export function signalEntry(
  state: AuditState,
  fact: Extract<HistoryFact, { kind: 'signaled' }>,
): AuditEntry | undefined {
  const at = { at: fact.at, run: state.run };
  const unreadable = { ...at, eventId: fact.eventId, event: `${fact.name} signal` };
  if (CONTROL_SIGNALS.has(fact.name)) {
    const request = readRecorded(ControlSignalSchema, fact.input, 'input');
    if (!request.ok) return unreadableEntry(unreadable, request.issues);
    // A signal sent without a caller (e.g. from the Temporal CLI) is the sender's, as Temporal recorded it.
    return {
      ...at,
      kind: 'controlRequested',
      action: fact.name,
      requestedBy: request.value?.requestedBy ?? fact.identity,
    };
  }
  if (fact.name !== 'permitGranted') return undefined;
  const grant = readRecorded(PermitGrantedSchema, fact.input, 'input');
  if (!grant.ok) return unreadableEntry(unreadable, grant.issues);
  const requested = state.permitsRequested.get(grant.value.token);
  if (!requested) return undefined;
  // A local activity's time is the worker's clock, the signal's the server's: never report a negative wait.
  const waitedMs = Math.max(0, Date.parse(fact.at) - Date.parse(requested.at));
  return { ...at, batch: requested.batch, kind: 'permitGranted', waitedMs };
}
