/**
 * The Oracle Primavera Administration user job as a simulator (docs/contracts.md#oraclesyncusers-endpoints): start,
 * status, `/draft` and `/log`, on the v1 paths (Basic) and the v3 paths (Bearer). Jobs progress by status reads or wall
 * time (see the config).
 */
import {
  createOperationSimulator,
  routeBuilder,
  type ConfigurableSimulator,
} from '../../../simulator/operation-simulator';
import { ledgerUsers, type LedgerJob } from '../../../simulator/ledger';
import type { SimRoute } from '../../../simulator/types';
import { V1_ROOT, V3_ROOT } from '../wire';
import { OracleSyncUsersSimConfigSchema, type OracleSyncUsersSimConfig } from './config';
import { forJob, handleDraft, handleLog, handleStatus, startHandler, type ApiVersion } from './handlers';
import { oracleErrorBody } from './render';
import { FIRST_JOB_NUMBER, isComplete, processedCount, type SimStore, type SimUserJob } from './state';

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
export type OracleSyncUsersSimulator = ConfigurableSimulator<OracleSyncUsersSimConfig, SimUserJobSummary>;

/**
 * Creates the simulator with `initial` configuration (restored by `reset()`).
 * Thrown when `initial` is not a valid configuration (ZodError).
 */
export function createOracleSyncUsersSimulator(initial: OracleSyncUsersSimConfig = {}): OracleSyncUsersSimulator {
  const jobNumbers = { next: FIRST_JOB_NUMBER };
  return createOperationSimulator({
    operation: 'oracle.syncUsers',
    configSchema: OracleSyncUsersSimConfigSchema,
    initial,
    newStore: (config) => {
      const store: SimStore = { jobs: new Map(), directory: new Set(), config, jobNumbers };
      configure(store, config);
      return store;
    },
    configure,
    routes: (store) => [...routesOf(store, 'v1'), ...routesOf(store, 'v3')],
    jobSummaries: (store, now) => [...store.jobs.values()].map((job) => summaryOf(job, now)),
    ledger: (store, now) => [...store.jobs.values()].map((job) => ledgerOf(job, now)),
    errorBody: (status, message) => oracleErrorBody(status, message),
  });
}

/** Takes `config`; its `knownUsers` join the directory (they exist before any job). */
function configure(store: SimStore, config: OracleSyncUsersSimConfig): void {
  store.config = config;
  for (const loginId of config.knownUsers ?? []) store.directory.add(loginId.toLowerCase());
}

/** Endpoint names: `oracle.syncUsers.start` (v1) and `oracle.syncUsers.v3.start` (v3), and so on. */
function routesOf(store: SimStore, version: ApiVersion): SimRoute[] {
  const route = routeBuilder('oracle.syncUsers', `${version === 'v3' ? V3_ROOT : V1_ROOT}/user`);
  const prefix = version === 'v3' ? 'v3.' : '';
  return [
    route('POST', '', `${prefix}start`, startHandler(store, version)),
    route('GET', '/status/:jobId', `${prefix}status`, forJob(store, version, handleStatus)),
    route('GET', '/status/:jobId/draft', `${prefix}draft`, forJob(store, version, handleDraft)),
    route('GET', '/status/:jobId/log', `${prefix}log`, forJob(store, version, handleLog)),
  ];
}

/** Users in processing order (added, modified, deleted); a job-level exception leaves the rest unprocessed. */
function ledgerOf(job: SimUserJob, now: number): LedgerJob {
  return {
    id: job.id,
    createdAt: new Date(job.createdAt).toISOString(),
    finished: isComplete(job, now),
    users: ledgerUsers(
      job.entries.map((e) => e.loginId),
      processedCount(job, now),
      (i) => (job.entries[i]?.statusInfoOK ? 'succeeded' : 'failed'),
    ),
  };
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
