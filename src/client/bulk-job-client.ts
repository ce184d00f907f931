/**
 * `BulkJobClient`: the only user of a Temporal `Client`. Starts, reads, lists, controls and awaits bulk jobs.
 * Usable from another service with only `TEMPORAL_ADDRESS` set: `await BulkJobClient.connect()`.
 */
import { Client, Connection } from '@temporalio/client';
import type { AuditTimeline } from '../audit';
import type { ClaimCheckConfig } from '../claim-check';
import type { EncryptionConfig } from '../codec/encryption-config';
import { buildDataConverter } from '../data-converter';
import { loadTemporalConfig } from '../config';
import { hasErrorName } from '../domain/errors';
import type { BulkJobResult } from '../domain/job';
import { cancelSignal, pauseSignal, resumeSignal } from '../workflows/definitions';
import type { ControlRequest } from '../workflows/definitions';
import { JobClosedError } from './errors';
import { readAudit } from './job-audit';
import { describeJob, listJobs, readItems, readJob, readProgress } from './job-reader';
import type { ItemsPage, ItemsPageOptions, JobList } from './job-reader';
import { startJob } from './job-starter';
import type { StartOptions, StartedJob } from './job-starter';
import { jobInfoOf } from './job-view';
import type { JobInfo, JobView } from './job-view';
import type { LiveProgress } from './live-progress';
import type { JobListFilter } from './list-query';

export interface ConnectOptions {
  /** Temporal frontend, default `TEMPORAL_ADDRESS` (else 127.0.0.1:7233). */
  readonly address?: string;
  /** Default `TEMPORAL_NAMESPACE` (else `default`). */
  readonly namespace?: string;
  /** Default `BULKFLOW_TASK_QUEUE` (else `bulkflow`). */
  readonly taskQueue?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Connect on first use instead of now (servers that must start while Temporal is down; see `ping`). */
  readonly lazy?: boolean;
  /** The claim check's blob store, shared with the workers; default `BULKFLOW_CLAIM_CHECK_DIR` (else none). */
  readonly claimCheck?: ClaimCheckConfig;
  /**
   * Payload encryption, with the workers' master keys and tenant key store; default from the environment
   * (`BULKFLOW_ENCRYPTION_KEY_FILE` or `BULKFLOW_ENCRYPTION_KEYS`, and `BULKFLOW_TENANT_KEY_DIR`), else none.
   */
  readonly encryption?: EncryptionConfig;
}

export class BulkJobClient {
  /**
   * @param client a Temporal client of the workers' namespace
   * @param taskQueue the workers' task queue
   * @param owned a connection this instance closes in `close()` (set by `connect`)
   */
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly owned?: Connection,
  ) {}

  /** Connects with settings from the arguments, else the environment, else the defaults of `config.ts`. */
  static async connect(options: ConnectOptions = {}): Promise<BulkJobClient> {
    const defaults = loadTemporalConfig(options.env ?? process.env);
    const address = options.address ?? defaults.address;
    const connection = options.lazy ? Connection.lazy({ address }) : await Connection.connect({ address });
    const claimCheck = options.claimCheck ?? defaults.claimCheck;
    const encryption = options.encryption ?? defaults.encryption;
    const client = new Client({
      connection,
      namespace: options.namespace ?? defaults.namespace,
      dataConverter: buildDataConverter({ ...(claimCheck && { claimCheck }), ...(encryption && { encryption }) }),
    });
    return new BulkJobClient(client, options.taskQueue ?? defaults.taskQueue, connection);
  }

  /** Closes the connection opened by `connect` (a client built on a shared `Client` leaves it open). */
  async close(): Promise<void> {
    await this.owned?.close();
  }

  /**
   * Starts a job and returns its id; with an idempotency key, the same request again returns the same job.
   * Thrown: `InvalidRequestError` (envelope), `RequestValidationError` (key), `IdempotencyConflictError`.
   * The operation's input is validated by the workflow; call `validateBulkJobRequest` first to reject it here.
   */
  async start(request: unknown, options: StartOptions): Promise<string> {
    return (await this.startJob(request, options)).jobId;
  }

  /** Like `start`, and also tells the job's state (`planning`, or the existing job's current state). */
  startJob(request: unknown, options: StartOptions): Promise<StartedJob> {
    return startJob(this.client, this.taskQueue, request, options);
  }

  /** A job's listing entry (search attributes only). Thrown when unknown: `JobNotFoundError`. */
  async info(jobId: string): Promise<JobInfo> {
    return jobInfoOf(await describeJob(this.client, jobId));
  }

  /** A job's state, counts and provider jobs (live while running). Thrown when unknown: `JobNotFoundError`. */
  get(jobId: string): Promise<JobView> {
    return readJob(this.client, jobId);
  }

  /** The workflow's progress query merged with the checkpoints of polls in flight (running jobs). */
  progress(jobId: string): Promise<LiveProgress> {
    return readProgress(this.client, this.client.workflow.getHandle(jobId));
  }

  /** Awaits the normalized result. Thrown when the workflow failed: `WorkflowFailedError`. */
  result(jobId: string): Promise<BulkJobResult> {
    return this.client.workflow.getHandle(jobId).result() as Promise<BulkJobResult>;
  }

  /** One page of per-item outcomes. Thrown: `JobNotFoundError`, `RequestValidationError` (bad cursor or limit). */
  items(jobId: string, options: ItemsPageOptions = {}): Promise<ItemsPage> {
    return readItems(this.client, jobId, options);
  }

  /** One page of jobs matching `filter`, newest first. Thrown on an invalid filter: `RequestValidationError`. */
  list(filter: JobListFilter = {}): Promise<JobList> {
    return listJobs(this.client, filter);
  }

  /**
   * The job's audit timeline, built from the workflow history of every run (running or finished); render it with
   * `formatTimeline`. Thrown when unknown: `JobNotFoundError`.
   */
  audit(jobId: string): Promise<AuditTimeline> {
    return readAudit(this.client, jobId);
  }

  /** Cancels a running job (abandoning provider jobs where possible). Thrown: `JobNotFoundError`, `JobClosedError`. */
  cancel(jobId: string, requestedBy: string): Promise<void> {
    return this.control(jobId, cancelSignal, { requestedBy });
  }

  /** Pauses a running job (and its provider jobs, where the provider can). Thrown as `cancel`. */
  pause(jobId: string, requestedBy: string): Promise<void> {
    return this.control(jobId, pauseSignal, { requestedBy });
  }

  /** Resumes a paused job. Thrown as `cancel`. */
  resume(jobId: string, requestedBy: string): Promise<void> {
    return this.control(jobId, resumeSignal, { requestedBy });
  }

  /** Resolves when the Temporal frontend answers within `timeoutMs`; rejects otherwise. */
  async ping(timeoutMs = 3_000): Promise<void> {
    await this.client.withDeadline(Date.now() + timeoutMs, () => this.client.workflowService.getSystemInfo({}));
  }

  private async control(jobId: string, signal: typeof cancelSignal, request: ControlRequest): Promise<void> {
    const description = await describeJob(this.client, jobId);
    if (description.status.name !== 'RUNNING') throw new JobClosedError(jobId, description.status.name);
    try {
      await this.client.workflow.getHandle(jobId).signal(signal, request);
    } catch (err) {
      // The job finished between the describe and the signal: Temporal answers NotFound for a closed workflow.
      if (!hasErrorName(err, 'WorkflowNotFoundError')) throw err;
      throw new JobClosedError(jobId, (await describeJob(this.client, jobId)).status.name);
    }
  }
}
