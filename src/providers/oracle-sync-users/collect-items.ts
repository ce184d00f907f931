/**
 * Per-user outcomes of a finished job, read again from its status (the snapshot carries counts only), plus, when users
 * failed, Oracle's failed-users CSV (`/draft`) and job log (`/log`) as attachments
 * (docs/contracts.md#oraclesyncusers-per-item-results).
 */
import { ProviderContractError } from '../../domain/errors';
import type { Attachment, CollectedResults, PlannedBatch } from '../../domain/job';
import { parseBody } from '../../http/body';
import { classifyResponse, errorForOutcome } from '../../http/classify';
import type { OperationContext } from '../types';
import { MAX_ATTACHMENT_BYTES } from './limits';
import { payloadOf } from './plan';
import { UserDataStoreResultSchema } from './schemas';
import { mapSyncUsersStatus } from './status-mapping';
import { strangerRows } from './user-outcomes';
import { classifyOracle, statusPath, withOracleCode } from './wire';

/**
 * Collects a finished job. Thrown: the typed ProviderErrors; ProviderContractError when the job answers 202 (running)
 * after it was seen done, or with a body outside the contract.
 */
export async function collectSyncUsersItems(
  ctx: OperationContext,
  jobId: string,
  batch: PlannedBatch,
): Promise<CollectedResults> {
  const res = await ctx.http.send({ method: 'GET', path: statusPath(ctx.authScheme, jobId) });
  if (classifyOracle(res).kind !== 'success') {
    throw new ProviderContractError('oracle', '(status)', `job answered HTTP ${res.status} after it had finished`);
  }
  const request = payloadOf(batch).body;
  const result = parseBody('oracle', UserDataStoreResultSchema, res);
  const { outcomes } = mapSyncUsersStatus(200, request, result);
  const ours = outcomes?.items ?? [];
  // Users the echo names but the request did not hold are reported too: the engine keeps them as warnings.
  const items = [...ours, ...strangerRows(result, outcomes?.strangers ?? [])];
  const failed = ours.some((i) => i.outcome === 'failed') || Boolean(result.exception?.trim());
  if (!failed) return { items };
  const attachments = await fetchAttachments(ctx, jobId);
  return attachments.length > 0 ? { items, attachments } : { items };
}

async function fetchAttachments(ctx: OperationContext, jobId: string): Promise<Attachment[]> {
  const draft = await fetchText(ctx, jobId, '/draft');
  const log = await fetchText(ctx, jobId, '/log');
  return [
    ...(draft === undefined ? [] : [toAttachment(`oracle-user-job-${jobId}-failed-users.csv`, 'text/csv', draft)]),
    ...(log === undefined ? [] : [toAttachment(`oracle-user-job-${jobId}.log`, 'text/plain', log)]),
  ];
}

/**
 * The text of `/draft` or `/log`. A permanent refusal (e.g. 404: no file for this job) leaves the attachment out,
 * since the per-user outcomes are already known; 423/429/5xx are thrown so the activity retries.
 */
async function fetchText(ctx: OperationContext, jobId: string, suffix: '/draft' | '/log'): Promise<string | undefined> {
  const res = await ctx.http.send({ method: 'GET', path: statusPath(ctx.authScheme, jobId, suffix) });
  const outcome = classifyResponse(res);
  switch (outcome.kind) {
    case 'success':
      return res.text;
    case 'accepted':
    case 'noContent':
      return undefined;
    case 'permanent':
      ctx.log.warn({ providerJobId: jobId, file: suffix, status: res.status }, 'oracle job file not available');
      return undefined;
    case 'locked':
    case 'rateLimited':
    case 'transient':
      throw errorForOutcome('oracle', { ...outcome, details: withOracleCode(outcome.details, res.text) });
  }
}

/** An attachment of `text` cut to {@link MAX_ATTACHMENT_BYTES} UTF-8 bytes (never inside a character). */
export function toAttachment(
  name: string,
  contentType: string,
  text: string,
  maxBytes = MAX_ATTACHMENT_BYTES,
): Attachment {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return { name, contentType, text, truncated: false };
  let end = maxBytes;
  // Back off to the start of a UTF-8 sequence: continuation bytes are 0b10xxxxxx.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return { name, contentType, text: bytes.subarray(0, end).toString('utf8'), truncated: true };
}
