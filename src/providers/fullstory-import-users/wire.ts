/** Paths shared by every FullStory batch import call, and the answer `/errors` and `/imports` give too early. */
import { ProviderUnavailableError } from '../../domain/errors';
import { classifyResponse } from '../../http/classify';
import type { HttpResponse } from '../../http/types';

/** Paths include `/v2`: the FullStory connection's base URL is the origin, `https://api.fullstory.com`. */
export const BATCH_IMPORT_PATH = '/v2/users/batch';

/** The two per-item result lists of a job. */
export type ResultsEndpoint = 'errors' | 'imports';

/** Path of one job, optionally followed by `suffix` (e.g. `/errors`). */
export function jobPath(jobId: string, suffix = ''): string {
  return `${BATCH_IMPORT_PATH}/${encodeURIComponent(jobId)}${suffix}`;
}

/**
 * `/errors` and `/imports` answer 202 while the job is still processing
 * (docs/contracts.md#fullstoryimportusers-endpoints). After a terminal status that is a transient lag, so it becomes a
 * retryable ProviderUnavailableError (the collecting activity retries), carrying any `Retry-After` the answer gave.
 */
export function resultsNotReady(jobId: string, endpoint: ResultsEndpoint, res: HttpResponse): ProviderUnavailableError {
  const outcome = classifyResponse(res);
  const retryAfterMs = outcome.kind === 'accepted' ? outcome.retryAfterMs : undefined;
  return new ProviderUnavailableError(
    'fullstory',
    `results of batch import job ${jobId} are not ready: /${endpoint} answered 202 (job still processing)`,
    { status: res.status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
  );
}
