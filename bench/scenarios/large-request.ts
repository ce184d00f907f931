/**
 * Scenario 6: a large request end to end through batching (Webex Move Users, 100 users per provider job), with a fresh
 * worker process per size: wall time, peak worker RSS, history size, the largest event in history, and what the claim
 * check (docs/architecture.md#claim-check) moved to the blob store. The largest size's worker is CPU-profiled. First,
 * a 100,000-user FullStory import at every door: the API's CSV body, the CLI, and the API's JSON body (large-doors.ts).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { chainHistoryCost, chainRunIds } from '../lib/history';
import type { HistoryCost } from '../lib/history';
import { latestProfile, profileTables } from '../lib/profiles';
import { sampleProcess } from '../lib/proc';
import type { RunMode } from '../lib/args';
import { moveUsers } from '../lib/requests';
import type { Scenario } from '../lib/scenario';
import { assertRan, delay } from '../lib/scenario';
import { SIZES } from '../lib/sizes';
import { startBenchStack } from '../lib/stack';
import type { BenchStack } from '../lib/stack';
import { formatBytes, formatNumber, formatRatio, ratio } from '../lib/stats';
import { waitProfile } from '../lib/wait-profile';
import { spawnWorker } from '../lib/worker-process';
import { doorsTable, runDoors } from './large-doors';
import type { DoorResult } from './large-doors';
import { decodeOptionalFailureToOptionalError } from '@temporalio/common/lib/internal-non-workflow';
import { connectClient, plainEndpoint } from '../../src/temporal-connection';

/** Users per Webex Move Users provider job (the operation's batch size). */
const USERS_PER_BATCH = 100;

/** Temporal's hard limit on one payload (blob size error limit). */
const PAYLOAD_LIMIT_BYTES = 2 * 1024 * 1024;

