/** Paths and error handling shared by every portal invite call (docs/contracts.md#zohoinviteportalusers-endpoints). */
import { ProviderAuthError, ProviderNotFoundError, ProviderRejectedError } from '../../domain/errors';
import type { ProviderError } from '../../domain/errors';
import { ensureSuccess, extractErrorDetails } from '../../http/classify';
import type { HttpResponse } from '../../http/types';
import { parseLossless } from './lossless-json';
import { ZohoErrorSchema } from './schemas';

/** `/crm/{version}/{module}/actions/portal_invite`; the connection's base URL is the DC's api-domain. */
export function portalInvitePath(version: string, module: string): string {
  return `/crm/${encodeURIComponent(version)}/${encodeURIComponent(module)}/actions/portal_invite`;
}

/** Code we give the permanent error of a status read answered 204 (Zoho's "incorrect job_id"). */
export const JOB_NOT_FOUND_CODE = 'JobNotFound';

/**
 * Returns `res` when it is a 2xx answer whose body is not a Zoho error.
 * Thrown otherwise: the typed ProviderError of `ensureSuccess` (Zoho's code and message are read from the top level
 * or from `portal_invite[]`); a 2xx carrying a Zoho error entry becomes ProviderRejectedError (ProviderAuthError for
 * NO_PERMISSION) with that code and message.
 */
export function ensureZohoSuccess(res: HttpResponse): HttpResponse {
  ensureSuccess('zoho', res);
  const error = errorEntryOf(parseLossless(res.text));
  if (error) throw errorFromEntry(res, error.code);
  return res;
}

/**
 * The answer of a status read for one job.
 * Thrown on 204: Zoho's "you give an incorrect job_id, you will get an empty response" is a permanent
 * ProviderNotFoundError with code `JobNotFound`, never "still running".
 */
export function ensureJobKnown(res: HttpResponse, jobId: string): HttpResponse {
  if (res.status !== 204) return ensureZohoSuccess(res);
  throw new ProviderNotFoundError('zoho', {
    status: 204,
    code: JOB_NOT_FOUND_CODE,
    providerMessage: `no portal invite job ${jobId} (empty answer)`,
  });
}

function errorEntryOf(body: unknown): { code: string } | undefined {
  const top = ZohoErrorSchema.safeParse(body);
  if (top.success) return top.data;
  const entries = (body as { portal_invite?: unknown } | undefined)?.portal_invite;
  if (!Array.isArray(entries)) return undefined;
  for (const entry of entries) {
    const parsed = ZohoErrorSchema.safeParse(entry);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

function errorFromEntry(res: HttpResponse, code: string): ProviderError {
  const details = extractErrorDetails(res);
  return code === 'NO_PERMISSION' ? new ProviderAuthError('zoho', details) : new ProviderRejectedError('zoho', details);
}
