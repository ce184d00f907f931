/**
 * The simulator's create call: Idempotency-Key replay (docs/contracts.md#fullstoryimportusers-endpoints), the org
 * limits that answer 429, request-level validation, then a new job.
 */
import type { SimRequest, SimResponse } from '../../../simulator/types';
import { fullstoryError, fullstoryErrorBody } from './errors';
import { renderCreated } from './render';
import { createSimJob, inProgress, settle } from './state';
import { idempotencyKeyOf, type SimStore } from './store';
import { checkCreateBody } from './validation';

/**
 * POST `/v2/users/batch`. A repeated key with the same body gets the saved answer again (no new job); with another
 * body, 409 `idempotency_conflict` (FullStory only says it "errors"; status and code are our choice). Answers are
 * saved only once the endpoint ran: 429s are not saved, so a retry after `Retry-After` is really retried.
 */
export function handleStart(store: SimStore, req: SimRequest): SimResponse {
  const now = req.receivedAt;
  const key = idempotencyKeyOf(req.headers);
  const body = JSON.stringify(req.body ?? null);
  if (key !== undefined) {
    const saved = store.idempotency.get(key);
    if (saved && now - saved.savedAt < store.effective.idempotencyTtlMs) {
      if (saved.body === body) return saved.response;
      const message = 'Idempotency-Key was already used with a different request body';
      return { status: 409, body: fullstoryError('idempotency_conflict', message) };
    }
  }
  const answer = createJob(store, req, now, key);
  if (key !== undefined && answer.status !== 429) store.idempotency.set(key, { body, response: answer, savedAt: now });
  return answer;
}

function createJob(store: SimStore, req: SimRequest, now: number, key: string | undefined): SimResponse {
  const limited = limitAnswer(store, now);
  if (limited) return limited;
  const checked = checkCreateBody(req.body);
  if (!checked.ok) return { status: 400, body: checked.error };
  const job = createSimJob(checked.requests, store.effective, now, key);
  store.jobs.set(job.id, job);
  settle(store.jobs.values(), store.effective, now);
  return { status: 200, body: renderCreated(job) };
}

/** 429 with `Retry-After` once the org has too many batches or operations in progress (documented special limits). */
function limitAnswer(store: SimStore, now: number): SimResponse | undefined {
  settle(store.jobs.values(), store.effective, now);
  const active = [...store.jobs.values()].filter(inProgress);
  const operations = active.reduce((sum, job) => sum + job.users.length, 0);
  const { maxInProgressBatches, maxInProgressOperations, retryAfterSeconds } = store.effective;
  if (active.length < maxInProgressBatches && operations < maxInProgressOperations) return undefined;
  return { status: 429, headers: { 'retry-after': String(retryAfterSeconds) }, body: fullstoryErrorBody(429) };
}