interface SizeResult {
  readonly users: number;
  readonly requestBytes: number;
  readonly outcome: string;
  readonly wallSeconds: number;
  readonly workerPeakRss: number;
  /** Whether a client with default gRPC limits (4 MiB receive) can fetch the history, or why not. */
  readonly defaultClient: string;
  readonly history?: HistoryCost;
  /** Payloads the claim check moved to the blob store: files and bytes. */
  readonly blobs: DirUsage;
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

interface DirUsage {
  readonly files: number;
  readonly bytes: number;
}

function dirUsage(dir: string): DirUsage {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
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
  request: ReturnType<typeof moveUsers>,
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

async function runSize(
  users: number,
  timeoutMs: number,
  profile?: { readonly dir: string; readonly name: string },
): Promise<SizeResult> {
  const stack = await startBenchStack({
    name: `large-${users}`,
    simulators: { 'webex.moveUsers': { pollsToComplete: 1 } },
  });
  try {
    const worker = await spawnWorker({ mode: 'bulkflow', env: stack.env, ...(profile ? { profile } : {}) });
    try {
      const key = `large-${users}`;
      const request = moveUsers(`org-${key}`, users);
      const requestBytes = Buffer.byteLength(JSON.stringify(request));
      const began = Date.now();
      const start = await startJob(stack, request, key);
      const id = 'jobId' in start ? start.jobId : undefined;
      // A job the harness started but cannot follow is a broken scenario, not a finding: awaitOutcome throws.
      const outcome =
        'jobId' in start ? await awaitOutcome(stack, start.jobId, timeoutMs) : `start refused: ${start.refused}`;
      const wallSeconds = (Date.now() - began) / 1000;
      const workerPeakRss = sampleProcess(worker.pid).peakRssBytes;
      const history = id !== undefined ? await chainHistoryCost(stack.client, id) : undefined;
      const defaultClient = id !== undefined ? await defaultClientReads(stack, id) : '—';
      const waits = id !== undefined ? await jobWaits(stack, id) : undefined;
      return {
        users,
        requestBytes,
        outcome,
        wallSeconds,
        workerPeakRss,
        defaultClient,
        blobs: dirUsage(stack.blobDir),
        ...(history ? { history } : {}),
        ...(waits ? { waits } : {}),
      };
    } finally {
      await worker.stop();
    }
  } finally {
    await stack.stop();
  }
}

/** The large request at every door (large-doors.ts); at smoke size, each accepted job must succeed. */
async function doors(mode: RunMode, users: number, timeoutMs: number): Promise<DoorResult[]> {
  const results = await runDoors(users, timeoutMs, (stack) => spawnWorker({ mode: 'bulkflow', env: stack.env }));
  for (const r of results) console.log(`  ${r.door}, ${users} users: ${r.outcome}`);
  const started = results.filter((r) => r.doneSeconds !== undefined);
  assertRan(
    started.length === 2,
    `two doors started the ${users}-user import: ${results.map((r) => r.outcome).join('; ')}`,
  );
  if (mode === 'smoke')
    assertRan(
      started.every((r) => r.outcome.startsWith('succeeded')),
      'the doors succeeded',
    );
  return results;
}

export const largeRequestScenario: Scenario = async ({ mode, profilesDir }) => {
  const { users: sizes, timeoutMs, doorUsers } = SIZES[mode].large;
  const doorResults = await doors(mode, doorUsers, timeoutMs);
  const largest = sizes[sizes.length - 1] ?? 0;
  const results: SizeResult[] = [];
  for (const users of sizes) {
    // The largest size's worker is profiled.
    const profile = profilesDir && users === largest ? { dir: profilesDir, name: `large-${users}` } : undefined;
    const result = await runSize(users, timeoutMs, profile);
    results.push(result);
    console.log(`  ${users} users: ${result.outcome}`);
    // At full size an outcome is a finding (a payload limit, a hang); a smoke-sized request must simply succeed.
    if (mode === 'smoke') assertRan(result.outcome === 'completed (succeeded)', `${users} users: ${result.outcome}`);
  }
  const hot = latestProfile(profilesDir, `large-${largest}-`);
  const waits = results[results.length - 1]?.waits ?? {};
  const waitTotal = Object.values(waits).reduce((sum, ms) => sum + ms, 0);
  const batches = largest / USERS_PER_BATCH;
  return {
    name: 'large',
    data: { sizes, results, profile: { users: largest, top: hot }, doors: { users: doorUsers, results: doorResults } },
    tables: [
      doorsTable(doorUsers, doorResults),
      {
        title: 'Scenario 6 — large request (webex.moveUsers, 100 users per provider job)',
        columns: [
          'users',
          'request JSON',
          'outcome',
          'wall s',
          'worker peak RSS',
          'history events',
          'history bytes',
          'largest event',
          'largest ÷ 2 MiB payload limit',
          'runs',
          'claim-checked blobs',
          'history readable by a default client',
        ],
        rows: results.map((r) => [
          formatNumber(r.users),
          formatBytes(r.requestBytes),
          r.outcome.length > 160 ? `${r.outcome.slice(0, 160)}…` : r.outcome,
          formatNumber(r.wallSeconds, 1),
          formatBytes(r.workerPeakRss),
          r.history ? formatNumber(r.history.events) : '—',
          r.history ? formatBytes(r.history.bytes) : '—',
          r.history ? formatBytes(r.history.largestEventBytes) : '—',
          r.history ? formatRatio(ratio(r.history.largestEventBytes, PAYLOAD_LIMIT_BYTES)) : '—',
          r.history ? String(r.history.runs) : '—',
          `${formatNumber(r.blobs.files)} (${formatBytes(r.blobs.bytes)})`,
          r.defaultClient.length > 120 ? `${r.defaultClient.slice(0, 120)}…` : r.defaultClient,
        ]),
        notes: [
          'One run per size (a fresh dev server and worker process each); started through BulkJobClient.',
          'History summed over the continue-as-new chain; bytes are encoded protobuf sizes; the largest event ' +
            'is the largest single payload carrier (workflow input, activity result, or continue-as-new input).',
          'Claim check on (as deployed): payloads over 128 KiB are stored in a content-addressed blob directory ' +
            'and history keeps a reference; blobs = files in that directory at the end, and their size.',
        ],
      },
      {
        title: `Where the ${formatNumber(largest)}-user job's time goes (${formatNumber(batches)} batches)`,
        columns: ['step (what ended the wait)', 'total s', 'per batch ms', 'share'],
        rows: Object.entries(waits)
          .sort((a, b) => b[1] - a[1])
          .map(([step, ms]) => [
            step,
            formatNumber(ms / 1000, 1),
            formatNumber(ms / batches),
            `${((ms / waitTotal) * 100).toFixed(1)}%`,
          ]),
        notes: [
          "Read from the job's histories (every run): each gap between consecutive events is charged to the " +
            'event that ended it. Batches run one at a time (webex.moveUsers allows one provider job per org), so ' +
            'the gaps add up to the wall time.',
        ],
      },
      ...profileTables(`Worker CPU profile at ${formatNumber(largest)} users (top self time)`, hot),
    ],
  };
};
