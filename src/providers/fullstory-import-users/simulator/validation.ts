/**
 * What the simulator refuses outright (the whole request: 400) and what fails one user inside an accepted job.
 * FullStory documents neither its per-user codes nor which checks are request-level; the choices here are ours
 * (docs/operations.md): gRPC-style snake_case codes as FullStory's API uses elsewhere.
 */
import { z } from 'zod';
import { MAX_REQUESTS_PER_BATCH } from '../limits';
import { propertyProblems } from '../properties';
import { BatchUserImportRequestSchema, type BatchUserImportRequest, type FullStoryErrorBody } from '../schemas';
import { fullstoryError } from './errors';

const LooseBodySchema = z.object({ requests: z.array(z.unknown()).optional() });
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type SimBodyCheck =
  | { readonly ok: true; readonly requests: readonly BatchUserImportRequest[] }
  | { readonly ok: false; readonly error: FullStoryErrorBody };

/** Request-level checks of a create body: `requests` present, 1..50,000 objects, each naming a `uid` or an `id`. */
export function checkCreateBody(body: unknown): SimBodyCheck {
  const parsed = LooseBodySchema.safeParse(body);
  if (!parsed.success) return refuse('invalid_argument', 'request body must be a JSON object');
  const raw = parsed.data.requests ?? [];
  if (raw.length === 0) return refuse('required_field', 'requests is required');
  if (raw.length > MAX_REQUESTS_PER_BATCH) {
    return refuse('invalid_argument', `requests must contain at most ${MAX_REQUESTS_PER_BATCH} items`);
  }
  const requests: BatchUserImportRequest[] = [];
  for (const [i, item] of raw.entries()) {
    const request = BatchUserImportRequestSchema.safeParse(item);
    if (!request.success) return refuse('invalid_argument', `requests[${i}] is not a valid user`);
    if (!request.data.uid && !request.data.id) return refuse('required_field', 'uid is required');
    requests.push(request.data);
  }
  return { ok: true, requests };
}

function refuse(code: string, message: string): SimBodyCheck {
  return { ok: false, error: fullstoryError(code, message) };
}

/**
 * Why the job fails this user, if it does: a uid containing `FAIL` (or listed in `failUids`) →
 * `failed_precondition`; an invalid e-mail, an over-long field or a property breaking FullStory's rules →
 * `invalid_argument`.
 */
export function itemFailure(user: BatchUserImportRequest, failUids: readonly string[]): FullStoryErrorBody | undefined {
  const uid = user.uid ?? '';
  if (uid.includes('FAIL') || failUids.includes(uid)) {
    return fullstoryError('failed_precondition', `user ${JSON.stringify(uid)} could not be imported`);
  }
  if (uid.length > 256) return fullstoryError('invalid_argument', 'uid must be at most 256 characters');
  if ((user.display_name?.length ?? 0) > 256) {
    return fullstoryError('invalid_argument', 'display_name must be at most 256 characters');
  }
  if (user.email !== undefined && (user.email.length > 128 || !EMAIL.test(user.email))) {
    return fullstoryError('invalid_argument', `invalid email address ${JSON.stringify(user.email)}`);
  }
  const problem = user.properties === undefined ? undefined : propertyProblems(user.properties)[0];
  if (problem) {
    const where = problem.path.length > 0 ? `properties.${problem.path.join('.')}` : 'properties';
    return fullstoryError('invalid_argument', `${where}: ${problem.message}`);
  }
  return undefined;
}
