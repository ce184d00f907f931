/**
 * What a storm or soak run must show, checked from the simulator's request log and ledger against bulkflow's
 * results. Pure functions: each returns the problems it finds (empty when all is well), so a test can print them.
 */
import type { BulkJobResult, ItemOutcome } from '../../src/domain/job';
import type { LedgerJob, LedgerUser } from '../../src/simulator/ledger';
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
 * Every request that arrived inside the window of an answer with `Retry-After` and is about the same subject. Requests
 * that arrived before the answer was sent cannot have obeyed it and are not counted.
 */
export function windowViolations(entries: readonly RequestLogEntry[]): WindowViolation[] {
  const violations: WindowViolation[] = [];
  const bySubject = groupBySubject(entries);
  for (const answer of entries) {
    const end = windowEndOf(answer);
    if (end === undefined) continue;
    for (const request of bySubject.get(answer.subject) ?? []) {
      if (request !== answer && request.receivedAt >= answer.answeredAt && request.receivedAt < end) {
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
      .filter((e) => e !== answer && e.receivedAt >= answer.answeredAt)
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

/** Stalled reads whose subject was not asked again before the stall ended: the client waited the stall out. */
export function stallsWaitedOut(entries: readonly RequestLogEntry[], stallKind: string): RequestLogEntry[] {
  const bySubject = groupBySubject(entries);
  return entries.filter(
    (stalled) =>
      stalled.stormKind === stallKind &&
      stalled.method === 'GET' &&
      !(bySubject.get(stalled.subject) ?? []).some(
        (e) => e.receivedAt > stalled.receivedAt && e.receivedAt < stalled.answeredAt,
      ),
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

interface LedgerCheck {
  readonly results: readonly BulkJobResult[];
  readonly ledger: readonly LedgerJob[];
  /** Error types with which the items of a batch refused at its start fail (nothing was done at the provider). */
  readonly refusalErrors: ReadonlySet<string>;
  /** The operation's batches name no users (a whole org): compare counts and the listed failures only. */
  readonly wholeTenant?: boolean;
  /** Users of jobs that stopped loudly (`AmbiguousStartError`): a provider job of only these may go unreported. */
  readonly unreported?: ReadonlySet<string>;
}

/**
 * What bulkflow reports against what the provider did: every provider job in a result was accepted once, finished,
 * and each of its users has the outcome the provider gave; every item outside those jobs failed with a refusal and
 * was never processed; every job the provider accepted is in exactly one result; no user was processed twice; each
 * result's counts add up and its state follows them.
 */
export function ledgerMismatches({
  results,
  ledger,
  refusalErrors,
  wholeTenant = false,
  unreported = new Set(),
}: LedgerCheck): string[] {
  const problems: string[] = [];
  const byId = new Map(ledger.map((job) => [job.id, job]));
  const reported = new Set<string>();
  for (const result of results) {
    const refs = new Set<string>();
    for (const record of result.providerJobs) {
      const job = byId.get(record.id);
      if (!job) problems.push(`${result.jobId}: provider job ${record.id} is not in the provider's ledger`);
      else if (reported.has(record.id)) problems.push(`${result.jobId}: provider job ${record.id} reported twice`);
      else {
        reported.add(record.id);
        if (!job.finished) problems.push(`${result.jobId}: provider job ${record.id} has not finished`);
        problems.push(...compareUsers(result, job, wholeTenant));
        for (const user of job.users) refs.add(user.ref);
      }
    }
    if (!wholeTenant) problems.push(...refusedItems(result, refs, refusalErrors));
    if (wholeTenant && result.providerJobs.length === 0) problems.push(...refusedWholeTenant(result, refusalErrors));
    else problems.push(...countProblems(result));
  }
  for (const job of ledger) {
    if (reported.has(job.id)) continue;
    if (job.users.length > 0 && job.users.every((u) => unreported.has(u.ref))) continue;
    problems.push(`the provider ran job ${job.id}, which no result reports`);
  }
  if (!wholeTenant) problems.push(...usersProcessedTwice(ledger));
  return problems;
}

function compareUsers(result: BulkJobResult, job: LedgerJob, wholeTenant: boolean): string[] {
  const items = new Map(result.items.map((item) => [item.ref, item]));
  const problems: string[] = [];
  for (const user of job.users) {
    const item = items.get(user.ref);
    if (wholeTenant && user.outcome === 'succeeded') {
      if (item)
        problems.push(`${result.jobId}: ${user.ref} succeeded at the provider but is listed as ${item.outcome}`);
      continue;
    }
    if (!item || item.outcome !== user.outcome) problems.push(mismatch(result.jobId, job.id, user, item));
  }
  if (wholeTenant) {
    const tally = tallyOf(job.users.map((u) => u.outcome));
    const counts = result.providerJobs.find((r) => r.id === job.id)?.counts;
    if (JSON.stringify(counts) !== JSON.stringify(tally)) {
      problems.push(
        `${result.jobId}: counts ${JSON.stringify(counts)} of job ${job.id}, provider ${JSON.stringify(tally)}`,
      );
    }
  }
  return problems;
}

function mismatch(jobId: string, providerJobId: string, user: LedgerUser, item: ItemOutcome | undefined): string {
  const said = item ? item.outcome : 'nothing';
  return `${jobId}: ${user.ref} ${user.outcome} at the provider (job ${providerJobId}), bulkflow says ${said}`;
}

/** Items of batches refused at their start: failed, and the job's error is the refusal. */
function refusedItems(result: BulkJobResult, inProviderJobs: ReadonlySet<string>, refusals: ReadonlySet<string>) {
  const refused = result.items.filter((item) => !inProviderJobs.has(item.ref));
  const problems = refused
    .filter((item) => item.outcome !== 'failed')
    .map((item) => `${result.jobId}: ${item.ref} is in no provider job but ${item.outcome}`);
  if (refused.length > 0 && !refusals.has(result.error?.type ?? '')) {
    problems.push(`${result.jobId}: items in no provider job, but the job's error is ${result.error?.type ?? 'none'}`);
  }
  return problems;
}

/** A whole-tenant job refused at its start: nothing to count, so it fails with the refusal. */
function refusedWholeTenant(result: BulkJobResult, refusals: ReadonlySet<string>): string[] {
  if (result.state === 'failed' && result.error !== undefined && refusals.has(result.error.type)) return [];
  return [`${result.jobId}: refused at its start but ${result.state} (${result.error?.type ?? 'no error'})`];
}

function tallyOf(outcomes: readonly string[]) {
  const count = (o: string): number => outcomes.filter((x) => x === o).length;
  return {
    total: outcomes.length,
    succeeded: count('succeeded'),
    failed: count('failed'),
    skipped: count('skipped'),
    pending: count('pending'),
  };
}

function countProblems(result: BulkJobResult): string[] {
  const { total, succeeded, failed, skipped, pending } = result.counts;
  const problems: string[] = [];
  if (total !== succeeded + failed + skipped + pending) problems.push(`${result.jobId}: counts do not add up`);
  const expected = failed === 0 && pending === 0 ? 'succeeded' : succeeded + skipped === 0 ? 'failed' : 'partial';
  if (result.state !== expected) problems.push(`${result.jobId}: state ${result.state}, its counts say ${expected}`);
  return problems;
}

function usersProcessedTwice(ledger: readonly LedgerJob[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const job of ledger) {
    for (const user of job.users) {
      const first = seen.get(user.ref);
      if (first !== undefined) problems.push(`${user.ref} is in provider jobs ${first} and ${job.id}`);
      else seen.set(user.ref, job.id);
    }
  }
  return problems;
}
