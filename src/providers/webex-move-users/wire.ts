/** Paths, query and error handling shared by every Move Users call. */
import { ProviderRejectedError, type ProviderErrorDetails } from '../../domain/errors';
import { ensureSuccess } from '../../http/classify';
import type { HttpResponse } from '../../http/types';
import { MoveUsersErrorResponseSchema, type MoveUsersErrorResponse } from './schemas';

/** Paths include `/v1`: the Webex connection's base URL is the origin, `https://webexapis.com`. */
export const MOVE_USERS_PATH = '/v1/telephony/config/jobs/person/moveLocation';

/** Path of one job, optionally followed by `suffix` (e.g. `/errors`). */
export function jobPath(jobId: string, suffix = ''): string {
  return `${MOVE_USERS_PATH}/${encodeURIComponent(jobId)}${suffix}`;
}

/** `{ orgId }` when acting on behalf of another org, else nothing. */
export function orgQuery(orgId: string | undefined): Record<string, string> {
  return orgId === undefined ? {} : { orgId };
}

/**
 * Returns `res` when 2xx. Thrown otherwise: the typed ProviderError of `ensureSuccess`; a 400 in the Move Users
 * `{ error: [{ code, message }] }` shape becomes ProviderRejectedError carrying that code and message.
 */
export function ensureMoveUsersSuccess(res: HttpResponse): HttpResponse {
  const rejection = moveUsersRejection(res);
  if (rejection) throw new ProviderRejectedError('webex', rejectionDetails(res, rejection));
  return ensureSuccess('webex', res);
}

/** The Move Users error body of a 400, if the answer is one. */
export function moveUsersRejection(res: HttpResponse): MoveUsersErrorResponse | undefined {
  if (res.status !== 400) return undefined;
  const parsed = MoveUsersErrorResponseSchema.safeParse(parseJsonOrUndefined(res.text));
  return parsed.success ? parsed.data : undefined;
}

function rejectionDetails(res: HttpResponse, body: MoveUsersErrorResponse): ProviderErrorDetails {
  const trackingId = res.headers.get('trackingid');
  return {
    status: res.status,
    code: body.error.map((e) => String(e.code)).join(','),
    providerMessage: body.error.map((e) => e.message).join('; '),
    ...(trackingId ? { trackingId } : {}),
  };
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
