/**
 * Starting a job idempotently. The job id follows one rule (job-id.ts): with an idempotency key it is derived from
 * the tenant, the caller and the key, so the same caller repeating a request reaches the same workflow id: a
 * running job with that id is reused (`USE_EXISTING`), a finished one is never re-run (`REJECT_DUPLICATE`), and a
 * digest of the request kept in the memo tells a repeat of the same request from a different one under the same key.
 */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
} from '@temporalio/client';
import type { Client } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { z } from 'zod';
import { providerOf } from '../domain/job';
import type { BulkJobRequest } from '../domain/job';
import { parseBulkJobRequest } from '../domain/request';
import { jobTenant } from '../providers/job-tenant';
import { getOperation } from '../providers/registry';
import { SEARCH_ATTRIBUTES, WORKFLOW_TYPE } from '../workflows/definitions';
import type { BulkJobWorkflowInput, JobTuning } from '../workflows/definitions';
import { keepsLargePayloads } from '../data-converter';
import { IdempotencyConflictError, RequestValidationError } from './errors';
import { jobSummary } from './job-summary';
import { jobInfoOf } from './job-view';
import type { JobViewState } from './job-view';
import { jobIdFor } from '../job-id';
import { requestDigest } from './request-digest';
import { checkInlinePayload, explainStartFailure } from './payload-limit';
import { parseRequestedBy } from './requested-by';

export interface StartOptions {
  /**
   * The caller's idempotency key, scoped to the caller (`requestedBy`) and the tenant: the same key and request
   * again return the same job. The job id is derived from it (job-id.ts). Default: a new job every time.
   */
  readonly idempotencyKey?: string;
  /** Who asks (a person or a service); recorded as `BulkRequestedBy`, and the scope of the idempotency key. */
  readonly requestedBy: string;
  readonly tuning?: JobTuning;
  /**
   * The tenant the caller expects the job to act on: a label checked against the one derived from the input and
   * connection (`TenantMismatchError` when they differ), never trusted for access.
   */
  readonly tenant?: string;
  /** POST the result here on completion (see README "Completion callbacks"). */
  readonly callbackUrl?: string;
}

export interface StartedJob {
  readonly jobId: string;
  /** `planning` for a new job; the current state when the key named an existing job. */
  readonly state: JobViewState;
}

/** Memo key of the request digest. */
export const DIGEST_MEMO_KEY = 'requestDigest';
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/;
const KEY_MESSAGE = 'must be 1-200 characters of letters, digits and . _ : @ -, starting with a letter or digit';

/** An idempotency key (it becomes the workflow id, so it is kept to a safe alphabet). */
export const IdempotencyKeySchema = z.string().regex(KEY_PATTERN, KEY_MESSAGE);

/**
 * The job's tenant label at start, derived as planning derives it. Thrown when the request or `declared` names
 * another tenant: `TenantMismatchError`. An input that does not parse fails at planning; until then the job is
 * labelled with its connection.
 */
function startTenant(request: BulkJobRequest, declared: string | undefined): string {
  const operation = getOperation(request.operation);
  const input = operation.inputSchema.safeParse(request.input);
  if (!input.success) return request.connection;
  const tenant = jobTenant(operation, input.data, request.connection, request.tenant);
  return jobTenant(operation, input.data, request.connection, declared ?? tenant);
}

function searchAttributes(request: BulkJobRequest, options: StartOptions, tenant: string): SearchAttributePair[] {
  return [
    { key: SEARCH_ATTRIBUTES.operation, value: request.operation },
    { key: SEARCH_ATTRIBUTES.provider, value: providerOf(request.operation) },
    { key: SEARCH_ATTRIBUTES.tenant, value: tenant },
    { key: SEARCH_ATTRIBUTES.state, value: 'planning' },
    { key: SEARCH_ATTRIBUTES.requestedBy, value: options.requestedBy },
  ];
}

/** The state of the job `jobId` names, after checking it was started for the same request. */
async function existingJob(client: Client, jobId: string, digest: string): Promise<StartedJob> {
  const description = await client.workflow.getHandle(jobId).describe();
  const existing = description.memo?.[DIGEST_MEMO_KEY];
  // Jobs started before digests were kept have none; they are taken as matching.
  if (description.type !== WORKFLOW_TYPE || (existing !== undefined && existing !== digest)) {
    throw new IdempotencyConflictError(jobId);
  }
  return { jobId, state: jobInfoOf(description).state };
}

/**
 * Starts a job or finds the one its idempotency key names.
 * Thrown: `InvalidRequestError` on an invalid envelope; `RequestValidationError` on a malformed key or requester;
 * `TenantMismatchError` when a declared tenant is not the one the input and connection act on;
 * `IdempotencyConflictError` when the key was used for a different request (or by someone else);
 * `RequestTooLargeError` when the input is over Temporal's payload limit and `client` has no blob store to keep it in
 * (checked before anything is sent), or when Temporal refused the start for its size (payload-limit.ts).
 */
export async function startJob(
  client: Client,
  taskQueue: string,
  rawRequest: unknown,
  options: StartOptions,
): Promise<StartedJob> {
  const request = parseBulkJobRequest(rawRequest);
  parseRequestedBy(options.requestedBy);
  const key = options.idempotencyKey;
  if (key !== undefined && !KEY_PATTERN.test(key)) {
    throw new RequestValidationError([{ field: 'idempotencyKey', message: KEY_MESSAGE }]);
  }
  const tenant = startTenant(request, options.tenant);
  const jobId = jobIdFor(tenant, options.requestedBy, key);
  const callback = options.callbackUrl === undefined ? undefined : { url: options.callbackUrl };
  const digest = requestDigest({ request, requestedBy: options.requestedBy, callback: callback ?? null });
  const input: BulkJobWorkflowInput = {
    request,
    requestedBy: options.requestedBy,
    ...(options.tuning ? { tuning: options.tuning } : {}),
    ...(callback ? { callback } : {}),
  };
  const inline = !keepsLargePayloads(client.options.loadedDataConverter.payloadCodecs);
  if (inline) checkInlinePayload(input);
  try {
    await client.workflow.start(WORKFLOW_TYPE, {
      taskQueue,
      workflowId: jobId,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      memo: { [DIGEST_MEMO_KEY]: digest },
      typedSearchAttributes: searchAttributes(request, options, tenant),
      // Shown by the Web UI; names no credential and no user (see job-summary.ts).
      ...jobSummary({
        jobId,
        request,
        requestedBy: options.requestedBy,
        tenant: tenant === request.connection ? undefined : tenant,
      }),
    });
  } catch (err) {
    // A finished job with this id: the key was used before; the digest check decides.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw explainStartFailure(err, input, inline);
  }
  return key === undefined ? { jobId, state: 'planning' } : existingJob(client, jobId, digest);
}
