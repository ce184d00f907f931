/**
 * Renders simulated jobs in the exact wire shapes of docs/contracts.md#fullstoryimportusers-payloads (the fixtures'
 * field sets and formats).
 */
import type { SimImportJob, SimImportUser, SimJobView } from './state';

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** 200 answer to the create call: `{ job: { id, status, created } }`. */
export function renderCreated(job: SimImportJob): unknown {
  return { job: { id: job.id, status: 'PROCESSING', created: iso(job.createdAt) } };
}

/** `JobStatusResponse`: `errors` only when some failed, `finished` only once finished. */
export function renderStatus(job: SimImportJob, view: SimJobView): unknown {
  return {
    imports: view.imports,
    ...(view.errors > 0 ? { errors: view.errors } : {}),
    job: {
      id: job.id,
      status: view.status,
      created: iso(job.createdAt),
      ...(job.finishedAt === undefined ? {} : { finished: iso(job.finishedAt) }),
    },
  };
}

/** One `/errors` result: the message, the code and the original request item. */
export function renderError(user: SimImportUser): unknown {
  return { message: user.failure?.message ?? '', code: user.failure?.code ?? '', user: user.request };
}

/** One `/imports` result, shaped like the documented example (with FullStory's id for the user). */
export function renderImport(user: SimImportUser): unknown {
  const { uid, display_name, email, properties, schema } = user.request;
  return {
    id: user.fsId,
    ...(uid === undefined ? {} : { uid }),
    ...(display_name === undefined ? {} : { display_name }),
    ...(email === undefined ? {} : { email }),
    ...(properties === undefined ? {} : { properties }),
    schema: schema ?? null,
    type_conflicts: null,
  };
}

/** `page_token` of the page starting at `offset` of job `jobId`: opaque to clients. */
export function pageToken(jobId: string, offset: number): string {
  return Buffer.from(`${jobId}|${offset}`, 'utf8').toString('base64url');
}

/** The offset a `page_token` stands for, or undefined when it is not one of `jobId`'s tokens. */
export function offsetOf(token: string, jobId: string): number | undefined {
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  const cut = decoded.lastIndexOf('|');
  if (cut < 0 || decoded.slice(0, cut) !== jobId) return undefined;
  const offset = Number(decoded.slice(cut + 1));
  return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
}
