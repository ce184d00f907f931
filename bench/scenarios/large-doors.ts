/**
 * Scenario 6, at every door: one FullStory import of `users` users (two provider jobs of 50,000 at full size) sent
 * through the HTTP API as a `text/csv` body (an API process of its own), started with the CLI from a CSV file (a
 * process of its own, as beside `npm start`), and sent to the API as JSON for comparison (over 2 MiB: 413). Each
 * door's process is sampled for its peak RSS; each accepted job is followed to its end, and measured as the other
 * large jobs are: the worker's peak RSS during it (reset before each door), its history and largest event.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../src/dev/free-port';
import { onCleanup } from '../lib/cleanup';
import { chainHistoryCost } from '../lib/history';
import type { HistoryCost } from '../lib/history';
import { inheritedEnv } from '../lib/own-env';
import { ROOT, programArgs } from '../lib/paths';
import { resetPeakRss, sampleProcess } from '../lib/proc';
import { delay, waitFor, withDeadline } from '../lib/scenario';
import { scratchDir } from '../lib/scratch';
import { startBenchStack } from '../lib/stack';
import type { BenchStack } from '../lib/stack';
import { formatBytes, formatNumber } from '../lib/stats';
import type { Table } from '../lib/table';
import type { WorkerProcess } from '../lib/worker-process';

const API_KEY = 'bench-doors-api-key-0123456789';

export interface DoorResult {
  readonly door: string;
  readonly requestBytes: number;
  /** Seconds from sending the request to the job's id (the API's 202, the CLI's exit). */
  readonly acceptedSeconds: number;
  /** Seconds from sending the request to the job's end; absent when nothing was started. */
  readonly doneSeconds?: number;
  readonly outcome: string;
  /** Peak RSS of the door's own process (the API server, the CLI), and the API's before the request. */
  readonly peakRss: number;
  readonly idleRss?: number;
  /** The worker's peak RSS while this door's job ran, and the job's history (absent when nothing was started). */
  readonly job?: JobCost;
}

export interface JobCost {
  readonly workerPeakRss: number;
  readonly history: HistoryCost;
}

/** The worker's peak RSS since `resetPeakRss`, and the history of job `jobId` over its continue-as-new chain. */
async function jobCost(stack: BenchStack, worker: WorkerProcess, jobId: string): Promise<JobCost> {
  const workerPeakRss = sampleProcess(worker.pid).peakRssBytes;
  return { workerPeakRss, history: await chainHistoryCost(stack.client, jobId) };
}

function fullStoryCsv(users: number): string {
  const rows = Array.from({ length: users }, (_, i) => `crm-${i},User ${i},user${i}@example.test`);
  return `uid,display_name,email\n${rows.join('\n')}\n`;
}

/** A program of ours (`src/api/server`: as the harness runs, paths.ts), its output kept, stopped at cleanup. */
function spawnScript(script: string, args: readonly string[], env: Readonly<Record<string, string>>) {
  const child = spawn(process.execPath, [...programArgs(script), ...args], {
    cwd: ROOT,
    env: { ...inheritedEnv(process.env), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-10_000)));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stop = onCleanup(`${script} ${child.pid ?? ''}`, async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  return { child, exited, stop, output: () => ({ stdout, stderr }) };
}

/** Samples `pid`'s peak RSS until `done` settles; the last sample before it exits. */
async function peakRssWhile(pid: number, done: Promise<unknown>): Promise<number> {
  let peak = 0;
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    try {
      const sampled = sampleProcess(pid).peakRssBytes;
      // Right after exec, /proc may not report it yet.
      if (Number.isFinite(sampled)) peak = Math.max(peak, sampled);
    } catch {
      break; // exited between two samples
    }
    await delay(20);
  }
  return peak;
}

async function outcomeOf(stack: BenchStack, jobId: string, timeoutMs: number): Promise<string> {
  const result = await withDeadline(`job ${jobId}`, timeoutMs, () => stack.jobs.result(jobId));
  return `${result.state}: ${formatNumber(result.counts.succeeded)} of ${formatNumber(result.counts.total)} succeeded`;
}

async function startApi(stack: BenchStack) {
  const port = await freePort();
  const env = {
    ...stack.env,
    BULKFLOW_API_HOST: '127.0.0.1',
    BULKFLOW_API_PORT: String(port),
    BULKFLOW_API_KEY: API_KEY,
  };
  const api = spawnScript('src/api/server', [], env);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    'the API',
    () =>
      fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      ),
    90_000,
    200,
  );
  return { ...api, url };
}

function post(url: string, contentType: string, body: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': contentType },
    body,
  });
}

async function apiDoor(
  stack: BenchStack,
  worker: WorkerProcess,
  users: number,
  timeoutMs: number,
): Promise<DoorResult[]> {
  const api = await startApi(stack);
  try {
    const idleRss = sampleProcess(api.child.pid ?? 0).rssBytes;
    const csv = fullStoryCsv(users);
    resetPeakRss(worker.pid);
    const began = Date.now();
    const sent = post(`${api.url}/v1/jobs?operation=fullstory.importUsers`, 'text/csv', csv);
    const peak = peakRssWhile(api.child.pid ?? 0, sent);
    const answer = await sent;
    const acceptedSeconds = (Date.now() - began) / 1000;
    const { jobId } = (await answer.json()) as { jobId: string };
    const accepted = answer.status === 202;
    const outcome = accepted ? await outcomeOf(stack, jobId, timeoutMs) : `HTTP ${answer.status}`;
    const csvDoor: DoorResult = {
      door: 'API, text/csv',
      requestBytes: Buffer.byteLength(csv),
      acceptedSeconds,
      doneSeconds: (Date.now() - began) / 1000,
      outcome,
      peakRss: await peak,
      idleRss,
      ...(accepted ? { job: await jobCost(stack, worker, jobId) } : {}),
    };
    const json = JSON.stringify({ operation: 'fullstory.importUsers', input: { users: jsonUsers(users) } });
    const jsonBegan = Date.now();
    const refused = await post(`${api.url}/v1/jobs`, 'application/json', json);
    const detail = ((await refused.json()) as { detail?: string }).detail ?? '';
    const jsonDoor: DoorResult = {
      door: 'API, application/json',
      requestBytes: Buffer.byteLength(json),
      acceptedSeconds: (Date.now() - jsonBegan) / 1000,
      outcome: `HTTP ${refused.status}: ${detail}`,
      peakRss: sampleProcess(api.child.pid ?? 0).peakRssBytes,
    };
    return [csvDoor, jsonDoor];
  } finally {
    await api.stop();
  }
}

