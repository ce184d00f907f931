/**
 * Scenario 6: a large request end to end through batching (Webex Move Users, 100 users per provider job), with a
 * fresh worker process per size: wall time, peak worker RSS, history size and the largest event in history. Sizes
 * grow until one fails; the failure and the size it happened at are the finding (no claim check yet, §4.9).
 */
import { Client, Connection } from '@temporalio/client';
import { chainHistoryCost } from '../lib/history';
import type { HistoryCost } from '../lib/history';
import { sampleProcess } from '../lib/proc';
import { moveUsers } from '../lib/requests';
import type { Scenario } from '../lib/scenario';
import { delay } from '../lib/scenario';
import { startBenchStack } from '../lib/stack';
import type { BenchStack } from '../lib/stack';
import { formatBytes, formatNumber, formatRatio, ratio } from '../lib/stats';
import { spawnWorker } from '../lib/worker-process';

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
}

/** The first failure message in the latest run's history, if any (failed workflow tasks, activities, the run). */
async function failureIn(client: Client, id: string): Promise<string | undefined> {
  const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
  for (const e of events) {
    const failure =
      e.workflowTaskFailedEventAttributes?.failure ??
      e.workflowExecutionFailedEventAttributes?.failure ??
      e.activityTaskFailedEventAttributes?.failure;
    if (failure?.message) return failure.message;
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
  const connection = await Connection.connect({ address: stack.server.address });
  try {
    await new Client({ connection }).workflow.getHandle(id).fetchHistory();
    return 'yes';
  } catch (err) {
    return `no: ${messageOf(err)}`;
  } finally {
    await connection.close();
  }
}

async function runSize(users: number, timeoutMs: number): Promise<SizeResult> {
  const stack = await startBenchStack({
    name: `large-${users}`,
    simulators: { webexMoveUsers: { pollsToComplete: 1 } },
  });
  try {
    const worker = await spawnWorker({ mode: 'bulkflow', env: stack.env });
    try {
      const id = `large-${users}`;
      const request = moveUsers(`org-${id}`, users);
      const requestBytes = Buffer.byteLength(JSON.stringify(request));
      const began = Date.now();
      let outcome: string;
      let started = false;
      try {
        await stack.jobs.startJob(request, {
          requestedBy: 'bench',
          idempotencyKey: id,
          tuning: { pollIntervalMs: 100 },
        });
        started = true;
        outcome = await awaitOutcome(stack, id, timeoutMs);
      } catch (err) {
        outcome = `${started ? 'harness could not follow the job' : 'start refused'}: ${messageOf(err)}`;
      }
      const wallSeconds = (Date.now() - began) / 1000;
      const workerPeakRss = sampleProcess(worker.pid).peakRssBytes;
      const history = started ? await chainHistoryCost(stack.client, id) : undefined;
      const defaultClient = started ? await defaultClientReads(stack, id) : '—';
      return {
        users,
        requestBytes,
        outcome,
        wallSeconds,
        workerPeakRss,
        defaultClient,
        ...(history ? { history } : {}),
      };
    } finally {
      await worker.stop();
    }
  } finally {
    await stack.stop();
  }
}

export const largeRequestScenario: Scenario = async ({ quick }) => {
  const sizes = quick ? [1_000, 5_000] : [5_000, 10_000, 15_000, 20_000];
  const results: SizeResult[] = [];
  for (const users of sizes) {
    const result = await runSize(users, quick ? 120_000 : 240_000);
    results.push(result);
    console.log(`  ${users} users: ${result.outcome}`);
  }
  return {
    name: 'large',
    data: { sizes, results },
    tables: [
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
          r.defaultClient.length > 120 ? `${r.defaultClient.slice(0, 120)}…` : r.defaultClient,
        ]),
        notes: [
          'One run per size (a fresh dev server and worker process each); started through BulkJobClient.',
          'History summed over the continue-as-new chain; bytes are encoded protobuf sizes; the largest event ' +
            'is the largest single payload carrier (workflow input, activity result, or continue-as-new input).',
        ],
      },
    ],
  };
};
