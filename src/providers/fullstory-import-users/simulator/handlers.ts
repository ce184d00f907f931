/** The simulator's per-job endpoints: status, and the paged `/errors` and `/imports` lists. */
import type { SimRequest, SimResponse } from '../../../simulator/types';
import { fullstoryError, fullstoryErrorBody } from './errors';
import { offsetOf, pageToken, renderError, renderImport, renderStatus } from './render';
import { inProgress, recordStatusRead, settle, viewOf, type SimImportJob, type SimImportUser } from './state';
import type { SimStore } from './store';

type JobHandler = (store: SimStore, job: SimImportJob, req: SimRequest) => SimResponse;

/** Wraps a per-job handler: settles the jobs first; an unknown job → 404 `resource_not_found`. */
export function forJob(
  store: SimStore,
  handler: JobHandler,
): (req: SimRequest, params: Readonly<Record<string, string>>) => SimResponse {
  return (req, params) => {
    settle(store.jobs.values(), store.effective, req.receivedAt);
    const job = params.jobId === undefined ? undefined : store.jobs.get(params.jobId);
    return job ? handler(store, job, req) : { status: 404, body: fullstoryErrorBody(404) };
  };
}

/** GET status: counts one read (which advances a polls-driven running job), then renders. */
export const handleStatus: JobHandler = (store, job, req) => {
  recordStatusRead(job);
  settle(store.jobs.values(), store.effective, req.receivedAt);
  const view = viewOf(job, req.receivedAt);
  const summary = { ...view, imports: view.imports + store.effective.summaryExtraImports };
  return { status: 200, body: renderStatus(job, summary) };
};

/** GET `/errors`: the failed users with their message, code and request item. */
export const handleErrors: JobHandler = (store, job, req) =>
  resultsPage(store, job, req, (u) => u.failure !== undefined, renderError);

/** GET `/imports`: the imported users. */
export const handleImports: JobHandler = (store, job, req) =>
  resultsPage(store, job, req, (u) => u.failure === undefined, renderImport);

/**
 * One page of results, paged with `page_token`. While the job is in progress: 202 with an empty-looking page
 * (FullStory documents only the 202; the body is our choice, and it is what a careless client would misread as
 * "no results"). An unknown token → 400 `invalid_argument`.
 */
function resultsPage(
  store: SimStore,
  job: SimImportJob,
  req: SimRequest,
  include: (user: SimImportUser) => boolean,
  render: (user: SimImportUser) => unknown,
): SimResponse {
  if (inProgress(job)) return { status: 202, body: { results: [], total_records: '0' } };
  const token = req.query.get('page_token');
  const offset = token === null || token === '' ? 0 : offsetOf(token, job.id);
  if (offset === undefined) return { status: 400, body: fullstoryError('invalid_argument', 'invalid page_token') };
  const all = job.users.filter(include);
  const end = offset + store.effective.pageSize;
  const next = end < all.length ? { next_page_token: pageToken(job.id, end) } : lastPageToken(store);
  const results = all.slice(offset, end).map(render);
  return { status: 200, body: { results, total_records: String(all.length), ...next } };
}

function lastPageToken(store: SimStore): { next_page_token?: string } {
  return store.effective.lastPageToken === 'empty' ? { next_page_token: '' } : {};
}
