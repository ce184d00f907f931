/**
 * The Webex Calling Move Users API as a simulator (docs/contracts.md#webexmoveusers-endpoints): validate / start, list,
 * status, errors, pause / resume / abandon, and the errors CSV. Jobs progress by status reads or wall time (see the
 * config).
 */
import {
  createOperationSimulator,
  routeBuilder,
  type ConfigurableSimulator,
} from '../../../simulator/operation-simulator';
import { ledgerUsers, type LedgerJob } from '../../../simulator/ledger';
import { webexErrorBody } from '../../../simulator/webex-error';
import { MOVE_USERS_PATH } from '../wire';
import { WebexMoveUsersSimConfigSchema, type WebexMoveUsersSimConfig } from './config';
import { actionHandler, forJob, handleCsv, handleErrors, handleStatus } from './handlers';
import { CSV_ROUTE_PATTERN } from './render';
import { foreignJobControls } from './foreign-jobs';
import { handleList, handleStart } from './start';
import { viewOf, type SimMoveJob } from './state';
import type { SimStore } from './store';

/** A job as tests see it: which users, where, and its current wire status. */
export interface SimMoveJobSummary {
  readonly id: string;
  readonly orgId: string;
  readonly userIds: readonly string[];
  readonly locationIds: readonly string[];
  readonly createdAt: string;
  readonly status: string;
  readonly exitCode: string;
  /** Another caller's job, started by the `foreign-jobs` control route. */
  readonly foreign: boolean;
}

/** The Move Users simulator, with test hooks. */
export type WebexMoveUsersSimulator = ConfigurableSimulator<WebexMoveUsersSimConfig, SimMoveJobSummary>;

const route = routeBuilder('webex.moveUsers', MOVE_USERS_PATH);

/**
 * Creates the simulator with `initial` configuration (restored by `reset()`).
 * Thrown when `initial` is not a valid configuration (ZodError).
 */
export function createWebexMoveUsersSimulator(initial: WebexMoveUsersSimConfig = {}): WebexMoveUsersSimulator {
  return createOperationSimulator({
    operation: 'webex.moveUsers',
    configSchema: WebexMoveUsersSimConfigSchema,
    initial,
    newStore: (config): SimStore => ({ jobs: new Map(), config }),
    routes: (store) => [
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
    jobSummaries: (store, now) => [...store.jobs.values()].map((job) => summaryOf(job, now)),
    // Another caller's jobs are not jobs bulkflow asked for: the ledger judges bulkflow's reports against its own.
    ledger: (store, now) => [...store.jobs.values()].filter((job) => !job.foreign).map((job) => ledgerOf(job, now)),
    errorBody: (_status, message) => webexErrorBody(message),
    controls: foreignJobControls,
  });
}

/** Users are moved in request order; an abandoned job leaves the rest unprocessed. */
function ledgerOf(job: SimMoveJob, now: number): LedgerJob {
  const view = viewOf(job, now);
  return {
    id: job.id,
    createdAt: new Date(job.executions[0]?.createdAt ?? 0).toISOString(),
    finished: view.terminal,
    users: ledgerUsers(
      job.users.map((u) => u.userId),
      view.processed,
      (i) => (job.users[i]?.fails ? 'failed' : 'succeeded'),
    ),
  };
}

function summaryOf(job: SimMoveJob, now: number): SimMoveJobSummary {
  const view = viewOf(job, now);
  return {
    id: job.id,
    orgId: job.orgId,
    userIds: job.users.map((u) => u.userId),
    locationIds: [...new Set(job.users.map((u) => u.locationId))],
    createdAt: new Date(job.executions[0]?.createdAt ?? 0).toISOString(),
    status: view.status,
    exitCode: view.exitCode,
    foreign: job.foreign === true,
  };
}
