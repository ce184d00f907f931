/**
 * Where a started job's id is found (docs/contracts.md#oraclesyncusers-unconfirmed-points): the `Location` header
 * points at the job-status resource (`…/user/status/95733`, absolute or relative), and the docs' walkthrough says the
 * request "returns a job ID… assume the response is 95733", so the body may carry it too: a bare number, a numeric
 * string, or an object.
 */
import { parseJson } from './wire';

/** Path segments that name resources, never a job id (a `Location` ending in one carries no id). */
const RESOURCE_SEGMENTS = new Set(['cloudapi', 'restapi', 'v1', 'v2', 'v3', 'user', 'users', 'status', 'draft', 'log']);
const ID = /^[\w.~-]+$/;
const NUMERIC = /^\d+$/;
/** Field names an object body may carry the id under, compared case-insensitively, in order of preference. */
const ID_FIELDS = ['jobid', 'job_id', 'id'];

/** The job id in a `Location` value (the last path segment), or `undefined`. Query and fragment are ignored. */
export function jobIdFromLocation(location: string | null | undefined): string | undefined {
  const value = location?.trim();
  if (!value) return undefined;
  let pathname: string;
  try {
    pathname = new URL(value, 'http://relative.invalid/').pathname;
  } catch {
    return undefined;
  }
  const last = pathname.split('/').filter(Boolean).at(-1);
  const id = last === undefined ? undefined : safeDecode(last);
  return id !== undefined && ID.test(id) && !RESOURCE_SEGMENTS.has(id.toLowerCase()) ? id : undefined;
}

/** The job id in a start answer's body, or `undefined`: `95733`, `"95733"`, or `{ jobId | job_id | id: … }`. */
export function jobIdFromBody(text: string): string | undefined {
  const body = parseJson(text);
  if (body === undefined) return undefined;
  return idOf(body, true) ?? fromObject(body);
}

function fromObject(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const entries = Object.entries(body as Record<string, unknown>);
  for (const field of ID_FIELDS) {
    const entry = entries.find(([key]) => key.toLowerCase() === field);
    const id = entry === undefined ? undefined : idOf(entry[1], false);
    if (id !== undefined) return id;
  }
  // `{ job: { id } }`-style nesting, one level deep.
  const nested = entries.find(([key]) => key.toLowerCase() === 'job')?.[1];
  return nested === undefined ? undefined : fromObject(nested);
}

/** A number, or a string id; a bare string body must be numeric (a word such as "Accepted" is no id). */
function idOf(value: unknown, bare: boolean): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const id = value.trim();
  return (bare ? NUMERIC : ID).test(id) ? id : undefined;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
