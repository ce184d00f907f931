/** The simulator's endpoints: start (POST …/user), status, and the job's `/draft` CSV and `/log`. */
import type { SimRequest, SimResponse, SimRoute } from '../../../simulator/types';
import { oracleErrorBody, renderDraftCsv, renderEcho, renderLog, statusResourcePath } from './render';
import { createSimJob, hasRunningJob, isComplete, recordStatusRead, type SimStore, type SimUserJob } from './state';
import { validateUserRequest } from './validation';

export type ApiVersion = 'v1' | 'v3';
type Handle = SimRoute['handle'];
type JobHandler = (store: SimStore, job: SimUserJob, req: SimRequest) => SimResponse;

/**
 * Oracle's rule for a second job (docs/contracts.md#oraclesyncusers-limits); the status code and body are UNCONFIRMED.
 */
export const JOB_IN_PROGRESS_MESSAGE =
  'The previous create user operation must complete before another create user operation is allowed.';

/** POST: 400 on bad input, 409 while another job runs, else 202 + `Location` and the job id in the body. */
export function startHandler(store: SimStore, version: ApiVersion): Handle {
  return (req) => {
    const refused = versionRefusal(store, req, version);
    if (refused) return refused;
    const checked = validateUserRequest(req.body, store.config.maxUsersPerRequest);
    if (!checked.ok) {
      const message = `Invalid input, Please check. ${checked.problems.join('; ')}`;
      return { status: 400, body: oracleErrorBody(400, message, 'INVALID_INPUT') };
    }
    const now = Date.now();
    if (store.config.conflictWhileRunning !== false && hasRunningJob(store, now)) {
      return { status: 409, body: oracleErrorBody(409, JOB_IN_PROGRESS_MESSAGE, 'USER_JOB_IN_PROGRESS') };
    }
    const job = createSimJob(store, checked.lists, version, now);
    const style = store.config.locationStyle ?? 'relative';
    const body = startBody(store, job);
    const headers: Record<string, string> = body.body === undefined ? {} : { 'content-type': 'application/json' };
    if (style !== 'none') headers['location'] = locationOf(job, req, style);
    return { status: 202, headers, ...body };
  };
}

function startBody(store: SimStore, job: SimUserJob): Pick<SimResponse, 'body'> {
  switch (store.config.startBody ?? 'number') {
    case 'number':
      return { body: Number(job.id) };
    case 'string':
      // Sent as the JSON string literal `"95733"`.
      return { body: JSON.stringify(job.id) };
    case 'object':
      return { body: { jobId: Number(job.id) } };
    case 'empty':
      return {};
  }
}

function locationOf(job: SimUserJob, req: SimRequest, style: 'relative' | 'absolute'): string {
  const path = statusResourcePath(job);
  return style === 'absolute' ? `${req.origin}${path}` : path;
}

/** Wraps a per-job handler: auth by API version, then unknown job → 404 in Oracle's error shape. */
export function forJob(store: SimStore, version: ApiVersion, handler: JobHandler): Handle {
  return (req, params) => {
    const refused = versionRefusal(store, req, version);
    if (refused) return refused;
    const job = params.jobId === undefined ? undefined : store.jobs.get(params.jobId);
    if (job) return handler(store, job, req);
    return { status: 404, body: oracleErrorBody(404, `Job ${params.jobId ?? ''} not found.`, 'JOB_NOT_FOUND') };
  };
}

/** GET status: counts one read, then 202 (+ `Location`, optional `Retry-After`) while running, 200 when done. */
export const handleStatus: JobHandler = (store, job, req) => {
  const now = Date.now();
  recordStatusRead(job, now);
  const body = renderEcho(job, now);
  if (isComplete(job, now)) return { status: 200, body };
  const retryAfter = store.config.retryAfterSeconds;
  const style = store.config.locationStyle === 'absolute' ? 'absolute' : 'relative';
  const headers: Record<string, string> = { location: locationOf(job, req, style) };
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  return { status: 202, headers, body };
};

/** GET /draft: the failed users as CSV (served as a file, like Oracle's octet-stream download). */
export const handleDraft: JobHandler = (_store, job) => ({
  status: 200,
  headers: { 'content-type': 'application/octet-stream' },
  body: renderDraftCsv(job, Date.now()),
});

/** GET /log: the job's log as text. */
export const handleLog: JobHandler = (_store, job) => ({
  status: 200,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: renderLog(job, Date.now()),
});

/**
 * Oracle takes Bearer tokens on v3 only and Basic credentials on v1/v2 only
 * (docs/contracts.md#oraclesyncusers-endpoints).
 */
function versionRefusal(store: SimStore, req: SimRequest, version: ApiVersion): SimResponse | undefined {
  if (store.config.authByVersion === false) return undefined;
  const scheme = /^([A-Za-z-]+)\s/.exec(req.headers.authorization ?? '')?.[1]?.toLowerCase();
  if (scheme === 'bearer' && version === 'v1') {
    return { status: 401, body: oracleErrorBody(401, 'OAuth tokens are accepted by the v3 API only.') };
  }
  if (scheme === 'basic' && version === 'v3') {
    return { status: 401, body: oracleErrorBody(401, 'The v3 API accepts OAuth tokens only.') };
  }
  return undefined;
}
