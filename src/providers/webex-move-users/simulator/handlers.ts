/** The simulator's per-job endpoints: status, errors, actions and the errors CSV. */
import type { SimRequest, SimResponse } from '../../../simulator/types';
import { webexErrorBody } from '../../../simulator/webex-error';
import { renderErrorsPage, renderJob } from './render';
import { applyAction, recordStatusRead, viewOf, type SimMoveJob } from './state';
import { findJob, intParam, type SimStore } from './store';

type JobHandler = (store: SimStore, job: SimMoveJob, req: SimRequest) => SimResponse;

/** Wraps a per-job handler: unknown job (or another org's) → 404 in the Webex error shape. */
export function forJob(
  store: SimStore,
  handler: JobHandler,
  idOf: (params: Readonly<Record<string, string>>) => string | undefined = (p) => p.jobId,
): (req: SimRequest, params: Readonly<Record<string, string>>) => SimResponse {
  return (req, params) => {
    const job = findJob(store, req, idOf(params));
    return job ? handler(store, job, req) : { status: 404, body: webexErrorBody('Job not found.') };
  };
}

/** GET status: counts one read (which advances a polls-driven job), then renders. */
export const handleStatus: JobHandler = (store, job, req) => {
  const now = Date.now();
  recordStatusRead(job);
  const view = viewOf(job, now, store.config.pausedStatus);
  return { status: 200, body: renderJob(job, view, now, { name: true, origin: req.origin }) };
};

/** GET errors, paged with `start` / `max` (default 2000). */
export const handleErrors: JobHandler = (store, job, req) => {
  const start = intParam(req.query.get('start'), 0);
  const max = Math.max(1, intParam(req.query.get('max'), 2000));
  const view = viewOf(job, Date.now(), store.config.pausedStatus);
  const pageUrl = (s: number): string => {
    const query = new URLSearchParams(req.query);
    query.set('start', String(s));
    return `${req.origin}${req.path}?${query.toString()}`;
  };
  return { status: 200, body: renderErrorsPage(job, view, start, max, pageUrl) };
};

/** POST actions/{pause|resume|abandon}/invoke: 202 (configurable) with no body; 409 when the state forbids it. */
export function actionHandler(action: 'pause' | 'resume' | 'abandon'): JobHandler {
  return (store, job) => {
    const result = applyAction(job, action, Date.now());
    if (!result.ok) return { status: 409, body: webexErrorBody(result.reason) };
    const status = action === 'abandon' ? store.config.abandonStatus : store.config.actionStatus;
    return { status: status ?? 202 };
  };
}

/** GET the errors CSV (what `csvFileDownloadUrl` points at). */
export const handleCsv: JobHandler = (store, job) => {
  const view = viewOf(job, Date.now(), store.config.pausedStatus);
  const failed = job.users.slice(0, view.processed).filter((u) => u.fails);
  const rows = failed.map((u) => `${u.userId},${u.locationId},19605,User is assigned services not authorized`);
  const text = ['userId,locationId,errorCode,description', ...rows].join('\n');
  return { status: 200, headers: { 'content-type': 'text/csv' }, body: `${text}\n` };
};
