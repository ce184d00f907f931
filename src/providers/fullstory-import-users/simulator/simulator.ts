/**
 * FullStory's batch user import API as a simulator (CONTRACTS §4): create (with Idempotency-Key replay and the
 * org limits), status, and the paged `/errors` and `/imports`. Jobs progress by status reads or wall time.
 */
import type { OperationSimulator, SimRoute } from '../../../simulator/types';
import { FullStoryImportUsersSimConfigSchema, type FullStoryImportUsersSimConfig } from './config';
import { fullstoryErrorBody } from './errors';
import { forJob, handleErrors, handleImports, handleStatus } from './handlers';
import { handleStart } from './start';
import { settle, viewOf, type SimImportJob } from './state';
import { configure, createStore, type SimStore } from './store';
import { BATCH_IMPORT_PATH } from '../wire';

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
export interface FullStoryImportUsersSimulator extends OperationSimulator {
  /** Replaces the configuration (omitted fields take defaults); jobs created afterwards follow it. */
  setConfig(config: FullStoryImportUsersSimConfig): void;
  getConfig(): FullStoryImportUsersSimConfig;
  /** Every job created, oldest first. */
  getJobs(): SimImportJobSummary[];
  jobCount(): number;
}

/** Per-simulator control routes: `POST|GET /__sim/fullstory/import-users/config`, `GET …/jobs`. */
export const IMPORT_USERS_CONTROL_PATH = '/__sim/fullstory/import-users';

/**
 * Creates the simulator with `initial` configuration (restored by `reset()`).
 * Thrown when `initial` is not a valid configuration (ZodError).
 */
export function createFullStoryImportUsersSimulator(
  initial: FullStoryImportUsersSimConfig = {},
): FullStoryImportUsersSimulator {
  const store = createStore(FullStoryImportUsersSimConfigSchema.parse(initial));
  const getJobs = (): SimImportJobSummary[] => {
    const now = Date.now();
    settle(store.jobs.values(), store.effective, now);
    return [...store.jobs.values()].map((job) => summaryOf(job, now));
  };
  return {
    name: 'fullstory.importUsers',
    routes: [
      route('POST', '', 'start', (req) => handleStart(store, req)),
      route('GET', '/:jobId', 'status', forJob(store, handleStatus)),
      route('GET', '/:jobId/errors', 'errors', forJob(store, handleErrors)),
      route('GET', '/:jobId/imports', 'imports', forJob(store, handleImports)),
    ],
    controlRoutes: controlRoutes(store, getJobs),
    errorBody: (status, message) => fullstoryErrorBody(status, message),
    reset: () => {
      store.jobs.clear();
      store.idempotency.clear();
      configure(store, FullStoryImportUsersSimConfigSchema.parse(initial));
    },
    setConfig: (config) => configure(store, FullStoryImportUsersSimConfigSchema.parse(config)),
    getConfig: () => store.config,
    getJobs,
    jobCount: () => store.jobs.size,
  };
}

function route(method: string, suffix: string, name: string, handle: SimRoute['handle']): SimRoute {
  return { method, pattern: `${BATCH_IMPORT_PATH}${suffix}`, endpoint: `fullstory.importUsers.${name}`, handle };
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

function controlRoutes(store: SimStore, getJobs: () => SimImportJobSummary[]): SimRoute[] {
  const control = (method: string, path: string, name: string, handle: SimRoute['handle']): SimRoute => ({
    method,
    pattern: `${IMPORT_USERS_CONTROL_PATH}${path}`,
    endpoint: `sim.fullstory.importUsers.${name}`,
    handle,
  });
  return [
    control('POST', '/config', 'config.set', (req) => {
      const parsed = FullStoryImportUsersSimConfigSchema.safeParse(req.body ?? {});
      if (!parsed.success) return { status: 400, body: { message: parsed.error.message } };
      configure(store, parsed.data);
      return { status: 200, body: store.config };
    }),
    control('GET', '/config', 'config.get', () => ({ status: 200, body: store.config })),
    control('GET', '/jobs', 'jobs', () => ({ status: 200, body: { items: getJobs() } })),
  ];
}
