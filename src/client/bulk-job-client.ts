/**
 * `BulkJobClient`: the only user of a Temporal `Client`. Starts, reads, lists, controls and awaits bulk jobs.
 * Usable from another service with only `TEMPORAL_ADDRESS` set (or a `temporal` CLI profile, with TLS or an API key):
 * `await BulkJobClient.connect()`; beside `npm start`, with nothing set.
 */
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { Connection } from '@temporalio/client';
import type { AuditTimeline } from '../audit';
import type { ClaimCheckConfig } from '../claim-check';
import type { EncryptionConfig } from '../codec/encryption-config';
import { buildDataConverter } from '../data-converter';
import { loadTemporalConfig } from '../config';
import type { TemporalConfig } from '../config';
import { hasErrorName } from '../domain/errors';
import { connectClient } from '../temporal-connection';
import type { TemporalEndpoint, TemporalFlags } from '../temporal-connection';
import { tracingClientInterceptors } from '../tracing';
import type { BulkJobResult } from '../domain/job';
import { cancelSignal, pauseSignal, resumeSignal } from '../workflows/definitions';
import type { ControlRequest } from '../workflows/definitions';
import { JobClosedError } from './errors';
import { locateTemporal } from './temporal-location';
import { readAudit } from './job-audit';
import { describeBare } from './bare-execution';
import { endErasedJob, endErasedJobs } from './erased-jobs';
import { resolveJobId } from './job-lookup';
import type { LookupOptions } from './job-lookup';
import { listJobs, readItems, readJob, readProgress } from './job-reader';
import type { ItemsPage, ItemsPageOptions, JobList } from './job-reader';
import { startJob } from './job-starter';
import type { StartOptions, StartedJob } from './job-starter';
import type { JobInfo, JobView } from './job-view';
import type { LiveProgress } from './live-progress';
import { parseRequestedBy } from './requested-by';
import type { CursorKey, JobListFilter } from './list-query';

/**
 * Where and how to connect. The Temporal settings (`address`, `namespace`, `profile`, `apiKey`, the TLS files…) mean
 * what the `temporal` CLI's flags mean and win over the `TEMPORAL_*` variables of `env`, which win over the profile.
 */
export interface ConnectOptions extends TemporalFlags {
  /** Exactly this Temporal: no setting, profile or embedded stack is looked up (the embedded stack's own clients). */
  readonly endpoint?: TemporalEndpoint;
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
  /**
   * Key of listing cursors (`BULKFLOW_CURSOR_SECRET`), the same for every process that exchanges cursors; default
   * from the environment, else a random key of this client (its cursors then last as long as it does).
   */
  readonly cursorSecret?: string;
}

export interface BulkJobClientOptions {
  /** A connection this instance closes in `close()` (set by `connect`). */
  readonly owned?: Connection;
  /** See `ConnectOptions.cursorSecret`. */
  readonly cursorSecret?: string;
}

function cursorKeyOf(secret: string | undefined): CursorKey {
  return secret === undefined ? { secret: randomBytes(32), configured: false } : { secret, configured: true };
}

export class BulkJobClient {
  private readonly owned: Connection | undefined;
  private readonly cursorKey: CursorKey;

