/**
 * The Oracle Primavera Administration user job as a simulator (CONTRACTS §3.2): start, status, `/draft` and `/log`,
 * on the v1 paths (Basic) and the v3 paths (Bearer). Jobs progress by status reads or wall time (see the config).
 */
import { controlBadRequest } from '../../../simulator/control-api';
import type { OperationSimulator, SimRoute } from '../../../simulator/types';
import { OracleSyncUsersSimConfigSchema, type OracleSyncUsersSimConfig } from './config';
import { forJob, handleDraft, handleLog, handleStatus, startHandler, type ApiVersion } from './handlers';
import { oracleErrorBody } from './render';
import { FIRST_JOB_NUMBER, isComplete, processedCount, type SimStore, type SimUserJob } from './state';
import { V1_ROOT, V3_ROOT } from '../wire';

/** A job as tests see it. */
export interface SimUserJobSummary {
  readonly id: string;
  readonly version: ApiVersion;
  readonly added: readonly string[];
  readonly modified: readonly string[];
  readonly deleted: readonly string[];
  readonly createdAt: string;
  readonly complete: boolean;
  readonly processed: number;
}

/** The Oracle user-sync simulator, with test hooks. */
export interface OracleSyncUsersSimulator extends OperationSimulator {
  /** Replaces the configuration (omitted fields take defaults); jobs created afterwards follow it. */
  setConfig(config: OracleSyncUsersSimConfig): void;
  getConfig(): OracleSyncUsersSimConfig;
  /** Every job created, oldest first. */
  getJobs(): SimUserJobSummary[];
  jobCount(): number;
}

/** Per-simulator control routes: `POST|GET /__sim/oracle/sync-users/config`, `GET /__sim/oracle/sync-users/jobs`. */
export const SYNC_USERS_CONTROL_PATH = '/__sim/oracle/sync-users';

/**
 * Creates the simulator with `initial` configuration (restored by `reset()`).
 * Thrown when `initial` is not a valid configuration (ZodError).
 */
export function createOracleSyncUsersSimulator(initial: OracleSyncUsersSimConfig = {}): OracleSyncUsersSimulator {
  const fresh = (): OracleSyncUsersSimConfig => OracleSyncUsersSimConfigSchema.parse(initial);
  const store: SimStore = { jobs: new Map(), directory: new Set(), config: fresh(), nextJobNumber: FIRST_JOB_NUMBER };
  const configure = (config: OracleSyncUsersSimConfig): void => {
    store.config = config;
    for (const loginId of config.knownUsers ?? []) store.directory.add(loginId.toLowerCase());
  };
  configure(store.config);
  const getJobs = (): SimUserJobSummary[] => [...store.jobs.values()].map((job) => summaryOf(job, Date.now()));
  return {
    name: 'oracle.syncUsers',
    routes: [...routesOf(store, 'v1'), ...routesOf(store, 'v3')],
    controlRoutes: controlRoutes(store, configure, getJobs),
    errorBody: (status, message) => oracleErrorBody(status, message),
    reset: () => {
      store.jobs.clear();
      store.directory.clear();
      configure(fresh());
    },
    setConfig: (config) => configure(OracleSyncUsersSimConfigSchema.parse(config)),
    getConfig: () => store.config,
    getJobs,
    jobCount: () => store.jobs.size,
  };
}

/** Endpoint names: `oracle.syncUsers.start` (v1) and `oracle.syncUsers.v3.start` (v3), and so on. */
function routesOf(store: SimStore, version: ApiVersion): SimRoute[] {
  const root = version === 'v3' ? V3_ROOT : V1_ROOT;
  const prefix = version === 'v3' ? 'oracle.syncUsers.v3' : 'oracle.syncUsers';
  const route = (method: string, suffix: string, name: string, handle: SimRoute['handle']): SimRoute => ({
    method,
    pattern: `${root}/user${suffix}`,
    endpoint: `${prefix}.${name}`,
    handle,
  });
  return [
    route('POST', '', 'start', startHandler(store, version)),
    route('GET', '/status/:jobId', 'status', forJob(store, version, handleStatus)),
    route('GET', '/status/:jobId/draft', 'draft', forJob(store, version, handleDraft)),
    route('GET', '/status/:jobId/log', 'log', forJob(store, version, handleLog)),
  ];
}

function summaryOf(job: SimUserJob, now: number): SimUserJobSummary {
  const ids = (list: string): string[] => job.entries.filter((e) => e.list === list).map((e) => e.loginId);
  return {
    id: job.id,
    version: job.version,
    added: ids('added'),
    modified: ids('modified'),
    deleted: ids('deleted'),
    createdAt: new Date(job.createdAt).toISOString(),
    complete: isComplete(job, now),
    processed: processedCount(job, now),
  };
}

function controlRoutes(
  store: SimStore,
  configure: (config: OracleSyncUsersSimConfig) => void,
  getJobs: () => SimUserJobSummary[],
): SimRoute[] {
  const control = (method: string, path: string, name: string, handle: SimRoute['handle']): SimRoute => ({
    method,
    pattern: `${SYNC_USERS_CONTROL_PATH}${path}`,
    endpoint: `sim.oracle.syncUsers.${name}`,
    handle,
  });
  return [
    control('POST', '/config', 'config.set', (req) => {
      const parsed = OracleSyncUsersSimConfigSchema.safeParse(req.body ?? {});
      if (!parsed.success) return controlBadRequest(parsed.error);
      configure(parsed.data);
      return { status: 200, body: store.config };
    }),
    control('GET', '/config', 'config.get', () => ({ status: 200, body: store.config })),
    control('GET', '/jobs', 'jobs', () => ({ status: 200, body: { items: getJobs() } })),
  ];
}
