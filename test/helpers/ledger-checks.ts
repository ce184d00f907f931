/**
 * What bulkflow reports against what the provider did, from a simulator's ledger. Pure: returns the disagreements
 * (empty when bulkflow's results and the ledger match exactly).
 */
import type { BulkJobResult, ItemOutcome } from '../../src/domain/job';
import type { LedgerJob, LedgerUser } from '../../src/simulator/ledger';

export interface LedgerCheck {
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
