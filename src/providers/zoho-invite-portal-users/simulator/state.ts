/** Simulated portal invite jobs: creation (record outcomes decided in request order) and progression. */
import { progressShare } from '../../../simulator/progression';
import type { PortalInviteRecordResult } from '../schemas';
import { isFailingRecord, progressionOf, type SimProgression, type ZohoInvitePortalUsersSimConfig } from './config';
import type { SimRequestedRecord } from './validation';

export interface SimInviteJob {
  /** 19 digits, above 2^53 like Zoho's, so the adapter's precision is exercised on every job. */
  readonly id: string;
  readonly version: string;
  readonly module: string;
  readonly createdAt: number;
  readonly records: readonly SimRequestedRecord[];
  /** What `data` shows once the job is completed, one entry per record in request order. */
  readonly results: readonly PortalInviteRecordResult[];
  readonly progression: SimProgression;
  /** Status reads (by job_id or in the listing) counted towards `pollsToComplete`. */
  reads: number;
}

/** The simulator's mutable state. */
export interface SimStore {
  /** Insertion order = creation order. */
  readonly jobs: Map<string, SimInviteJob>;
  /** Records invited so far, per module. */
  readonly invited: Map<string, Set<string>>;
  config: ZohoInvitePortalUsersSimConfig;
  /** Requests being answered, for the concurrency limit; shared by every store of one simulator (a reset does not end them). */
  readonly requests: { inFlight: number };
}

/** Zoho's documented per-record messages (docs/contracts.md#zohoinviteportalusers-status-vocabulary). */
export const SIM_MESSAGES = {
  invited: 'An Invite has been sent to the personality.',
  reinvited: 'Invite has been resent to personality',
  invalidType: 'Invalid type for the portal invite',
  alreadyInvited: 'The personality is already invited to the portal. Use reinvite to send the invite again.',
  notEligible: 'The personality cannot be invited to the portal.',
} as const;

// Zoho-looking ids: an org prefix and a sequence, as in the documented examples (5020928000002387005, …7007…).
let nextSequence = 2_387_005n;

/** A new job id, unique within the process. */
export function newJobId(): string {
  nextSequence += 2n;
  return (5_020_928_000_000_000_000n + nextSequence).toString();
}

/** Creates a job for `records` at `now`, deciding each record's outcome and recording the invites. */
export function createSimJob(
  store: SimStore,
  target: { version: string; module: string },
  records: readonly SimRequestedRecord[],
  now: number,
): SimInviteJob {
  const invited = store.invited.get(target.module) ?? new Set(store.config.preInvited ?? []);
  store.invited.set(target.module, invited);
  const results = records.map((record) => outcomeOf(record, invited, store.config));
  return {
    id: newJobId(),
    ...target,
    createdAt: now,
    records,
    results,
    progression: progressionOf(store.config),
    reads: 0,
  };
}

function outcomeOf(
  record: SimRequestedRecord,
  invited: Set<string>,
  config: ZohoInvitePortalUsersSimConfig,
): PortalInviteRecordResult {
  // As in the documented example, a record Zoho could not take is reported with empty details.
  if (record.type !== 'invite' && record.type !== 'reinvite') return failure({}, SIM_MESSAGES.invalidType);
  const details = { id: record.id };
  if (isFailingRecord(record.id, config)) return failure(details, SIM_MESSAGES.notEligible);
  if (record.type === 'invite' && invited.has(record.id)) return failure(details, SIM_MESSAGES.alreadyInvited);
  invited.add(record.id);
  const message = record.type === 'invite' ? SIM_MESSAGES.invited : SIM_MESSAGES.reinvited;
  return { details, code: 'SUCCESS', message, status: 'success' };
}

function failure(details: { id?: string }, message: string): PortalInviteRecordResult {
  return { details, code: 'CANNOT_PROCESS', message, status: 'error' };
}

/** Records one status read of the job (it advances a polls-driven job). */
export function recordRead(job: SimInviteJob): void {
  if (!isCompleted(job, Date.now())) job.reads += 1;
}

/** True when the job is completed at `now`. */
export function isCompleted(job: SimInviteJob, now: number): boolean {
  return progressShare(job.progression, job.reads, now - job.createdAt) >= 1;
}
