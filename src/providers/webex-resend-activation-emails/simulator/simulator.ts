/**
 * The Webex Bulk Activation Email Resend API as a simulator (docs/contracts.md#webexresendactivationemails): start (one
 * running job per org), status and errors with `Link` paging. Jobs progress by status reads or wall time (see the
 * config).
 */
import {
  createOperationSimulator,
  routeBuilder,
  type ConfigurableSimulator,
} from '../../../simulator/operation-simulator';
import { ledgerUsers, type LedgerJob } from '../../../simulator/ledger';
import { webexErrorBody } from '../../../simulator/webex-error';
import { WebexResendActivationEmailsSimConfigSchema, type WebexResendActivationEmailsSimConfig } from './config';
import { handleErrors, handleStart, handleStatus } from './handlers';
import { simTrackingId } from './ids';
import { viewOf, type SimResendJob } from './state';
import type { SimStore } from './store';

/** A job as tests see it. */
export interface SimResendJobSummary {
  readonly id: string;
  readonly orgId: string;
  readonly createdAt: string;
  readonly status: string;
  readonly exitCode: string;
  readonly totalUsers: number;
  /** Status reads so far. */
  readonly reads: number;
}

/** The activation-email simulator, with test hooks. */
export type WebexResendActivationEmailsSimulator = ConfigurableSimulator<
  WebexResendActivationEmailsSimConfig,
  SimResendJobSummary
>;

const route = routeBuilder(
  'webex.resendActivationEmails',
  '/v1/identity/organizations/:orgId/jobs/sendActivationEmails',
);

/**
 * Creates the simulator with `initial` configuration (restored by `reset()`).
 * Thrown when `initial` is not a valid configuration (ZodError).
 */
export function createWebexResendActivationEmailsSimulator(
  initial: WebexResendActivationEmailsSimConfig = {},
): WebexResendActivationEmailsSimulator {
  return createOperationSimulator({
    operation: 'webex.resendActivationEmails',
    configSchema: WebexResendActivationEmailsSimConfigSchema,
    initial,
    newStore: (config): SimStore => ({ jobs: new Map(), config }),
    routes: (store) => [
      route('POST', '', 'start', (req, params) => handleStart(store, req, params)),
      route('GET', '/:jobId/status', 'status', (req, params) => handleStatus(store, req, params)),
      route('GET', '/:jobId/errors', 'errors', (req, params) => handleErrors(store, req, params)),
    ],
    jobSummaries: (store, now) => [...store.jobs.values()].map((job) => summaryOf(job, now)),
    ledger: (store, now) => [...store.jobs.values()].map((job) => ledgerOf(job, now)),
    errorBody: (_status, message) => webexErrorBody(message, simTrackingId()),
  });
}

/**
 * The org's users in report order, under the ref bulkflow gives a listed user (`item-<itemNumber>`); a failed report
 * step processes nobody.
 */
function ledgerOf(job: SimResendJob, now: number): LedgerJob {
  const view = viewOf(job, now);
  const refs = job.users.map((_, i) => `item-${i + 1}`);
  const outcome = { sent: 'succeeded', failed: 'failed', skipped: 'skipped' } as const;
  return {
    id: job.id,
    createdAt: new Date(job.createdAt).toISOString(),
    finished: view.terminal,
    users: ledgerUsers(refs, view.processed, (i) => outcome[job.users[i] ?? 'failed']),
  };
}

function summaryOf(job: SimResendJob, now: number): SimResendJobSummary {
  const view = viewOf(job, now);
  return {
    id: job.id,
    orgId: job.orgId,
    createdAt: new Date(job.createdAt).toISOString(),
    status: view.status,
    exitCode: view.exitCode,
    totalUsers: view.totalUsers,
    reads: job.reads,
  };
}
