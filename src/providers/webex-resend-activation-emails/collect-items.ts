/** Per-user outcomes of a finished activation-email job, from its errors endpoint (paged by `Link` headers). */
import { ProviderContractError } from '../../domain/errors';
import type { ItemOutcome } from '../../domain/job';
import { parseBody } from '../../http/body';
import { ensureSuccess } from '../../http/classify';
import type { HttpResponse } from '../../http/types';
import type { OperationContext } from '../types';
import { MAX_ERROR_PAGES } from './limits';
import { nextLinkOf } from './link-header';
import { ActivationEmailsErrorsResponseSchema, ALREADY_INVITED_CODE, type ActivationEmailsErrorItem } from './schemas';
import { jobPath } from './wire';

/**
 * Reads every page of `/errors`: the first with `max`, then each `rel="next"` target as given (it already carries
 * `max` and the cursor). Thrown: the typed ProviderErrors; ProviderContractError on a bad body, or on a `next` link
 * that leaves the provider's origin, cannot be parsed or points back to a page already read.
 */
export async function fetchActivationEmailErrors(
  ctx: OperationContext,
  orgId: string,
  jobId: string,
  pageSize: number,
): Promise<ActivationEmailsErrorItem[]> {
  const items: ActivationEmailsErrorItem[] = [];
  const seen = new Set<string>();
  let res = await ctx.http.send({ method: 'GET', path: jobPath(orgId, jobId, '/errors'), query: { max: pageSize } });
  for (let page = 1; ; page += 1) {
    items.push(...parseBody('webex', ActivationEmailsErrorsResponseSchema, ensureSuccess('webex', res)).items);
    seen.add(res.url);
    const next = nextPage(res, seen);
    if (next === undefined) return items;
    if (page >= MAX_ERROR_PAGES) throw linkError(res, `more than ${MAX_ERROR_PAGES} pages`);
    res = await ctx.http.send({ method: 'GET', path: next });
  }
}

function nextPage(res: HttpResponse, seen: ReadonlySet<string>): string | undefined {
  let next: string | undefined;
  try {
    next = nextLinkOf(res.headers.get('link'), res.url);
  } catch {
    throw linkError(res, 'the rel="next" target is not a URL');
  }
  if (next === undefined) return undefined;
  // The client refuses other origins with a plain Error; a provider sending us elsewhere is a contract breach.
  if (new URL(next).origin !== new URL(res.url).origin) throw linkError(res, 'the rel="next" target is another origin');
  if (seen.has(next)) throw linkError(res, 'the rel="next" target is a page already read');
  return next;
}

function linkError(res: HttpResponse, problem: string): ProviderContractError {
  const trackingId = res.headers.get('trackingid');
  return new ProviderContractError('webex', 'headers.link', problem, {
    status: res.status,
    ...(trackingId ? { trackingId } : {}),
  });
}

/**
 * Item outcomes of the listed errors, in order: `ATLAS-600199` (already invited in the last 24 hours) → skipped,
 * anything else → failed, each with its code and description. Users e-mailed successfully are not listed by Webex,
 * so they appear only in the counts. A user listed twice (overlapping pages) is kept once.
 */
export function itemsFromErrors(errors: readonly ActivationEmailsErrorItem[]): ItemOutcome[] {
  const byRef = new Map<string, ItemOutcome>();
  errors.forEach((error, index) => {
    const item = outcomeOf(error, index);
    if (!byRef.has(item.ref)) byRef.set(item.ref, item);
  });
  return [...byRef.values()];
}

function outcomeOf(error: ActivationEmailsErrorItem, index: number): ItemOutcome {
  const messages = error.error.message;
  const codes = messages.flatMap((m) => (m.code === undefined || m.code === null ? [] : [String(m.code)]));
  const skipped = codes.includes(ALREADY_INVITED_CODE);
  const code = skipped ? ALREADY_INVITED_CODE : (codes[0] ?? error.error.key ?? 'unknown');
  const text = messages.map((m) => m.description?.trim()).filter(Boolean);
  const message = text.length > 0 ? text.join('; ') : `HTTP ${error.error.key ?? '?'}`;
  return { ref: refOf(error, index), outcome: skipped ? 'skipped' : 'failed', code, message };
}

/**
 * The user an error is about. The spec's error item names no user (the example carries only `itemNumber` and the
 * user's UUID and e-mail inside the description, UNCONFIRMED as a stable format): `item` when present, else
 * `item-<itemNumber>`, else `error-<position>`.
 */
export function refOf(error: ActivationEmailsErrorItem, index: number): string {
  if (error.item) return error.item;
  return error.itemNumber === undefined ? `error-${index + 1}` : `item-${error.itemNumber}`;
}
