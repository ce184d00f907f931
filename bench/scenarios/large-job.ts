/**
 * One large job end to end on a fresh stack (encryption, the claim check and tracing on, as deployed) with a fresh
 * worker process: wall time, the worker's peak RSS, the history over the continue-as-new chain, its largest event,
 * what the claim check moved to the blob store, the spans exported, and where the time went (the wait profile).
 * Scenario 6 runs its Webex sizes and the 100,000-invite Zoho job through it.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { decodeOptionalFailureToOptionalError } from '@temporalio/common/lib/internal-non-workflow';
import type { OperationId } from '../../src/domain/job';
import type { AllSimulatorsOptions } from '../../src/simulator-registry';
import { connectClient, plainEndpoint } from '../../src/temporal-connection';
import { chainHistoryCost, chainRunIds } from '../lib/history';
import type { HistoryCost } from '../lib/history';
import type { SpanCounts } from '../lib/otlp-collector';
import { sampleProcess } from '../lib/proc';
import { delay } from '../lib/scenario';
import { startBenchStack } from '../lib/stack';
import type { BenchStack } from '../lib/stack';
import { waitProfile } from '../lib/wait-profile';
import { spawnWorker } from '../lib/worker-process';

/** A request the bench sends: an operation and its input. */
export interface BenchRequest {
  readonly operation: OperationId;
  readonly input: unknown;
}

export interface LargeJobSpec {
  /** Names the stack, the job's idempotency key and the CPU profile (`large-20000`, `zoho-100000`). */
  readonly name: string;
  /** Users (or invites) in the request. */
  readonly users: number;
  readonly request: BenchRequest;
  readonly simulators: AllSimulatorsOptions;
  /** Provider jobs the request is cut into. */
  readonly batches: number;
  /** The provider's own time per provider job, as its simulator is told (0: done at its first status read). */
  readonly providerMsPerBatch: number;
  readonly timeoutMs: number;
  /** Profile the worker (`--cpu-prof`) into this folder. */
  readonly profileDir?: string;
}

export interface LargeJobResult {
  readonly name: string;
  readonly users: number;
  readonly batches: number;
  readonly requestBytes: number;
  readonly outcome: string;
  readonly wallSeconds: number;
  /** (wall time − the provider's own time of every batch) ÷ batches, in ms. */
  readonly overheadPerBatchMs: number;
  readonly workerPeakRss: number;
  /** Whether a client with default gRPC limits (4 MiB receive) can fetch the history, or why not. */
  readonly defaultClient: string;
  readonly history?: HistoryCost;
  /** Payloads the claim check moved to the blob store: files and bytes. */
  readonly blobs: DirUsage;
  /** What the worker exported to the stack's span collector. */
  readonly spans?: SpanCounts;
  /** Where the job's wall time went, summed over its runs (ms per step). */
  readonly waits?: Readonly<Record<string, number>>;
}

/** The wait profile of every run of the job, summed. */
async function jobWaits(stack: BenchStack, id: string): Promise<Record<string, number>> {
  const sums: Record<string, number> = {};
  for (const runId of await chainRunIds(stack.client, id)) {
    const { steps } = waitProfile(await stack.client.workflow.getHandle(id, runId).fetchHistory());
    for (const [step, ms] of steps) sums[step] = (sums[step] ?? 0) + ms;
  }
  return sums;
}

export interface DirUsage {
  readonly files: number;
  readonly bytes: number;
}

function dirUsage(dir: string): DirUsage {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.parentPath.includes('tenant-keys')) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

/**
 * The first failure message in the latest run's history, if any (failed workflow tasks, activities, the run),
 * decoded with the client's data converter.
 */
async function failureIn(client: Client, id: string): Promise<string | undefined> {
  const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
  for (const e of events) {
    const failure =
      e.workflowTaskFailedEventAttributes?.failure ??
      e.workflowExecutionFailedEventAttributes?.failure ??
      e.activityTaskFailedEventAttributes?.failure;
    // Failure messages are encrypted payloads in history: read them through the client's data converter.
    const error = failure
      ? await decodeOptionalFailureToOptionalError(client.options.loadedDataConverter, failure)
      : undefined;
    if (error?.message) return error.message;
    if (e.workflowExecutionTerminatedEventAttributes)
      return `terminated: ${e.workflowExecutionTerminatedEventAttributes.reason ?? ''}`;
  }
  return undefined;
}

