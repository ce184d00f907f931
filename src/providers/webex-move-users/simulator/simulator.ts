/**
 * The Webex Calling Move Users API as a simulator (CONTRACTS §1.1): validate / start, list, status, errors,
 * pause / resume / abandon, and the errors CSV. Jobs progress by status reads or wall time (see the config).
 */
import type { OperationSimulator, SimRoute } from '../../../simulator/types';
import { webexErrorBody } from '../../../simulator/webex-error';
import { WebexMoveUsersSimConfigSchema, type WebexMoveUsersSimConfig } from './config';
import { actionHandler, forJob, handleCsv, handleErrors, handleStatus } from './handlers';
import { CSV_ROUTE_PATTERN } from './render';
import { handleList, handleStart } from './start';
import { viewOf, type SimMoveJob } from './state';
import type { SimStore } from './store';
import { MOVE_USERS_PATH } from '../wire';

/** A job as tests see it: which users, where, and its current wire status. */
export interface SimMoveJobSummary {
  readonly id: string;
  readonly orgId: string;
  readonly userIds: readonly string[];
  readonly locationIds: readonly string[];
  readonly createdAt: string;
  readonly status: string;
  readonly exitCode: string;
}

/** The Move Users simulator, with test hooks. */
export interface WebexMoveUsersSimulator extends OperationSimulator {
  /** Replaces the configuration (omitted fields take defaults); jobs created afterwards follow it. */
  setConfig(config: WebexMoveUsersSimConfig): void;
  getConfig(): WebexMoveUsersSimConfig;
  /** Every job created, oldest first. */
  getJobs(): SimMoveJobSummary[];
  jobCount(): number;
}

/** Per-simulator control routes: `POST|GET /__sim/webex/move-users/config`, `GET /__sim/webex/move-users/jobs`. */
export const MOVE_USERS_CONTROL_PATH = '/__sim/webex/move-users';

/**
 * Creates the simulator with `initial` configuration (restored by `reset()`).
 * Thrown when `initial` is not a valid configuration (ZodError).
 */
export function createWebexMoveUsersSimulator(initial: WebexMoveUsersSimConfig = {}): WebexMoveUsersSimulator {
  const store: SimStore = { jobs: new Map(), config: WebexMoveUsersSimConfigSchema.parse(initial) };
  const getJobs = (): SimMoveJobSummary[] => [...store.jobs.values()].map(summaryOf);
  return {
    name: 'webex.moveUsers',
    routes: [
      route('POST', '', 'start', (req) => handleStart(store, req)),
      route('GET', '', 'list', (req) => handleList(store, req)),
      route('GET', '/:jobId', 'status', forJob(store, handleStatus)),
      route('GET', '/:jobId/errors', 'errors', forJob(store, handleErrors)),
      route('POST', '/:jobId/actions/pause/invoke', 'pause', forJob(store, actionHandler('pause'))),
      route('POST', '/:jobId/actions/resume/invoke', 'resume', forJob(store, actionHandler('resume'))),
      route('POST', '/:jobId/actions/abandon/invoke', 'abandon', forJob(store, actionHandler('abandon'))),
      {
        method: 'GET',
        pattern: CSV_ROUTE_PATTERN,
        endpoint: 'webex.moveUsers.csv',
        handle: forJob(store, handleCsv, (p) => p.file?.replace(/\.csv$/, '')),
      },
    ],
    controlRoutes: controlRoutes(store, getJobs),
    errorBody: (_status, message) => webexErrorBody(message),
    reset: () => {
      store.jobs.clear();
      store.config = WebexMoveUsersSimConfigSchema.parse(initial);
    },
    setConfig: (config) => {
      store.config = WebexMoveUsersSimConfigSchema.parse(config);
    },
    getConfig: () => store.config,
    getJobs,
    jobCount: () => store.jobs.size,
  };
}

function route(method: string, suffix: string, name: string, handle: SimRoute['handle']): SimRoute {
  return { method, pattern: `${MOVE_USERS_PATH}${suffix}`, endpoint: `webex.moveUsers.${name}`, handle };
}

function summaryOf(job: SimMoveJob): SimMoveJobSummary {
  const view = viewOf(job, Date.now());
  return {
    id: job.id,
    orgId: job.orgId,
    userIds: job.users.map((u) => u.userId),
    locationIds: [...new Set(job.users.map((u) => u.locationId))],
    createdAt: new Date(job.executions[0]?.createdAt ?? 0).toISOString(),
    status: view.status,
    exitCode: view.exitCode,
  };
}

function controlRoutes(store: SimStore, getJobs: () => SimMoveJobSummary[]): SimRoute[] {
  const control = (method: string, path: string, name: string, handle: SimRoute['handle']): SimRoute => ({
    method,
    pattern: `${MOVE_USERS_CONTROL_PATH}${path}`,
    endpoint: `sim.webex.moveUsers.${name}`,
    handle,
  });
  return [
    control('POST', '/config', 'config.set', (req) => {
      const parsed = WebexMoveUsersSimConfigSchema.safeParse(req.body ?? {});
      if (!parsed.success) return { status: 400, body: { message: parsed.error.message } };
      store.config = parsed.data;
      return { status: 200, body: store.config };
    }),
    control('GET', '/config', 'config.get', () => ({ status: 200, body: store.config })),
    control('GET', '/jobs', 'jobs', () => ({ status: 200, body: { items: getJobs() } })),
  ];
}
