/**
 * A job's execution read without opening its payloads. Status and search attributes are stored as they are, so a
 * job whose tenant key was erased (`bulkflow keys erase-tenant`) still lists, describes and cancels. The memo is the
 * one sealed part of a listing entry: whether it still opens tells an erased job apart.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { RawWorkflowExecutionInfo } from '@temporalio/client/lib/types';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import { decodeMapFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { hasErrorName } from '../domain/errors';
import { WORKFLOW_TYPE } from '../workflows/definitions';
import { JobNotFoundError } from './errors';
import { jobInfoOf } from './job-view';
import type { JobInfo } from './job-view';

type RawExecution = RawWorkflowExecutionInfo;

/** gRPC NOT_FOUND: no execution with this id. */
const NOT_FOUND = 5;

/** `raw` as the SDK reads it, minus the memo: nothing in it is decoded, so no key is needed. */
async function withoutPayloads(client: Client, raw: RawExecution): Promise<WorkflowExecutionInfo> {
  // Everything but the memo is read through the prototype; the SDK decodes only the memo of a listing entry.
  const bare = Object.create(raw, { memo: { value: null } }) as RawExecution;
  return executionInfoFromRaw(bare, client.options.loadedDataConverter, raw, client.options.namespace);
}

/**
 * The erasure that makes `raw`'s memo unreadable (`DataKeyNotFoundError`), or undefined when it opens. Thrown on
 * any other failure to read it (a missing master key, altered bytes): those are not erasures.
 */
export async function erasureOf(client: Client, raw: RawExecution): Promise<Error | undefined> {
  try {
    await decodeMapFromPayloads(client.options.loadedDataConverter, raw.memo?.fields, {
      type: 'workflow',
      namespace: client.options.namespace,
      workflowId: raw.execution?.workflowId ?? '',
    });
    return undefined;
  } catch (err) {
    if (hasErrorName(err, 'DataKeyNotFoundError')) return err;
    throw err;
  }
}

/**
 * A listing entry, marked `dataErased` when the job's tenant key was erased. Its memo is opened only to tell that;
 * any other failure to open it (a master key or a blob this process lacks, altered bytes) is for a read of that job to
 * report, and does not fail the page it is listed on.
 */
export async function bareJobInfo(client: Client, raw: RawExecution): Promise<JobInfo> {
  const info = jobInfoOf(await withoutPayloads(client, raw));
  const erasure = await erasureOf(client, raw).catch(() => undefined);
  return erasure ? { ...info, dataErased: true } : info;
}

export interface BareJob {
  readonly info: JobInfo;
  /** Why the job's data cannot be read: its tenant key was erased. */
  readonly erasure?: Error;
}

/** Describes a bulk job without decoding its payloads. Thrown when there is none with this id: `JobNotFoundError`. */
export async function describeBare(client: Client, jobId: string): Promise<BareJob> {
  const response = await client.workflowService
    .describeWorkflowExecution({ namespace: client.options.namespace, execution: { workflowId: jobId } })
    .catch((err: unknown) => {
      if ((err as { code?: unknown }).code === NOT_FOUND) throw new JobNotFoundError(jobId);
      throw err;
    });
  const raw = response.workflowExecutionInfo;
  if (!raw || raw.type?.name !== WORKFLOW_TYPE) throw new JobNotFoundError(jobId);
  const erasure = await erasureOf(client, raw);
  const info = jobInfoOf(await withoutPayloads(client, raw));
  return erasure ? { info: { ...info, dataErased: true }, erasure } : { info };
}
