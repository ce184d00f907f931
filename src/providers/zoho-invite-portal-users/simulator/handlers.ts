/** The simulator's endpoints: bulk start, status by job_id, the all-jobs listing, and wrong methods. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimRequest, SimResponse, SimRoute } from '../../../simulator/types';
import { ZOHO_API_VERSIONS } from '../limits';
import { renderJob, jsonAnswer, scheduledEntry, singleInviteEntry } from './render';
import { createSimJob, recordRead, type SimStore } from './state';
import { tooManyRequests, zohoError } from './errors';
import { validateInviteRequest } from './validation';

type Params = Readonly<Record<string, string>>;
type Handler = (store: SimStore, req: SimRequest, params: Params) => SimResponse;

/**
 * Wraps a handler with the URL checks every portal invite call gets (known version, API-name module) and Zoho's
 * concurrency limit: a request beyond `maxConcurrentRequests` in flight is answered 429 without Retry-After.
 */
export function zohoEndpoint(store: SimStore, handler: Handler): SimRoute['handle'] {
  return async (req, params) => {
    const limit = store.config.maxConcurrentRequests;
    if (limit !== undefined && store.requests.inFlight >= limit) return tooManyRequests();
    store.requests.inFlight += 1;
    try {
      if (store.config.latencyMs) await sleep(store.config.latencyMs);
      return urlProblem(params) ?? handler(store, req, params);
    } finally {
      store.requests.inFlight -= 1;
    }
  };
}

function urlProblem(params: Params): SimResponse | undefined {
  const known = (ZOHO_API_VERSIONS as readonly string[]).includes(params.version ?? '');
  if (known && /^[A-Za-z][A-Za-z0-9_]*$/.test(params.module ?? '')) return undefined;
  return zohoError(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one');
}

/** POST: 400 with a documented error on a bad body, else 200 `SCHEDULED` with the new job's id. */
export const handleStart: Handler = (store, req, params) => {
  const checked = validateInviteRequest(req.body, store.config.maxRecordsPerRequest);
  if (!checked.ok) return checked.response;
  const [first] = checked.records;
  if (store.config.startShape === 'singleInvite' && first) {
    return jsonAnswer({ portal_invite: [singleInviteEntry(first.id)] }, false);
  }
  const job = createSimJob(store, targetOf(params), checked.records, Date.now());
  store.jobs.set(job.id, job);
  return jsonAnswer({ portal_invite: [scheduledEntry(job.id)] }, store.config.numericJobIds);
};

/** GET with `job_id`: that job, or 204 with no body when unknown; without: every job of the module, or 204 if none. */
export const handleStatus: Handler = (store, req, params) => {
  const jobId = req.query.get('job_id');
  const { module } = targetOf(params);
  const jobs = [...store.jobs.values()].filter((job) => job.module === module && (jobId === null || job.id === jobId));
  if (jobs.length === 0) return { status: 204 };
  const now = Date.now();
  const rendered = jobs.map((job) => {
    recordRead(job);
    return renderJob(job, now);
  });
  return jsonAnswer({ portal_invite: rendered }, store.config.numericJobIds);
};

/** Any other method on the path: Zoho answers 400 INVALID_REQUEST_METHOD. */
export const handleWrongMethod: Handler = () =>
  zohoError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');

function targetOf(params: Params): { version: string; module: string } {
  return { version: params.version ?? '', module: params.module ?? '' };
}
