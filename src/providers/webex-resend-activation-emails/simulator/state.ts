/**
 * Simulated activation-email jobs: the report step lists the org's users (first half of the progression), then the
 * users are processed in report order (second half). Deterministic under `pollsToComplete`.
 */
import { progressShare } from '../../../simulator/progression';
import { randomUUID } from 'node:crypto';
import {
  populationOf,
  progressionOf,
  type SimProgression,
  type SimUserOutcome,
  type WebexResendActivationEmailsSimConfig,
} from './config';
import { simTrackingId, webexId } from './ids';

export interface SimResendJob {
  readonly id: string;
  readonly orgId: string;
  readonly trackingId: string;
  readonly instanceId: number;
  readonly executionId: number;
  readonly createdAt: number;
  readonly users: readonly SimUserOutcome[];
  readonly progression: SimProgression;
  readonly failJob: boolean;
  readonly allowAdminInviteEmails: boolean;
  /** Status reads counted towards `pollsToComplete`. */
  reads: number;
  /** When the report step was first seen finished. */
  reportEndedAt?: number;
  /** When the job was first seen finished. */
  endedAt?: number;
}

/** A job's state as the wire shows it. */
export interface SimJobView {
  readonly status: string;
  readonly exitCode: string;
  /** `running` until the report step ends, then its end. */
  readonly report: 'pending' | 'running' | 'completed' | 'failed';
  readonly totalUsers: number;
  readonly processed: number;
  readonly sent: number;
  readonly failed: number;
  readonly skipped: number;
  readonly terminal: boolean;
}

let nextNumber = 2;

/** Creates a job for `orgId` at `now` under `config`. */
export function createSimJob(orgId: string, config: WebexResendActivationEmailsSimConfig, now: number): SimResendJob {
  nextNumber += 1;
  return {
    id: webexId('JOB_ID', randomUUID()),
    orgId,
    trackingId: simTrackingId(),
    instanceId: nextNumber,
    executionId: nextNumber,
    createdAt: now,
    users: populationOf(config),
    progression: progressionOf(config),
    failJob: config.failJob ?? false,
    allowAdminInviteEmails: config.allowAdminInviteEmails ?? true,
    reads: 0,
  };
}

/** Records one status read (it advances a polls-driven job until it ends). */
export function recordStatusRead(job: SimResendJob): void {
  if (job.endedAt === undefined) job.reads += 1;
}

/** Progress in [0, 1]: the report step ends at 0.5, the job at 1. */
export function progressOf(job: SimResendJob, now: number): number {
  if (job.endedAt !== undefined) return 1;
  return progressShare(job.progression, job.reads, now - job.createdAt);
}

/** The job as seen at `now`; records when its report step and the job are first seen finished. */
export function viewOf(job: SimResendJob, now: number): SimJobView {
  const f = progressOf(job, now);
  if (f >= 0.5) job.reportEndedAt ??= now;
  if (job.failJob && f >= 0.5) {
    job.endedAt ??= now;
    const zero = { totalUsers: 0, processed: 0, sent: 0, failed: 0, skipped: 0 };
    return { ...zero, status: 'FAILED', exitCode: 'FAILED', report: 'failed', terminal: true };
  }
  const total = f >= 0.5 ? job.users.length : 0;
  const processed = f >= 1 ? total : Math.floor(Math.max(0, f - 0.5) * 2 * total);
  const done = job.users.slice(0, processed);
  const failed = done.filter((u) => u === 'failed').length;
  const skipped = done.filter((u) => u === 'skipped').length;
  const counts = { totalUsers: total, processed, sent: processed - failed - skipped, failed, skipped };
  if (f < 1) {
    const status = f === 0 && job.reads === 0 ? 'STARTING' : 'STARTED';
    const report = f === 0 ? 'pending' : f < 0.5 ? 'running' : 'completed';
    return { ...counts, status, exitCode: 'UNKNOWN', report, terminal: false };
  }
  job.endedAt ??= now;
  // A skip alone is no error: the documented example ends COMPLETED / COMPLETED with one user skipped.
  const exitCode = failed > 0 ? 'COMPLETED_WITH_ERRORS' : 'COMPLETED';
  return { ...counts, status: 'COMPLETED', exitCode, report: 'completed', terminal: true };
}

/** The processed users the errors endpoint lists (failed or skipped), with their 0-based index in the report. */
export function listedErrors(job: SimResendJob, view: SimJobView): Array<{ index: number; outcome: SimUserOutcome }> {
  const listed: Array<{ index: number; outcome: SimUserOutcome }> = [];
  for (let i = 0; i < view.processed; i += 1) {
    const outcome = job.users[i];
    if (outcome !== undefined && outcome !== 'sent') listed.push({ index: i, outcome });
  }
  return listed;
}
