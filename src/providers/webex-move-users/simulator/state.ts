/** Simulated Move Users jobs: creation, deterministic progression, pause / resume / abandon. */
import { progressShare } from '../../../simulator/progression';
import { randomUUID } from 'node:crypto';
import { newTrackingId } from '../../../simulator/webex-error';
import { isFailingUser, progressionOf, type SimProgression, type WebexMoveUsersSimConfig } from './config';
import { webexId } from './ids';

export interface SimMoveUser {
  readonly userId: string;
  readonly locationId: string;
  readonly fails: boolean;
}

/** One execution; a resume starts a new one, as Spring Batch does. */
export interface SimExecution {
  readonly id: number;
  readonly createdAt: number;
  endedAt?: number;
}

export interface SimMoveJob {
  readonly id: string;
  readonly orgId: string;
  readonly trackingId: string;
  readonly instanceId: number;
  readonly users: readonly SimMoveUser[];
  readonly progression: SimProgression;
  readonly executions: SimExecution[];
  readonly csvFile: string;
  /** Another caller's job (a scenario switch): it runs until a test ends it, and is in no ledger. */
  readonly foreign?: true;
  phase: 'active' | 'paused' | 'abandoned';
  /** Status reads counted towards `pollsToComplete`. */
  reads: number;
  /** Un-paused time accrued before `activeSince`. */
  activeMs: number;
  activeSince: number | undefined;
  completedAt?: number;
}

/** A job's state as the wire shows it. */
export interface SimJobView {
  readonly status: string;
  readonly exitCode: string;
  readonly moved: number;
  readonly failed: number;
  readonly processed: number;
  readonly terminal: boolean;
}

let nextNumber = 10;

/** Creates a job for `users` at `now`. */
export function createSimJob(
  orgId: string,
  users: readonly Omit<SimMoveUser, 'fails'>[],
  config: WebexMoveUsersSimConfig,
  now: number,
): SimMoveJob {
  nextNumber += 1;
  return {
    id: webexId('JOB_ID'),
    orgId,
    trackingId: newTrackingId(),
    instanceId: nextNumber,
    users: users.map((u) => ({ ...u, fails: isFailingUser(u.userId, config) })),
    progression: progressionOf(config),
    executions: [{ id: nextNumber, createdAt: now }],
    csvFile: `${randomUUID()}/${randomUUID()}_${randomUUID().replace(/-/g, '')}`,
    phase: 'active',
    reads: 0,
    activeMs: 0,
    activeSince: now,
  };
}

/** Another caller's job in `orgId`, running until `endForeignJob`. */
export function createForeignJob(orgId: string, config: WebexMoveUsersSimConfig, now: number): SimMoveJob {
  const user = { userId: webexId('PEOPLE'), locationId: webexId('LOCATION') };
  return { ...createSimJob(orgId, [user], config, now), foreign: true };
}

/** Ends another caller's job at `now`: it completed, moving its user. */
export function endForeignJob(job: SimMoveJob, now: number): void {
  if (job.completedAt === undefined) complete(job, now);
}

/** True while the job is not finished (paused included). */
export function isRunning(job: SimMoveJob, now: number): boolean {
  return !viewOf(job, now).terminal;
}

/** Users processed so far (moved or failed), in request order. */
export function processedCount(job: SimMoveJob, now: number): number {
  const total = job.users.length;
  if (job.completedAt !== undefined) return total;
  if (job.foreign) return 0;
  const activeMs = job.activeMs + (job.activeSince === undefined ? 0 : now - job.activeSince);
  return Math.floor(progressShare(job.progression, job.reads, activeMs) * total);
}

/** Records one status read (it advances a polls-driven job unless paused or finished). */
export function recordStatusRead(job: SimMoveJob): void {
  if (job.phase === 'active' && job.completedAt === undefined) job.reads += 1;
}

/** The job as seen at `now`; marks it completed the first time it is seen complete. */
export function viewOf(job: SimMoveJob, now: number, pausedStatus = 'STOPPING'): SimJobView {
  const processed = processedCount(job, now);
  const failed = job.users.slice(0, processed).filter((u) => u.fails).length;
  const moved = processed - failed;
  const base = { moved, failed, processed };
  if (job.phase === 'abandoned') return { ...base, status: 'ABANDONED', exitCode: 'STOPPED', terminal: true };
  if (job.phase === 'paused') return { ...base, status: pausedStatus, exitCode: 'UNKNOWN', terminal: false };
  if (processed < job.users.length) {
    const status = processed === 0 && job.reads === 0 ? 'STARTING' : 'STARTED';
    return { ...base, status, exitCode: 'UNKNOWN', terminal: false };
  }
  if (job.completedAt === undefined) complete(job, now);
  if (failed === 0) return { ...base, status: 'COMPLETED', exitCode: 'COMPLETED', terminal: true };
  if (moved === 0) return { ...base, status: 'FAILED', exitCode: 'FAILED', terminal: true };
  return { ...base, status: 'COMPLETED', exitCode: 'COMPLETED_WITH_ERRORS', terminal: true };
}

function complete(job: SimMoveJob, now: number): void {
  job.completedAt = now;
  accrue(job, now);
  const current = job.executions.at(-1);
  if (current) current.endedAt = now;
}

function accrue(job: SimMoveJob, now: number): void {
  if (job.activeSince !== undefined) job.activeMs += now - job.activeSince;
  job.activeSince = undefined;
}

/** Outcome of an action: `ok`, or why it conflicts with the job's state. */
export type SimActionResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Applies pause / resume / abandon at `now`. */
export function applyAction(job: SimMoveJob, action: 'pause' | 'resume' | 'abandon', now: number): SimActionResult {
  if (viewOf(job, now).terminal) return { ok: false, reason: `Job is already finished; cannot ${action} it.` };
  switch (action) {
    case 'pause':
      if (job.phase === 'active') accrue(job, now);
      job.phase = 'paused';
      return { ok: true };
    case 'resume':
      if (job.phase !== 'paused') return { ok: false, reason: 'Job is not paused; cannot resume it.' };
      job.phase = 'active';
      job.activeSince = now;
      closeExecution(job, now);
      nextNumber += 1;
      job.executions.push({ id: nextNumber, createdAt: now });
      return { ok: true };
    case 'abandon':
      accrue(job, now);
      job.phase = 'abandoned';
      closeExecution(job, now);
      return { ok: true };
  }
}

function closeExecution(job: SimMoveJob, now: number): void {
  const current = job.executions.at(-1);
  if (current && current.endedAt === undefined) current.endedAt = now;
}
