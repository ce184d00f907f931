/**
 * The Zoho CRM portal bulk invite API as a simulator (CONTRACTS §5): bulk start, status by `job_id` (204 when
 * unknown), the all-jobs listing, Zoho's error bodies, and its concurrency 429 without Retry-After. Jobs progress by
 * status reads or wall time (see the config).
 */
import type { OperationSimulator, SimRoute } from '../../../simulator/types';
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
export interface ZohoInvitePortalUsersSimulator extends OperationSimulator {
  /** Replaces the configuration (omitted fields take defaults); jobs created afterwards follow it. */
  setConfig(config: ZohoInvitePortalUsersSimConfig): void;
  getConfig(): ZohoInvitePortalUsersSimConfig;
  /** Every job created, oldest first. */
  getJobs(): SimInviteJobSummary[];
  jobCount(): number;
}

/** Route pattern of the portal invite path; `:version` and `:module` are checked by the handlers. */
export const PORTAL_INVITE_ROUTE = '/crm/:version/:module/actions/portal_invite';

/** Per-simulator control routes: `POST|GET /__sim/zoho/portal-invite/config`, `GET /__sim/zoho/portal-invite/jobs`. */
export const PORTAL_INVITE_CONTROL_PATH = '/__sim/zoho/portal-invite';

/**
 * Creates the simulator with `initial` configuration (restored by `reset()`).
 * Thrown when `initial` is not a valid configuration (ZodError).
 */
export function createZohoInvitePortalUsersSimulator(
  initial: ZohoInvitePortalUsersSimConfig = {},
): ZohoInvitePortalUsersSimulator {
  const store: SimStore = {
    jobs: new Map(),
    invited: new Map(),
    config: ZohoInvitePortalUsersSimConfigSchema.parse(initial),
    inFlight: 0,
  };
  const getJobs = (): SimInviteJobSummary[] => [...store.jobs.values()].map(summaryOf);
  const route = (method: string, name: string, handler: Parameters<typeof zohoEndpoint>[1]): SimRoute => ({
    method,
    pattern: PORTAL_INVITE_ROUTE,
    endpoint: `zoho.invitePortalUsers.${name}`,
    handle: zohoEndpoint(store, handler),
  });
  return {
    name: 'zoho.invitePortalUsers',
    routes: [
      route('POST', 'start', handleStart),
      // One route answers both the status of one job (`?job_id=`) and the listing of all jobs.
      route('GET', 'status', handleStatus),
      ...['PUT', 'PATCH', 'DELETE'].map((method) => route(method, `method.${method.toLowerCase()}`, handleWrongMethod)),
    ],
    controlRoutes: controlRoutes(store, getJobs),
    errorBody: zohoErrorBodyFor,
    reset: () => {
      store.jobs.clear();
      store.invited.clear();
      store.config = ZohoInvitePortalUsersSimConfigSchema.parse(initial);
    },
    setConfig: (config) => {
      store.config = ZohoInvitePortalUsersSimConfigSchema.parse(config);
    },
    getConfig: () => store.config,
    getJobs,
    jobCount: () => store.jobs.size,
  };
}

function summaryOf(job: SimInviteJob): SimInviteJobSummary {
  return {
    id: job.id,
    version: job.version,
    module: job.module,
    recordIds: job.records.map((r) => r.id),
    createdAt: new Date(job.createdAt).toISOString(),
    status: isCompleted(job, Date.now()) ? 'completed' : 'in_progress',
  };
}

function controlRoutes(store: SimStore, getJobs: () => SimInviteJobSummary[]): SimRoute[] {
  const control = (method: string, path: string, name: string, handle: SimRoute['handle']): SimRoute => ({
    method,
    pattern: `${PORTAL_INVITE_CONTROL_PATH}${path}`,
    endpoint: `sim.zoho.invitePortalUsers.${name}`,
    handle,
  });
  return [
    control('POST', '/config', 'config.set', (req) => {
      const parsed = ZohoInvitePortalUsersSimConfigSchema.safeParse(req.body ?? {});
      if (!parsed.success) return { status: 400, body: { message: parsed.error.message } };
      store.config = parsed.data;
      return { status: 200, body: store.config };
    }),
    control('GET', '/config', 'config.get', () => ({ status: 200, body: store.config })),
    control('GET', '/jobs', 'jobs', () => ({ status: 200, body: { items: getJobs() } })),
  ];
}
