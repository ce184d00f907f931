/**
 * The Zoho CRM portal bulk invite API as a simulator (docs/contracts.md#zohoinviteportalusers): bulk start, status by
 * `job_id` (204 when unknown), the all-jobs listing, Zoho's error bodies, and its concurrency 429 without Retry-After.
 * Jobs progress by status reads or wall time (see the config).
 */
import {
  createOperationSimulator,
  routeBuilder,
  type ConfigurableSimulator,
} from '../../../simulator/operation-simulator';
import { ledgerUsers, type LedgerJob } from '../../../simulator/ledger';
import type { SimRequest } from '../../../simulator/types';
import { ZohoInvitePortalUsersSimConfigSchema, type ZohoInvitePortalUsersSimConfig } from './config';
import { zohoErrorBodyFor } from './errors';
import { handleStart, handleStatus, handleWrongMethod, zohoEndpoint } from './handlers';
import { isCompleted, type SimInviteJob, type SimStore } from './state';

/** A job as tests see it: where it was sent, which records, and its current status. */
export interface SimInviteJobSummary {
  readonly id: string;
  readonly version: string;
  readonly module: string;
  readonly recordIds: readonly string[];
  readonly createdAt: string;
  readonly status: 'in_progress' | 'completed';
}

/** The portal invite simulator, with test hooks. */
export type ZohoInvitePortalUsersSimulator = ConfigurableSimulator<ZohoInvitePortalUsersSimConfig, SimInviteJobSummary>;

/** Route pattern of the portal invite path; `:version` and `:module` are checked by the handlers. */
export const PORTAL_INVITE_ROUTE = '/crm/:version/:module/actions/portal_invite';

const route = routeBuilder('zoho.invitePortalUsers', PORTAL_INVITE_ROUTE);

/**
 * Creates the simulator with `initial` configuration (restored by `reset()`).
 * Thrown when `initial` is not a valid configuration (ZodError).
 */
export function createZohoInvitePortalUsersSimulator(
  initial: ZohoInvitePortalUsersSimConfig = {},
): ZohoInvitePortalUsersSimulator {
  const requests = { inFlight: 0 };
  return createOperationSimulator({
    operation: 'zoho.invitePortalUsers',
    configSchema: ZohoInvitePortalUsersSimConfigSchema,
    initial,
    newStore: (config): SimStore => ({ jobs: new Map(), invited: new Map(), config, requests }),
    routes: (store) => [
      route('POST', '', 'start', zohoEndpoint(store, handleStart)),
      // One route answers both the status of one job (`?job_id=`) and the listing of all jobs.
      { ...route('GET', '', 'status', zohoEndpoint(store, handleStatus)), subject: jobOfQuery },
      ...['PUT', 'PATCH', 'DELETE'].map((method) =>
        route(method, '', `method.${method.toLowerCase()}`, zohoEndpoint(store, handleWrongMethod)),
      ),
    ],
    jobSummaries: (store, now) => [...store.jobs.values()].map((job) => summaryOf(job, now)),
    ledger: (store, now) => [...store.jobs.values()].map((job) => ledgerOf(job, now)),
    errorBody: zohoErrorBodyFor,
  });
}

/** A status read is about the job its `job_id` names (the request log follows it as `job:<id>`). */
function jobOfQuery(req: SimRequest): string | undefined {
  const jobId = req.query.get('job_id');
  return jobId === null ? undefined : `job:${jobId}`;
}

/** Records in request order; Zoho reports a job's records only once the whole job is completed. */
function ledgerOf(job: SimInviteJob, now: number): LedgerJob {
  const completed = isCompleted(job, now);
  return {
    id: job.id,
    createdAt: new Date(job.createdAt).toISOString(),
    finished: completed,
    users: ledgerUsers(
      job.records.map((r) => r.id),
      completed ? job.records.length : 0,
      (i) => (job.results[i]?.status === 'success' ? 'succeeded' : 'failed'),
    ),
  };
}

function summaryOf(job: SimInviteJob, now: number): SimInviteJobSummary {
  return {
    id: job.id,
    version: job.version,
    module: job.module,
    recordIds: job.records.map((r) => r.id),
    createdAt: new Date(job.createdAt).toISOString(),
    status: isCompleted(job, now) ? 'completed' : 'in_progress',
  };
}
