/** The simulator's mutable state: its jobs and current configuration. */
import type { SimRequest } from '../../../simulator/types';
import type { WebexMoveUsersSimConfig } from './config';
import { SIM_ORG_ID } from './ids';
import type { SimMoveJob } from './state';

export interface SimStore {
  /** Insertion order = creation order. */
  readonly jobs: Map<string, SimMoveJob>;
  config: WebexMoveUsersSimConfig;
}

/** The org a request acts in: `orgId` when given, else the token's own (the simulator's) org. */
export function orgOf(req: SimRequest): string {
  return req.query.get('orgId') ?? SIM_ORG_ID;
}

/** The job `jobId` of the request's org, if any. */
export function findJob(store: SimStore, req: SimRequest, jobId: string | undefined): SimMoveJob | undefined {
  const job = jobId === undefined ? undefined : store.jobs.get(jobId);
  return job && job.orgId === orgOf(req) ? job : undefined;
}

/** Parses a non-negative integer query parameter, else `fallback`. */
export function intParam(value: string | null, fallback: number): number {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}
