/**
 * Finding a job by what a person remembers of it. Job ids are `<tenant tag>.<caller tag>.<key>` (job-id.ts), which
 * nobody types; the idempotency key alone names the job whenever the caller and the tenant leave one candidate.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { hasErrorName } from '../domain/errors';
import { callerTag, keyedPartsOf, tenantTagOf } from '../job-id';
import { AmbiguousJobKeyError, JobNotFoundError } from './errors';
import { describeBare } from './bare-execution';
import { listJobs } from './job-reader';
import { IdempotencyKeySchema } from './job-starter';
import type { JobInfo } from './job-view';
import type { CursorKey } from './list-query';

/** Jobs scanned, newest first, when an idempotency key is looked up (visibility cannot match an id's end). */
export const KEY_SCAN_LIMIT = 10_000;
const PAGE_SIZE = 1_000;

export interface LookupOptions {
  /** Who asks: among several jobs with the key, the one this caller started is the one meant. */
  readonly requestedBy?: string;
  /** Only jobs of these tenants (access control); default every tenant. */
  readonly tenants?: readonly string[];
}

/**
 * The jobs (of `tenants`, else all; of `requestedBy`, else anyone's) whose id ends with the idempotency key `key`,
 * among the newest scanned.
 */
export async function jobsWithKey(
  client: Client,
  key: string,
  tenants?: readonly string[],
  requestedBy?: string,
): Promise<JobInfo[]> {
  const found: JobInfo[] = [];
  // The cursors never leave this loop: a key of its own checks them.
  const cursorKey: CursorKey = { secret: randomBytes(32), configured: false };
  let cursor: string | undefined;
  let scanned = 0;
  do {
    const page = await listJobs(client, cursorKey, {
      limit: PAGE_SIZE,
      ...(tenants ? { tenants: [...tenants] } : {}),
      ...(requestedBy === undefined ? {} : { requestedBy }),
      ...(cursor ? { cursor } : {}),
    });
    found.push(...page.jobs.filter((job) => keyedPartsOf(job.jobId)?.key === key));
    scanned += page.jobs.length;
    cursor = page.nextCursor;
  } while (cursor && scanned < KEY_SCAN_LIMIT);
  return found;
}

/**
 * The one job `matches` (jobs with the key `key`) name: the only one, else the only one `requestedBy` started.
 * Thrown when none: `JobNotFoundError` saying what the id looks like; when several: `AmbiguousJobKeyError` listing them.
 */
export function chooseKeyedJob(key: string, matches: readonly JobInfo[], requestedBy?: string): string {
  const own =
    requestedBy === undefined ? [] : matches.filter((m) => keyedPartsOf(m.jobId)?.callerTag === callerTag(requestedBy));
  const [only, ...others] = own.length > 0 ? own : matches;
  if (only && others.length === 0) return only.jobId;
  if (only) throw new AmbiguousJobKeyError(key, own.length > 0 ? own : matches);
  throw new JobNotFoundError(key, notFoundDetail(key));
}

function notFoundDetail(idOrKey: string): string {
  const shape = 'job ids are <tenant tag>.<caller tag>.<idempotency key>, e.g. t1c0e…d2.c4a9…b7.move-2026-11';
  return keyedPartsOf(idOrKey) || tenantTagOf(idOrKey)
    ? shape
    : `no job has the idempotency key ${idOrKey} either (${shape})`;
}

/**
 * The id of the job `idOrKey` names: a job id as it is, else an idempotency key (see `chooseKeyedJob`). Thrown:
 * `JobNotFoundError` (saying what an id looks like), `AmbiguousJobKeyError`.
 */
export async function resolveJobId(client: Client, idOrKey: string, options: LookupOptions = {}): Promise<string> {
  try {
    // Bare: a job whose tenant key was erased still exists, and may still be cancelled.
    await describeBare(client, idOrKey);
    return idOrKey;
  } catch (err) {
    if (!hasErrorName(err, 'JobNotFoundError')) throw err;
  }
  // A full id that names no job is a mistyped id, not a key; so is anything a key cannot be.
  if (keyedPartsOf(idOrKey) || tenantTagOf(idOrKey) || !IdempotencyKeySchema.safeParse(idOrKey).success) {
    throw new JobNotFoundError(idOrKey, notFoundDetail(idOrKey));
  }
  // The caller's own jobs first: a short listing, and the one meant whenever it holds exactly one with the key.
  if (options.requestedBy !== undefined) {
    const own = await jobsWithKey(client, idOrKey, options.tenants, options.requestedBy);
    if (own.length === 1 && own[0]) return own[0].jobId;
  }
  const matches = await jobsWithKey(client, idOrKey, options.tenants);
  return chooseKeyedJob(idOrKey, matches, options.requestedBy);
}
