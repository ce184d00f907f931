/**
 * Renders simulated jobs in the exact wire shapes of docs/contracts.md#webexresendactivationemails-payloads (the
 * fixtures' field set and formats).
 */
import type {
  ActivationEmailsErrorItem,
  ActivationEmailsJob,
  ActivationEmailsJobExecution,
  ActivationEmailsStepExecution,
} from '../schemas';
import { ALREADY_INVITED_CODE } from '../schemas';
import { renderJobEnvelope } from '../../webex-jobs/simulator/render';
import { iso, isoDuration, SIM_ADMIN_ID, SIM_ADMIN_UUID, simUserEmail, simUserUuid } from './ids';
import type { SimJobView, SimResendJob } from './state';
import type { SimUserOutcome } from './config';

export const REPORT_STEP = 'resendinviteemailGenerateUserReport';
export const PROCESS_STEP = 'resendinviteemailProcessUsersFromReport';

/** The code the simulator gives a user whose e-mail failed (simulator-made: Webex documents no such code). */
export const SIM_SEND_FAILED_CODE = 'SIM-RESEND-FAILED';

/** The job body of the start (202) and status (200) answers. */
export function renderJob(job: SimResendJob, view: SimJobView, now: number): ActivationEmailsJob {
  return {
    ...renderJobEnvelope(job, {
      name: 'resendinviteemail',
      adminId: SIM_ADMIN_ID,
      executions: [renderExecution(job, view, now)],
      status: view.status,
      exitCode: view.exitCode,
    }),
    counts: {
      userResendInviteSent: view.sent,
      userResendInviteFailed: view.failed,
      userResendInviteSkipped: view.skipped,
      totalUsers: view.totalUsers,
    },
    allowAdminInviteEmails: job.allowAdminInviteEmails,
  };
}

function renderExecution(job: SimResendJob, view: SimJobView, now: number): ActivationEmailsJobExecution {
  const end = view.terminal ? (job.endedAt ?? now) : undefined;
  const steps = renderSteps(job, view, now);
  return {
    id: job.executionId,
    startTime: iso(job.createdAt + 36),
    ...(end === undefined ? {} : { endTime: iso(end) }),
    lastUpdated: iso(end ?? now),
    statusMessage: view.status,
    exitCode: view.exitCode,
    createdTime: iso(job.createdAt),
    ...(steps.length > 0 ? { stepExecutionStatuses: steps } : {}),
    timeElapsed: isoDuration((end ?? now) - job.createdAt),
  };
}

function renderSteps(job: SimResendJob, view: SimJobView, now: number): ActivationEmailsStepExecution[] {
  if (view.report === 'pending') return [];
  const reportStart = job.createdAt + 48;
  const reportEnd = view.report === 'running' ? undefined : (job.reportEndedAt ?? now);
  const reportStatus = view.report === 'running' ? 'STARTED' : view.report === 'failed' ? 'FAILED' : 'COMPLETED';
  const exit = view.report === 'running' ? 'UNKNOWN' : reportStatus;
  const steps = [step(job.executionId + 2, REPORT_STEP, reportStart, reportEnd, reportStatus, exit, now)];
  if (view.report !== 'completed') return steps;
  const processStart = (reportEnd ?? now) + 6;
  const processEnd = view.terminal ? (job.endedAt ?? now) : undefined;
  const status = view.terminal ? 'COMPLETED' : 'STARTED';
  steps.push(
    step(job.executionId + 3, PROCESS_STEP, processStart, processEnd, status, view.terminal ? status : 'UNKNOWN', now),
  );
  return steps;
}

// The spec types a step's exitCode with ExecutionStatus values
// (docs/contracts.md#webexresendactivationemails-status-vocabulary); we write the same words.
function step(
  id: number,
  name: string,
  start: number,
  end: number | undefined,
  statusMessage: string,
  exitCode: string,
  now: number,
): ActivationEmailsStepExecution {
  return {
    id,
    startTime: iso(start),
    ...(end === undefined ? {} : { endTime: iso(end) }),
    lastUpdated: iso(end ?? now),
    statusMessage,
    exitCode,
    name,
    timeElapsed: isoDuration((end ?? now) - start),
  };
}

/** One listed user as the errors endpoint shows it (the documented example's shape: no user field). */
export function renderErrorItem(job: SimResendJob, index: number, outcome: SimUserOutcome): ActivationEmailsErrorItem {
  const uuid = simUserUuid(index);
  const email = simUserEmail(index);
  const skipped = outcome === 'skipped';
  const description = skipped
    ? `Re-send invite for ${uuid} by ${SIM_ADMIN_UUID} is suppressed as the user ${uuid} has already received an ` +
      `invitation email in last 24 hours ; Error with ${email}.`
    : `Re-send invite for ${uuid} by ${SIM_ADMIN_UUID} failed as the invitation email could not be sent ; ` +
      `Error with ${email}.`;
  return {
    itemNumber: index + 1,
    error: {
      key: skipped ? '304' : '500',
      message: [{ description, code: skipped ? ALREADY_INVITED_CODE : SIM_SEND_FAILED_CODE, locationId: null }],
    },
    trackingId: `${job.trackingId}_1_${index + 1}`,
  };
}
