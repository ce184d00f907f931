/**
 * The Webex Bulk Activation Email Resend API as a simulator (CONTRACTS §2): start (one running job per org), status
 * and errors with `Link` paging. Jobs progress by status reads or wall time (see the config).
 */
import type { OperationSimulator, SimRoute } from '../../../simulator/types';
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
export interface WebexResendActivationEmailsSimulator extends OperationSimulator {
  /** Replaces the configuration (omitted fields take defaults); jobs created afterwards follow it. */
  setConfig(config: WebexResendActivationEmailsSimConfig): void;
  getConfig(): WebexResendActivationEmailsSimConfig;
  /** Every job created, oldest first. */
  getJobs(): SimResendJobSummary[];
  jobCount(): number;
}

/** Per-simulator control routes: `POST|GET /__sim/webex/activation-emails/config`, `GET …/jobs`. */
export const ACTIVATION_EMAILS_CONTROL_PATH = '/__sim/webex/activation-emails';

const JOBS_PATTERN = '/v1/identity/organizations/:orgId/jobs/sendActivationEmails';

/**
 * Creates the simulator with `initial` configuration (restored by `reset()`).
 * Thrown when `initial` is not a valid configuration (ZodError).
 */
export function createWebexResendActivationEmailsSimulator(
  initial: WebexResendActivationEmailsSimConfig = {},
): WebexResendActivationEmailsSimulator {
  const store: SimStore = { jobs: new Map(), config: WebexResendActivationEmailsSimConfigSchema.parse(initial) };
  const getJobs = (): SimResendJobSummary[] => [...store.jobs.values()].map(summaryOf);
  const route = (method: string, suffix: string, name: string, handle: Handler): SimRoute => ({
    method,
    pattern: `${JOBS_PATTERN}${suffix}`,
    endpoint: `webex.resendActivationEmails.${name}`,
    handle: (req, params) => handle(store, req, params),
  });
  return {
    name: 'webex.resendActivationEmails',
    routes: [
      route('POST', '', 'start', handleStart),
      route('GET', '/:jobId/status', 'status', handleStatus),
      route('GET', '/:jobId/errors', 'errors', handleErrors),
    ],
    controlRoutes: controlRoutes(store, getJobs),
    errorBody: (_status, message) => webexErrorBody(message, simTrackingId()),
    reset: () => {
      store.jobs.clear();
      store.config = WebexResendActivationEmailsSimConfigSchema.parse(initial);
    },
    setConfig: (config) => {
      store.config = WebexResendActivationEmailsSimConfigSchema.parse(config);
    },
    getConfig: () => store.config,
    getJobs,
    jobCount: () => store.jobs.size,
  };
}

type Handler = typeof handleStart;

function summaryOf(job: SimResendJob): SimResendJobSummary {
  const view = viewOf(job, Date.now());
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

function controlRoutes(store: SimStore, getJobs: () => SimResendJobSummary[]): SimRoute[] {
  const control = (method: string, path: string, name: string, handle: SimRoute['handle']): SimRoute => ({
    method,
    pattern: `${ACTIVATION_EMAILS_CONTROL_PATH}${path}`,
    endpoint: `sim.webex.resendActivationEmails.${name}`,
    handle,
  });
  return [
    control('POST', '/config', 'config.set', (req) => {
      const parsed = WebexResendActivationEmailsSimConfigSchema.safeParse(req.body ?? {});
      if (!parsed.success) return { status: 400, body: { message: parsed.error.message } };
      store.config = parsed.data;
      return { status: 200, body: store.config };
    }),
    control('GET', '/config', 'config.get', () => ({ status: 200, body: store.config })),
    control('GET', '/jobs', 'jobs', () => ({ status: 200, body: { items: getJobs() } })),
  ];
}
