/** The simulator's endpoints: start (one running job per org), status, and errors paged by `Link` headers. */
import type { SimRequest, SimResponse } from '../../../simulator/types';
import { webexErrorBody } from '../../../simulator/webex-error';
import { DEFAULT_ERRORS_MAX } from './config';
import { renderErrorItem, renderJob } from './render';
import { createSimJob, listedErrors, recordStatusRead, viewOf } from './state';
import { findJob, type SimStore } from './store';
import { simTrackingId } from './ids';

type Params = Readonly<Record<string, string>>;

/**
 * The message of the refusal of a second job for an org (the live wording is UNCONFIRMED,
 * docs/contracts.md#webexresendactivationemails-unconfirmed-points).
 */
export const ALREADY_RUNNING_MESSAGE = 'A resend activation email job is already running for this organization.';

/** POST (no body): 202 with the new job, or the conflict status while the org's previous job still runs. */
export function handleStart(store: SimStore, _req: SimRequest, params: Params): SimResponse {
  const orgId = params.orgId ?? '';
  const now = Date.now();
  const running = [...store.jobs.values()].find((job) => job.orgId === orgId && !viewOf(job, now).terminal);
  if (running) {
    return {
      status: store.config.conflictStatus ?? 409,
      body: webexErrorBody(ALREADY_RUNNING_MESSAGE, simTrackingId()),
    };
  }
  const job = createSimJob(orgId, store.config, now);
  store.jobs.set(job.id, job);
  return { status: 202, body: renderJob(job, viewOf(job, now), now) };
}

/** GET status: counts one read (which advances a polls-driven job), then renders; unknown job → 404. */
export function handleStatus(store: SimStore, _req: SimRequest, params: Params): SimResponse {
  const job = findJob(store, params.orgId ?? '', params.jobId ?? '');
  if (!job) return notFound();
  recordStatusRead(job);
  const now = Date.now();
  return { status: 200, body: renderJob(job, viewOf(job, now), now) };
}

/**
 * GET errors: `max` items from an opaque `cursor`, and a `Link` header with `rel="next"` (and `rel="prev"` after
 * the first page) while more remain. A bad `max` or `cursor` → 400.
 */
export function handleErrors(store: SimStore, req: SimRequest, params: Params): SimResponse {
  const job = findJob(store, params.orgId ?? '', params.jobId ?? '');
  if (!job) return notFound();
  const max = positiveInt(req.query.get('max'), store.config.errorsDefaultMax ?? DEFAULT_ERRORS_MAX);
  const offset = offsetOf(req.query.get('cursor'));
  if (max === undefined || offset === undefined) {
    return { status: 400, body: webexErrorBody('Invalid max or cursor.', simTrackingId()) };
  }
  const listed = listedErrors(job, viewOf(job, Date.now()));
  const items = listed.slice(offset, offset + max).map(({ index, outcome }) => renderErrorItem(job, index, outcome));
  const pageUrl = (at: number): string => {
    const query = new URLSearchParams({ max: String(max), cursor: cursorOf(at) });
    const path = `${req.path}?${query.toString()}`;
    return store.config.linkStyle === 'relative' ? path : `${req.origin}${path}`;
  };
  const links = [
    ...(offset + max < listed.length ? [`<${pageUrl(offset + max)}>; rel="next"`] : []),
    ...(offset > 0 ? [`<${pageUrl(Math.max(0, offset - max))}>; rel="prev"`] : []),
  ];
  return { status: 200, headers: links.length > 0 ? { link: links.join(', ') } : {}, body: { items } };
}

function notFound(): SimResponse {
  return { status: 404, body: webexErrorBody('The requested resource could not be found.', simTrackingId()) };
}

function positiveInt(value: string | null, fallback: number): number | undefined {
  if (value === null) return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** The cursor is opaque to clients, as Webex's are: base64url of the offset. */
function cursorOf(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

function offsetOf(cursor: string | null): number | undefined {
  if (cursor === null) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m?.[1] === undefined ? undefined : Number(m[1]);
}
