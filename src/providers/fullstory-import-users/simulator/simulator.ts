/**
 * FullStory's batch user import API as a simulator (docs/contracts.md#fullstoryimportusers): create (with
 * Idempotency-Key replay and the org limits), status, and the paged `/errors` and `/imports`. Jobs progress by status
 * reads or wall time.
 */
import {
  createOperationSimulator,
  routeBuilder,
  type ConfigurableSimulator,
} from '../../../simulator/operation-simulator';
import { ledgerUsers, type LedgerJob } from '../../../simulator/ledger';
import { BATCH_IMPORT_PATH } from '../wire';
import { FullStoryImportUsersSimConfigSchema, type FullStoryImportUsersSimConfig } from './config';
import { fullstoryErrorBody } from './errors';
import { forJob, handleErrors, handleImports, handleStatus } from './handlers';
import { handleStart } from './start';
import { settle, viewOf, type SimImportJob } from './state';
import { configure, createStore } from './store';

/** A job as tests see it. */
export interface SimImportJobSummary {
  readonly id: string;
  readonly uids: readonly string[];
  readonly idempotencyKey?: string;
  readonly createdAt: string;
  readonly status: string;
  /** Accepted but waiting for a running slot. */
  readonly queued: boolean;
}

/** The FullStory batch import simulator, with test hooks. */
export type FullStoryImportUsersSimulator = ConfigurableSimulator<FullStoryImportUsersSimConfig, SimImportJobSummary>;

const route = routeBuilder('fullstory.importUsers', BATCH_IMPORT_PATH);

/**
 * Creates the simulator with `initial` configuration (restored by `reset()`).
 * Thrown when `initial` is not a valid configuration (ZodError).
 */
export function createFullStoryImportUsersSimulator(
  initial: FullStoryImportUsersSimConfig = {},
): FullStoryImportUsersSimulator {
  return createOperationSimulator({
    operation: 'fullstory.importUsers',
    configSchema: FullStoryImportUsersSimConfigSchema,
    initial,
    newStore: createStore,
    configure,
    routes: (store) => [
      route('POST', '', 'start', (req) => handleStart(store, req)),
      route('GET', '/:jobId', 'status', forJob(store, handleStatus)),
      route('GET', '/:jobId/errors', 'errors', forJob(store, handleErrors)),
      route('GET', '/:jobId/imports', 'imports', forJob(store, handleImports)),
    ],
    jobSummaries: (store, now) => {
      settle(store.jobs.values(), store.effective, now);
      return [...store.jobs.values()].map((job) => summaryOf(job, now));
    },
    ledger: (store, now) => {
      settle(store.jobs.values(), store.effective, now);
      return [...store.jobs.values()].map((job) => ledgerOf(job, now));
    },
    errorBody: (status, message) => fullstoryErrorBody(status, message),
  });
}

/** Users in request order, by uid; a user with invalid data (or a failing uid) fails. */
function ledgerOf(job: SimImportJob, now: number): LedgerJob {
  const view = viewOf(job, now);
  return {
    id: job.id,
    createdAt: new Date(job.createdAt).toISOString(),
    finished: view.status !== 'PROCESSING',
    users: ledgerUsers(
      job.users.map((u) => u.request.uid ?? ''),
      view.processed,
      (i) => (job.users[i]?.failure ? 'failed' : 'succeeded'),
    ),
  };
}

function summaryOf(job: SimImportJob, now: number): SimImportJobSummary {
  const view = viewOf(job, now);
  return {
    id: job.id,
    uids: job.users.map((u) => u.request.uid ?? ''),
    ...(job.idempotencyKey === undefined ? {} : { idempotencyKey: job.idempotencyKey }),
    createdAt: new Date(job.createdAt).toISOString(),
    status: view.status,
    queued: view.queued,
  };
}
