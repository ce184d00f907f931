/** `BulkJobClient`: the only user of a Temporal `Client`. Starts, watches, controls and awaits bulk jobs. */
import { randomUUID } from 'node:crypto';
import { WorkflowIdConflictPolicy } from '@temporalio/client';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { providerOf } from '../domain/job';
import type { BulkJobResult } from '../domain/job';
import { parseBulkJobRequest } from '../domain/request';
import {
  SEARCH_ATTRIBUTES,
  WORKFLOW_TYPE,
  cancelSignal,
  pauseSignal,
  progressQuery,
  resumeSignal,
} from '../workflows/definitions';
import type { BulkJobWorkflowInput, JobTuning } from '../workflows/definitions';
import { asPollCheckpoint, mergeLiveProgress } from './live-progress';
import type { LiveProgress } from './live-progress';

export interface StartOptions {
  /** The caller's idempotency key; becomes the job id (workflow id). Default: a new UUID. */
  readonly idempotencyKey?: string;
  readonly requestedBy: string;
  readonly tuning?: JobTuning;
}

export class BulkJobClient {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /** Starts a job, or returns the running one with the same idempotency key. Thrown on an invalid envelope: `InvalidRequestError`. */
  async start(rawRequest: unknown, options: StartOptions): Promise<string> {
    const request = parseBulkJobRequest(rawRequest);
    const jobId = options.idempotencyKey ?? `bulk-${randomUUID()}`;
    const input: BulkJobWorkflowInput = {
      request,
      requestedBy: options.requestedBy,
      ...(options.tuning ? { tuning: options.tuning } : {}),
    };
    await this.client.workflow.start(WORKFLOW_TYPE, {
      taskQueue: this.taskQueue,
      workflowId: jobId,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      typedSearchAttributes: [
        { key: SEARCH_ATTRIBUTES.operation, value: request.operation },
        { key: SEARCH_ATTRIBUTES.provider, value: providerOf(request.operation) },
        { key: SEARCH_ATTRIBUTES.tenant, value: request.tenant ?? request.connection },
        { key: SEARCH_ATTRIBUTES.state, value: 'planning' },
        { key: SEARCH_ATTRIBUTES.requestedBy, value: options.requestedBy },
      ],
    });
    return jobId;
  }

  private handle(jobId: string): WorkflowHandle {
    return this.client.workflow.getHandle(jobId);
  }

  /** The workflow's progress query merged with the checkpoints of polls in flight. */
  async progress(jobId: string): Promise<LiveProgress> {
    const handle = this.handle(jobId);
    const [progress, description] = await Promise.all([handle.query(progressQuery), handle.describe()]);
    const converter = this.client.options.loadedDataConverter.payloadConverter;
    const polling = (description.raw.pendingActivities ?? []).flatMap((activity) => {
      const payload = activity.heartbeatDetails?.payloads?.[0];
      const checkpoint = payload ? asPollCheckpoint(converter.fromPayload(payload)) : undefined;
      return checkpoint ? [checkpoint] : [];
    });
    return mergeLiveProgress(progress, description.status.name, polling);
  }

  result(jobId: string): Promise<BulkJobResult> {
    return this.handle(jobId).result() as Promise<BulkJobResult>;
  }

  cancel(jobId: string, requestedBy: string): Promise<void> {
    return this.handle(jobId).signal(cancelSignal, { requestedBy });
  }

  pause(jobId: string, requestedBy: string): Promise<void> {
    return this.handle(jobId).signal(pauseSignal, { requestedBy });
  }

  resume(jobId: string, requestedBy: string): Promise<void> {
    return this.handle(jobId).signal(resumeSignal, { requestedBy });
  }
}
