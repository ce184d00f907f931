/** Simulated user jobs: per-user results fixed at creation, deterministic progression, and the user directory. */
import { progressShare } from '../../../simulator/progression';
import { INVALID_EMAIL_DOMAIN, progressionOf, type OracleSyncUsersSimConfig, type SimProgression } from './config';
import type { SimRequestLists, SimRequestUser } from './validation';

/** One user of a job, in processing order (added, modified, deleted), with the result it will get. */
export interface SimJobEntry {
  readonly list: 'added' | 'modified' | 'deleted';
  readonly loginId: string;
  /** The request's `UserRO` (added / modified only). */
  readonly user?: SimRequestUser;
  /** False: reported failed (`statusInfoOK: false`, or in `deleteFailed`). */
  readonly statusInfoOK: boolean;
  readonly statusInfo: string;
}

export interface SimUserJob {
  readonly id: string;
  /** API version the job was started on (`v1` Basic, `v3` Bearer). */
  readonly version: 'v1' | 'v3';
  readonly entries: readonly SimJobEntry[];
  readonly exception?: NonNullable<OracleSyncUsersSimConfig['jobException']>;
  readonly progression: SimProgression;
  readonly createdAt: number;
  /** Status reads counted towards `pollsToComplete`. */
  reads: number;
}

/** The simulator's mutable state. */
export interface SimStore {
  /** Insertion order = creation order. */
  readonly jobs: Map<string, SimUserJob>;
  /** Lower-cased login ids of the users that exist. */
  readonly directory: Set<string>;
  config: OracleSyncUsersSimConfig;
  /** The next job id; shared by every store of one simulator, so ids keep counting across resets. */
  readonly jobNumbers: { next: number };
}

/** The first job id, as in the docs' walkthrough ("assume the response is 95733"). */
export const FIRST_JOB_NUMBER = 95733;

/** Creates a job for an accepted request and applies its effects to the directory. */
export function createSimJob(store: SimStore, lists: SimRequestLists, version: 'v1' | 'v3', now: number): SimUserJob {
  const { config } = store;
  const entries: SimJobEntry[] = [
    ...lists.added.map((user) => upsertEntry('added', user, config)),
    ...lists.modified.map((user) => upsertEntry('modified', user, config)),
    ...lists.deleted.map((loginId) => deleteEntry(loginId, store)),
  ];
  const processedAtAll = config.jobException ? entries.slice(0, config.jobException.afterUsers) : entries;
  for (const entry of processedAtAll.filter((e) => e.statusInfoOK)) {
    if (entry.list === 'deleted') store.directory.delete(entry.loginId.toLowerCase());
    else store.directory.add(entry.loginId.toLowerCase());
  }
  const id = String(store.jobNumbers.next);
  store.jobNumbers.next += 1;
  const job: SimUserJob = {
    id,
    version,
    entries,
    ...(config.jobException ? { exception: config.jobException } : {}),
    progression: progressionOf(config),
    createdAt: now,
    reads: 0,
  };
  store.jobs.set(id, job);
  return job;
}

function upsertEntry(list: 'added' | 'modified', user: SimRequestUser, config: OracleSyncUsersSimConfig): SimJobEntry {
  const base = { list, loginId: user.loginId, user };
  const verb = list === 'added' ? 'creation' : 'update';
  if (user.loginId.includes('FAIL') || (config.failUsers ?? []).includes(user.loginId)) {
    return { ...base, statusInfoOK: false, statusInfo: `User ${verb} failed: rejected by the identity store` };
  }
  const domain = user.emailAddress?.split('@').at(-1)?.toLowerCase();
  if (domain === INVALID_EMAIL_DOMAIN) {
    return { ...base, statusInfoOK: false, statusInfo: `User ${verb} failed: invalid email address domain ${domain}` };
  }
  // Oracle's own example of a result message; whether it comes with statusInfoOK true is UNCONFIRMED.
  if (user.loginId.includes('NOACCESS')) {
    return { ...base, statusInfoOK: true, statusInfo: 'User created, but Application Access failed' };
  }
  return { ...base, statusInfoOK: true, statusInfo: list === 'added' ? 'User created' : 'User updated' };
}

function deleteEntry(loginId: string, store: SimStore): SimJobEntry {
  const base = { list: 'deleted' as const, loginId };
  if (loginId.includes('FAIL')) return { ...base, statusInfoOK: false, statusInfo: 'User deletion failed' };
  const known = store.directory.has(loginId.toLowerCase());
  return known
    ? { ...base, statusInfoOK: true, statusInfo: 'User deleted' }
    : { ...base, statusInfoOK: false, statusInfo: `User ${loginId} not found` };
}

/** Records one status read (it advances a polls-driven job until complete). */
export function recordStatusRead(job: SimUserJob, now: number): void {
  if (!isComplete(job, now)) job.reads += 1;
}

/** Fraction of the job's duration or reads done, capped at 1. */
function progress(job: SimUserJob, now: number): number {
  return progressShare(job.progression, job.reads, now - job.createdAt);
}

export function isComplete(job: SimUserJob, now: number): boolean {
  return progress(job, now) >= 1;
}

/** Users processed so far (a job-level exception stops processing after `afterUsers`). */
export function processedCount(job: SimUserJob, now: number): number {
  const limit = Math.min(job.entries.length, job.exception?.afterUsers ?? job.entries.length);
  return Math.floor(progress(job, now) * limit);
}

/** True when a job other than a finished one exists: Oracle then refuses another create job. */
export function hasRunningJob(store: SimStore, now: number): boolean {
  return [...store.jobs.values()].some((job) => !isComplete(job, now));
}
