/** Per-user outcomes of a finished Move Users job, from its errors endpoint (paged with `start` / `max`). */
import type { ItemOutcome, ProviderJobSnapshot } from '../../domain/job';
import { parseBody } from '../../http/body';
import type { OperationContext } from '../types';
import { MoveUsersErrorsResponseSchema, type MoveUsersErrorItem, type MoveUsersPaging } from './schemas';
import { ensureMoveUsersSuccess, jobPath, orgQuery } from './wire';

/** Safety bound on pages, so a provider that never signals the last page cannot loop us forever. */
const MAX_PAGES = 10_000;

/** Reads every page of `/errors`. Thrown: the typed ProviderErrors; ProviderContractError on a bad body. */
export async function fetchMoveUsersErrors(
  ctx: OperationContext,
  jobId: string,
  orgId: string | undefined,
  pageSize: number,
): Promise<MoveUsersErrorItem[]> {
  const items: MoveUsersErrorItem[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = { ...orgQuery(orgId), start: items.length, max: pageSize };
    const res = await ctx.http.send({ method: 'GET', path: jobPath(jobId, '/errors'), query });
    const body = parseBody('webex', MoveUsersErrorsResponseSchema, ensureMoveUsersSuccess(res));
    items.push(...body.items);
    if (isLastPage(body.items.length, pageSize, body.paging)) break;
  }
  return items;
}

/** Last page: fewer items than asked for (or than the server's own `limit`), or `paging.next` explicitly empty. */
function isLastPage(count: number, pageSize: number, paging: MoveUsersPaging | undefined): boolean {
  const limit = typeof paging?.limit === 'number' && paging.limit > 0 ? Math.min(paging.limit, pageSize) : pageSize;
  if (count === 0 || count < limit) return true;
  const next = paging?.next;
  return next === null || next === '' || (Array.isArray(next) && next.length === 0);
}

/**
 * Item outcomes: listed errors → failed. Users not listed are succeeded when the job ended succeeded/partial; for
 * a failed job with no listed error every user failed; for a failed or cancelled job the unlisted users count as
 * succeeded only when `moved` equals their number (otherwise they stay unreported, i.e. pending).
 */
export function itemsFromErrors(
  errors: readonly MoveUsersErrorItem[],
  userIds: readonly string[],
  snapshot: ProviderJobSnapshot,
): ItemOutcome[] {
  const failed = new Map<string, ItemOutcome>();
  for (const error of errors) {
    const item = failedItem(error, userIds);
    if (!failed.has(item.ref)) failed.set(item.ref, item);
  }
  const unlisted = userIds.filter((id) => !failed.has(id));
  const forUnlisted = unlistedOutcome(snapshot, failed.size, unlisted.length);
  const inBatchOrder = userIds.flatMap((ref): ItemOutcome[] => {
    const listed = failed.get(ref);
    if (listed) return [listed];
    return forUnlisted ? [forUnlisted(ref)] : [];
  });
  const strangers = [...failed.values()].filter((item) => !userIds.includes(item.ref));
  return [...inBatchOrder, ...strangers];
}

function unlistedOutcome(
  snapshot: ProviderJobSnapshot,
  listedFailures: number,
  unlisted: number,
): ((ref: string) => ItemOutcome) | undefined {
  switch (snapshot.state) {
    case 'succeeded':
    case 'partial':
      return (ref) => ({ ref, outcome: 'succeeded' });
    case 'failed':
    case 'cancelled':
      if (snapshot.state === 'failed' && listedFailures === 0) {
        const message = snapshot.reason ?? `Webex move users job ended ${snapshot.providerStatus}`;
        return (ref) => ({ ref, outcome: 'failed', code: 'JOB_FAILED', message });
      }
      if (unlisted > 0 && snapshot.counts.succeeded === unlisted) return (ref) => ({ ref, outcome: 'succeeded' });
      return undefined;
    case 'running':
      return undefined;
  }
}

function failedItem(error: MoveUsersErrorItem, userIds: readonly string[]): ItemOutcome {
  const messages = error.error.message;
  const first = messages[0];
  const code = first?.code ?? error.error.key ?? 'unknown';
  const text = messages.map((m) => m.description?.trim()).filter(Boolean);
  const message = text.length > 0 ? text.join('; ') : `HTTP ${error.error.key ?? '?'}`;
  return { ref: refOf(error, userIds), outcome: 'failed', code: String(code), message };
}

/**
 * The user an error is about. `item` may be the userId itself or, as in the documented example, the bare UUID inside
 * the base64 Webex id (`ciscospark://us/PEOPLE/<uuid>`). Without `item`, `itemNumber` is taken as the 1-based
 * position in the request (the example numbers its first item 1; UNCONFIRMED).
 */
export function refOf(error: MoveUsersErrorItem, userIds: readonly string[]): string {
  if (error.item !== undefined && error.item !== '') return matchUserId(error.item, userIds) ?? error.item;
  return userIds[error.itemNumber - 1] ?? `itemNumber:${error.itemNumber}`;
}

/** The userId of `userIds` that `item` names, directly or by the UUID inside the base64 id. */
export function matchUserId(item: string, userIds: readonly string[]): string | undefined {
  if (userIds.includes(item)) return item;
  const suffix = `/${item.toLowerCase()}`;
  return userIds.find((id) => Buffer.from(id, 'base64').toString('utf8').toLowerCase().endsWith(suffix));
}
