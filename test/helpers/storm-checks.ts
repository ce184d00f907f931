/**
 * What a storm or soak run must show in the simulator's request log: Retry-After windows kept, permanent answers not
 * sent again, stalls not waited out, faults counted. Pure functions: each returns what it finds (empty when all is
 * well), so a test can print it. The ledger side is in ledger-checks.ts.
 */
import type { RequestLogEntry } from '../../src/simulator/request-log';

const DELTA_SECONDS = /^\d+$/;

/**
 * When the window an answer's `Retry-After` opened ends, in epoch ms on the simulator's clock, or `undefined` when the
 * answer carried none. Delta-seconds count from `answeredAt`, taken just before the answer was written, so no client
 * can have read it earlier. An HTTP-date names a whole second and the window ends exactly then: the client measures
 * the date against the answer's `Date` header, which Node writes as the current second rounded down, so the client's
 * wait is never shorter than the date asks (and both clocks are the same machine's here).
 */
export function windowEndOf(entry: RequestLogEntry): number | undefined {
  const value = entry.retryAfter?.trim();
  if (value === undefined || value === '') return undefined;
  if (DELTA_SECONDS.test(value)) return entry.answeredAt + Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? date : undefined;
}

/** A request sent about the same thing inside a `Retry-After` window. */
export interface WindowViolation {
  readonly answer: RequestLogEntry;
  readonly request: RequestLogEntry;
  /** How long before the window's end the request arrived. */
  readonly earlyByMs: number;
}

/**
 * Every request that arrived inside the window of an answer with `Retry-After` and is about the same subject. A request
 * that arrived before the answer was written, or in the same millisecond, was already in flight (Oracle's items are
 * read from /draft and /log at once) and cannot have obeyed it: it is not counted. Any request sent in reply to an
 * answer goes through Temporal first, which takes far longer than a millisecond.
 */
export function windowViolations(entries: readonly RequestLogEntry[]): WindowViolation[] {
  const violations: WindowViolation[] = [];
  const bySubject = groupBySubject(entries);
  for (const answer of entries) {
    const end = windowEndOf(answer);
    if (end === undefined) continue;
    for (const request of bySubject.get(answer.subject) ?? []) {
      if (request !== answer && request.receivedAt > answer.answeredAt && request.receivedAt < end) {
        violations.push({ answer, request, earlyByMs: end - request.receivedAt });
      }
    }
  }
  return violations;
}

/** Entries by subject, so the checks stay quick on a soak's tens of thousands of requests. */
function groupBySubject(entries: readonly RequestLogEntry[]): Map<string, RequestLogEntry[]> {
  const groups = new Map<string, RequestLogEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.subject);
    if (group) group.push(entry);
    else groups.set(entry.subject, [entry]);
  }
  return groups;
}

/** How many answers opened a `Retry-After` window, and the smallest margin by which a later request missed one. */
export function windowStats(entries: readonly RequestLogEntry[]): { windows: number; minMarginMs: number | undefined } {
  let windows = 0;
  let minMarginMs: number | undefined;
  const bySubject = groupBySubject(entries);
  for (const answer of entries) {
    const end = windowEndOf(answer);
    if (end === undefined) continue;
    windows += 1;
    const next = (bySubject.get(answer.subject) ?? [])
      .filter((e) => e !== answer && e.receivedAt > answer.answeredAt)
      .reduce<
        number | undefined
      >((min, e) => (min === undefined || e.receivedAt < min ? e.receivedAt : min), undefined);
    if (next !== undefined) minMarginMs = Math.min(minMarginMs ?? Infinity, next - end);
  }
  return { windows, minMarginMs };
}

/** Requests sent again after an answer of a permanent kind (`stormKind` in `permanent`) about the same subject. */
export function permanentRetries(
  entries: readonly RequestLogEntry[],
  permanent: ReadonlySet<string>,
): Array<{ answer: RequestLogEntry; request: RequestLogEntry }> {
  const retried: Array<{ answer: RequestLogEntry; request: RequestLogEntry }> = [];
  const bySubject = groupBySubject(entries);
  for (const answer of entries) {
    if (answer.stormKind === undefined || !permanent.has(answer.stormKind)) continue;
    for (const request of bySubject.get(answer.subject) ?? []) {
      if (request !== answer && request.receivedAt >= answer.answeredAt) {
        retried.push({ answer, request });
      }
    }
  }
  return retried;
}

/**
 * Stalled reads whose client was still connected when the stall ended: it waited the stall out instead of giving up
 * at its request timeout. (Whether the read was asked again before then is no evidence either way: after a few
 * failures the backoff alone can be longer than a stall.)
 */
export function stallsWaitedOut(entries: readonly RequestLogEntry[], stallKind: string): RequestLogEntry[] {
  return entries.filter(
    (stalled) =>
      stalled.stormKind === stallKind &&
      stalled.method === 'GET' &&
      (stalled.clientGoneAt === undefined || stalled.clientGoneAt >= stalled.answeredAt),
  );
}

/** Faults injected, by kind, from the log (what the storm's own counter says must agree). */
export function faultsByKind(entries: readonly RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of entries) if (e.stormKind !== undefined) counts[e.stormKind] = (counts[e.stormKind] ?? 0) + 1;
  return counts;
}

/** The injected-faults table printed by each run. */
export function faultTable(title: string, counts: Readonly<Record<string, number>>): string {
  const rows = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(4, ...rows.map(([name]) => name.length));
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  const line = (name: string, n: number | string): string => `  ${name.padEnd(width)}  ${String(n).padStart(6)}`;
  return [title, line('kind', 'faults'), ...rows.map(([name, n]) => line(name, n)), line('total', total), ''].join(
    '\n',
  );
}