  /**
   * @param client a Temporal client of the workers' namespace
   * @param taskQueue the workers' task queue
   */
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    options: BulkJobClientOptions = {},
  ) {
    this.owned = options.owned;
    this.cursorKey = cursorKeyOf(options.cursorSecret);
  }

  /**
   * Connects to the Temporal of the arguments, else of the `TEMPORAL_*` variables, else of the `temporal` CLI's
   * profile; when none names one, to the embedded stack beside it (src/stack-descriptor.ts), else to the default
   * address. Thrown on an invalid setting: `ConfigError` naming it; when Temporal does not answer: the SDK's error.
   */
  static async connect(options: ConnectOptions = {}): Promise<BulkJobClient> {
    const env = options.env ?? process.env;
    const location = options.endpoint ? { endpoint: options.endpoint, env } : locateTemporal(env, options);
    const defaults = loadTemporalConfig(location.env, { endpoint: location.endpoint });
    const { taskQueue, claimCheck, encryption, cursorSecret } = options;
    return BulkJobClient.connectTo(
      {
        ...defaults,
        ...(taskQueue !== undefined && { taskQueue }),
        ...(claimCheck !== undefined && { claimCheck }),
        ...(encryption !== undefined && { encryption }),
        ...(cursorSecret !== undefined && { cursorSecret }),
      },
      { lazy: options.lazy === true },
    );
  }

  /**
   * Connects to exactly the Temporal of a loaded configuration (a server's, the embedded stack's): nothing else is
   * looked up. With `lazy`, on first use. Thrown when not lazy and Temporal does not answer: the SDK's error.
   */
  static async connectTo(temporal: TemporalConfig, options: { readonly lazy?: boolean } = {}): Promise<BulkJobClient> {
    const connection = await connectClient(temporal, { lazy: options.lazy === true });
    const { claimCheck, encryption, cursorSecret } = temporal;
    const client = new Client({
      connection,
      namespace: temporal.namespace,
      dataConverter: buildDataConverter({ ...(claimCheck && { claimCheck }), ...(encryption && { encryption }) }),
      interceptors: tracingClientInterceptors(),
    });
    return new BulkJobClient(client, temporal.taskQueue, {
      owned: connection,
      ...(cursorSecret === undefined ? {} : { cursorSecret }),
    });
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

  /**
   * The id of the job `idOrKey` names: a job id, or the idempotency key of exactly one job (among several, the one
   * `requestedBy` started). Thrown: `JobNotFoundError` (saying what an id looks like), `AmbiguousJobKeyError`.
   */
  resolve(idOrKey: string, options: LookupOptions = {}): Promise<string> {
    return resolveJobId(this.client, idOrKey, options);
  }

  /**
   * A job's listing entry (search attributes only; nothing is decrypted, so a job whose tenant key was erased has
   * one, marked `dataErased`). Thrown when unknown: `JobNotFoundError`.
   */
  async info(jobId: string): Promise<JobInfo> {
    return (await describeBare(this.client, jobId)).info;
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

  /**
   * One page of jobs matching `filter`, newest first. Thrown on an invalid filter, or a cursor this client's key did
   * not sign (before Temporal is asked): `RequestValidationError`.
   */
  list(filter: JobListFilter = {}): Promise<JobList> {
    return listJobs(this.client, this.cursorKey, filter);
  }

  /**
   * The job's audit timeline, built from the workflow history of every run (running or finished); render it with
   * `formatTimeline`. Thrown when unknown: `JobNotFoundError`.
   */
  audit(jobId: string): Promise<AuditTimeline> {
    return readAudit(this.client, jobId);
  }

  /**
   * Cancels a running job (abandoning provider jobs where possible). A job whose tenant key was erased is terminated
   * instead, and its permits freed: it can never run again (see erased-jobs.ts). Thrown: `JobNotFoundError`,
   * `JobClosedError`, `RequestValidationError` when `requestedBy` breaks the requester rule.
   */
  cancel(jobId: string, requestedBy: string): Promise<void> {
    return this.control(jobId, cancelSignal, { requestedBy });
  }

  /**
   * Pauses a running job (and its provider jobs, where the provider can). Thrown as `cancel`, and
   * `DataKeyNotFoundError` when the job's tenant key was erased (cancel it instead).
   */
  pause(jobId: string, requestedBy: string): Promise<void> {
    return this.control(jobId, pauseSignal, { requestedBy });
  }

  /** Resumes a paused job. Thrown as `pause`. */
  resume(jobId: string, requestedBy: string): Promise<void> {
    return this.control(jobId, resumeSignal, { requestedBy });
  }

  /**
   * Ends the running jobs of the tenant tagged `tag` whose data key was erased (`bulkflow keys erase-tenant` calls
   * it after the erasure); jobs started under the tenant's next key run on. Returns the ids of the jobs ended.
   */
  endErasedJobs(tag: string, requestedBy: string): Promise<string[]> {
    return endErasedJobs(this.client, this.taskQueue, tag, requestedBy);
  }

  /** Resolves when the Temporal frontend answers within `timeoutMs`; rejects otherwise. */
  async ping(timeoutMs = 3_000): Promise<void> {
    await this.client.withDeadline(Date.now() + timeoutMs, () => this.client.workflowService.getSystemInfo({}));
  }

  private async control(jobId: string, signal: typeof cancelSignal, request: ControlRequest): Promise<void> {
    parseRequestedBy(request.requestedBy);
    const { info, erasure } = await describeBare(this.client, jobId);
    if (info.status !== 'RUNNING') throw new JobClosedError(jobId, info.status);
    if (erasure) {
      // Nothing of an erased job may run again: only a cancel applies, and it ends the job from outside.
      if (signal !== cancelSignal) throw erasure;
      return endErasedJob(this.client, this.taskQueue, info, request.requestedBy);
    }
    try {
      await this.client.workflow.getHandle(jobId).signal(signal, request);
    } catch (err) {
      // The job finished between the describe and the signal: Temporal answers NotFound for a closed workflow.
      if (!hasErrorName(err, 'WorkflowNotFoundError')) throw err;
      throw new JobClosedError(jobId, (await describeBare(this.client, jobId)).info.status);
    }
  }
}