function jsonUsers(users: number) {
  return Array.from({ length: users }, (_, i) => ({
    uid: `crm-${i}`,
    display_name: `User ${i}`,
    email: `user${i}@example.test`,
  }));
}

/** The environment of a client beside the stack: Temporal, the task queue, the keys and the blob store. */
function clientEnv(stack: BenchStack): Record<string, string> {
  const names = [
    'TEMPORAL_ADDRESS',
    'BULKFLOW_TASK_QUEUE',
    'BULKFLOW_CLAIM_CHECK_DIR',
    'BULKFLOW_ENCRYPTION_KEYS',
    'BULKFLOW_TENANT_KEY_DIR',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
  ];
  return Object.fromEntries(names.flatMap((name) => (stack.env[name] ? [[name, stack.env[name]]] : [])));
}

async function cliDoor(
  stack: BenchStack,
  worker: WorkerProcess,
  users: number,
  timeoutMs: number,
): Promise<DoorResult> {
  const file = join(scratchDir(), `doors-${users}.csv`);
  writeFileSync(file, fullStoryCsv(users));
  resetPeakRss(worker.pid);
  const began = Date.now();
  const args = ['start', 'fullstory.importUsers', '--input', file, '--json'];
  const cli = spawnScript('src/cli/index', args, { ...clientEnv(stack), BULKFLOW_REQUESTED_BY: 'bench@doors' });
  const peakRss = await peakRssWhile(cli.child.pid ?? 0, cli.exited);
  const code = await cli.exited;
  const acceptedSeconds = (Date.now() - began) / 1000;
  const { stdout, stderr } = cli.output();
  const requestBytes = Buffer.byteLength(fullStoryCsv(users));
  if (code !== 0)
    return {
      door: 'CLI, --input file.csv',
      requestBytes,
      acceptedSeconds,
      outcome: `exit ${code}: ${stderr.trim()}`,
      peakRss,
    };
  const { jobId } = JSON.parse(stdout) as { jobId: string };
  const outcome = await outcomeOf(stack, jobId, timeoutMs);
  return {
    door: 'CLI, --input file.csv',
    requestBytes,
    acceptedSeconds,
    doneSeconds: (Date.now() - began) / 1000,
    outcome,
    peakRss,
    job: await jobCost(stack, worker, jobId),
  };
}

/** Runs the doors on a stack of their own (its worker a process of its own); returns the results. */
export async function runDoors(
  users: number,
  timeoutMs: number,
  spawnWorker: (stack: BenchStack) => Promise<WorkerProcess>,
): Promise<DoorResult[]> {
  const stack = await startBenchStack({ name: `doors-${users}`, tracing: true });
  try {
    const worker = await spawnWorker(stack);
    try {
      const api = await apiDoor(stack, worker, users, timeoutMs);
      const cli = await cliDoor(stack, worker, users, timeoutMs);
      return [...api, cli];
    } finally {
      await worker.stop();
    }
  } finally {
    await stack.stop();
  }
}

export function doorsTable(users: number, results: readonly DoorResult[]): Table {
  return {
    title: `Scenario 6 at every door — ${formatNumber(users)}-user fullstory.importUsers`,
    columns: [
      'door',
      'request',
      'accepted s',
      'done s',
      'outcome',
      "door process's peak RSS",
      'API RSS before',
      'worker peak RSS',
      'history events',
      'runs',
      'largest event',
    ],
    rows: results.map((r) => [
      r.door,
      formatBytes(r.requestBytes),
      formatNumber(r.acceptedSeconds, 1),
      r.doneSeconds === undefined ? '—' : formatNumber(r.doneSeconds, 1),
      r.outcome.length > 160 ? `${r.outcome.slice(0, 160)}…` : r.outcome,
      formatBytes(r.peakRss),
      r.idleRss === undefined ? '—' : formatBytes(r.idleRss),
      r.job ? formatBytes(r.job.workerPeakRss) : '—',
      r.job ? formatNumber(r.job.history.events) : '—',
      r.job ? String(r.job.history.runs) : '—',
      r.job ? formatBytes(r.job.history.largestEventBytes) : '—',
    ]),
    notes: [
      'One stack (dev server, simulators, a worker process); the API and the CLI each a process of their own, run ' +
        'as the harness runs (from source: through tsx, its compiler part of their RSS), encryption and the claim ' +
        'check on as deployed.',
      'accepted = until the 202 (API) or the exit (CLI, which reads, validates and starts); done = until the job ' +
        'ended. Peak RSS is VmHWM sampled every 20 ms.',
      "Worker peak RSS = the worker process's VmHWM, reset before each door, read when its job ended (tracing on: " +
        "spans exported to the stack's own collector); history summed over the continue-as-new chain.",
    ],
  };
}
