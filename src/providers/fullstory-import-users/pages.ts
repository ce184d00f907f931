/**
 * Reads every page of a job's `/errors` or `/imports`, following `page_token`
 * (docs/contracts.md#fullstoryimportusers-per-item-results).
 */
import type { z } from 'zod';
import { ProviderContractError } from '../../domain/errors';
import { parseBody } from '../../http/body';
import { ensureSuccess } from '../../http/classify';
import type { OperationContext } from '../types';
import { MAX_REQUESTS_PER_BATCH } from './limits';
import { jobPath, resultsNotReady, type ResultsEndpoint } from './wire';

/** A page never lists fewer than one result unless it is the last, so a batch has at most this many pages. */
const MAX_PAGES = MAX_REQUESTS_PER_BATCH + 1;

interface Page<T> {
  readonly results: T[];
  readonly next_page_token?: string | null | undefined;
}

/**
 * All results of `endpoint`, in page order. The last page is the one without `next_page_token`; an empty token counts
 * as absent too (which of the two FullStory sends is UNCONFIRMED,
 * docs/contracts.md#fullstoryimportusers-unconfirmed-points). Thrown: ProviderUnavailableError (retryable) on a 202
 * (job still processing); the typed ProviderErrors of `ensureSuccess`; ProviderContractError on a bad body, a page
 * token seen before, or runaway paging.
 */
export async function fetchAllPages<T>(
  ctx: OperationContext,
  jobId: string,
  endpoint: ResultsEndpoint,
  schema: z.ZodType<Page<T>>,
): Promise<T[]> {
  const results: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = token === undefined ? {} : { page_token: token };
    const res = await ctx.http.send({ method: 'GET', path: jobPath(jobId, `/${endpoint}`), query });
    if (res.status === 202) throw resultsNotReady(jobId, endpoint, res);
    const body = parseBody('fullstory', schema, ensureSuccess('fullstory', res));
    results.push(...body.results);
    const next = body.next_page_token ?? '';
    if (next === '') return results;
    if (seen.has(next))
      throw new ProviderContractError('fullstory', 'next_page_token', 'repeats an earlier page token');
    seen.add(next);
    token = next;
  }
  throw new ProviderContractError('fullstory', 'next_page_token', `still paging after ${MAX_PAGES} pages`);
}