/** How the job ended, or that it is stuck on a failure, or timed out; checked every few seconds. */
async function awaitOutcome(stack: BenchStack, id: string, timeoutMs: number): Promise<string> {
  const handle = stack.client.workflow.getHandle(id);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING') {
      const result = status.name === 'COMPLETED' ? ((await handle.result()) as { state: string }) : undefined;
      return result ? `completed (${result.state})` : `${status.name}: ${(await failureIn(stack.client, id)) ?? ''}`;
    }
    const failing = await failureIn(stack.client, id);
    if (failing) return `stuck (failing): ${failing}`;
    if (Date.now() > deadline) return `timed out after ${timeoutMs / 1000} s`;
    await delay(2_000);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Fetches the latest run's history through a fresh connection with default gRPC limits. */
async function defaultClientReads(stack: BenchStack, id: string): Promise<string> {
  const connection = await connectClient(plainEndpoint(stack.server.address));
  try {
    await new Client({ connection }).workflow.getHandle(id).fetchHistory();
    return 'yes';
  } catch (err) {
    return `no: ${messageOf(err)}`;
  } finally {
    await connection.close();
  }
}

/**
 * Starts the job; its id is derived from the key (the job-id rule, jobIdFor), so the id the start returns is followed.
 * A refused start (the payload limit, at some sizes) is a finding of this size: its reason is returned.
 */
async function startJob(
  stack: BenchStack,
  request: BenchRequest,
  key: string,
): Promise<{ jobId: string } | { refused: string }> {
  try {
    const { jobId } = await stack.jobs.startJob(request, {
      requestedBy: 'bench',
      idempotencyKey: key,
      tuning: { pollIntervalMs: 100 },
    });
    return { jobId };
  } catch (err) {
    return { refused: messageOf(err) };
  }
}

/** Runs `spec`'s job on a stack and worker process of its own, and measures it (stopped at the end). */
export async function runLargeJob(spec: LargeJobSpec): Promise<LargeJobResult> {
  const stack = await startBenchStack({ name: spec.name, simulators: spec.simulators, tracing: true });
  try {
    const profile = spec.profileDir ? { dir: spec.profileDir, name: spec.name } : undefined;
    const worker = await spawnWorker({ mode: 'bulkflow', env: stack.env, ...(profile ? { profile } : {}) });
    let measured: Omit<LargeJobResult, 'spans'>;
    try {
      measured = await measureJob(stack, spec, worker.pid);
    } finally {
      await worker.stop();
    }
    // Read once the worker has stopped: it flushes its last spans as it exits.
    return { ...measured, ...(stack.collector ? { spans: stack.collector.counts() } : {}) };
  } finally {
    await stack.stop();
  }
}

async function measureJob(
  stack: BenchStack,
  spec: LargeJobSpec,
  workerPid: number,
): Promise<Omit<LargeJobResult, 'spans'>> {
  const requestBytes = Buffer.byteLength(JSON.stringify(spec.request));
  const began = Date.now();
  const start = await startJob(stack, spec.request, spec.name);
  const id = 'jobId' in start ? start.jobId : undefined;
  const outcome =
    'jobId' in start ? await awaitOutcome(stack, start.jobId, spec.timeoutMs) : `start refused: ${start.refused}`;
  const wallSeconds = (Date.now() - began) / 1000;
  const workerPeakRss = sampleProcess(workerPid).peakRssBytes;
  const history = id !== undefined ? await chainHistoryCost(stack.client, id) : undefined;
  const defaultClient = id !== undefined ? await defaultClientReads(stack, id) : '—';
  const waits = id !== undefined ? await jobWaits(stack, id) : undefined;
  return {
    name: spec.name,
    users: spec.users,
    batches: spec.batches,
    requestBytes,
    outcome,
    wallSeconds,
    overheadPerBatchMs: (wallSeconds * 1000 - spec.providerMsPerBatch * spec.batches) / spec.batches,
    workerPeakRss,
    defaultClient,
    blobs: dirUsage(stack.blobDir),
    ...(history ? { history } : {}),
    ...(waits ? { waits } : {}),
  };
}
