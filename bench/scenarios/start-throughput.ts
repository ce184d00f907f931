/**
 * Scenario 5: start throughput — jobs accepted per second through the HTTP API (`POST /v1/jobs`, a real listening
 * Fastify app) and through the typed client, and the latency from sending the request to the provider receiving
 * the start (plan → tenant permit → startProviderJob → provider).
 */
import { apiKeyFromEnv } from '../../src/api-keys-config';
import { buildApp } from '../../src/api/app';
import { moveUsers } from '../lib/requests';
import type { Scenario } from '../lib/scenario';
import { assertRan, mapLimit, waitFor } from '../lib/scenario';
import { SIZES } from '../lib/sizes';
import { startBenchStack } from '../lib/stack';
import type { BenchStack } from '../lib/stack';
import { formatNumber, formatRatio, median, percentile, ratio } from '../lib/stats';
import { activityStarted, medianProfile, waitProfile } from '../lib/wait-profile';
import type { WaitProfile } from '../lib/wait-profile';

const API_KEY = 'bench-api-key-0123456789';
const CONCURRENCY = 16;
type Path = 'client' | 'http' | 'http-serial';
const LABELS: Record<Path, string> = {
  http: `HTTP API (POST /v1/jobs), ${CONCURRENCY} in flight`,
  client: `client (BulkJobClient.startJob), ${CONCURRENCY} in flight`,
  'http-serial': 'HTTP API, one request at a time',
};

interface RunResult {
  readonly path: Path;
  readonly acceptedPerSecond: number;
  /** Jobs whose provider start arrived, per second from the first request to the last provider start. */
  readonly providerStartsPerSecond: number;
  readonly acceptP50: number;
  readonly toProviderP50: number;
  readonly toProviderP99: number;
  /** Where each job's time went from its workflow's start to startProviderJob starting (from its history). */
  readonly profiles: readonly WaitProfile[];
}

async function runOnce(stack: BenchStack, apiUrl: string, path: Path, jobs: number, run: number): Promise<RunResult> {
  const orgs = Array.from({ length: jobs }, (_, i) => `org-start-${path}-r${run}-${i}`);
  const sentAt = new Map<string, number>();
  const acceptMs: number[] = [];
  const jobIds: string[] = [];
  const began = Date.now();
  await mapLimit(orgs, path === 'http-serial' ? 1 : CONCURRENCY, async (orgId) => {
    const request = moveUsers(orgId);
    const t0 = Date.now();
    sentAt.set(orgId, t0);
    if (path === 'client') {
      jobIds.push((await stack.jobs.startJob(request, { requestedBy: 'bench' })).jobId);
    } else {
      const res = await fetch(`${apiUrl}/v1/jobs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      if (res.status !== 202) throw new Error(`POST /v1/jobs answered ${res.status}: ${await res.text()}`);
      jobIds.push(((await res.json()) as { jobId: string }).jobId);
    }
    acceptMs.push(Date.now() - t0);
  });
  const acceptedPerSecond = (jobs * 1000) / (Date.now() - began);
  const wanted = new Set(orgs);
  const starts = () =>
    stack.sim.log.entries({ endpoint: 'webex.moveUsers.start' }).filter((e) => wanted.has(e.query['orgId'] ?? ''));
  await waitFor(`${jobs} provider starts`, () => starts().length >= jobs, 300_000, 200);
  const toProvider = starts().map((e) => e.receivedAt - (sentAt.get(e.query['orgId'] ?? '') ?? Number.NaN));
  const lastStart = Math.max(...starts().map((e) => e.receivedAt));
  // The next run starts on a quiet system: these jobs finish (one poll each) first.
  await waitFor('jobs to finish', async () => (await runningJobs(stack)) === 0, 300_000, 500);
  const profiles = await mapLimit(jobIds, 8, async (id) =>
    waitProfile(await stack.client.workflow.getHandle(id).fetchHistory(), activityStarted('startProviderJob')),
  );
  return {
    path,
    acceptedPerSecond,
    providerStartsPerSecond: (jobs * 1000) / (lastStart - began),
    acceptP50: median(acceptMs),
    toProviderP50: percentile(toProvider, 50),
    toProviderP99: percentile(toProvider, 99),
    profiles,
  };
}

async function runningJobs(stack: BenchStack): Promise<number> {
  const { count } = await stack.client.workflow.count(
    `WorkflowType = 'bulkJobWorkflow' AND ExecutionStatus = 'Running'`,
  );
  return count;
}

export const startThroughputScenario: Scenario = async ({ mode }) => {
  const { jobs, serialJobs, runs } = SIZES[mode].start;
  const stack = await startBenchStack({
    name: 'start',
    simulators: { 'webex.moveUsers': { pollsToComplete: 1 } },
    inProcessWorker: {},
  });
  const app = buildApp({ jobs: stack.jobs, keys: apiKeyFromEnv(API_KEY, 'bench') });
  const results: RunResult[] = [];
  try {
    const apiUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    for (let run = 1; run <= runs; run += 1) {
      // Alternate the order so neither path always runs second.
      const order = run % 2 === 1 ? (['http', 'client'] as const) : (['client', 'http'] as const);
      for (const path of order) results.push(await runOnce(stack, apiUrl, path, jobs, run));
      results.push(await runOnce(stack, apiUrl, 'http-serial', serialJobs, run));
    }
  } finally {
    await app.close();
    await stack.stop();
  }
  for (const r of results) {
    assertRan(r.acceptedPerSecond > 0 && Number.isFinite(r.toProviderP50), `${r.path}: no start reached the provider`);
    assertRan(
      r.profiles.every((p) => p.steps.size > 0),
      `${r.path}: a job's history showed no wait`,
    );
  }
  const m = (path: Path, pick: (r: RunResult) => number): number =>
    median(results.filter((r) => r.path === path).map(pick));
  const clientRate = m('client', (r) => r.acceptedPerSecond);
  const rows = (['http', 'client', 'http-serial'] as const).map((path) => [
    LABELS[path],
    formatNumber(
      m(path, (r) => r.acceptedPerSecond),
      1,
    ),
    formatRatio(
      ratio(
        m(path, (r) => r.acceptedPerSecond),
        clientRate,
      ),
    ),
    formatNumber(
      m(path, (r) => r.providerStartsPerSecond),
      1,
    ),
    formatNumber(m(path, (r) => r.acceptP50)),
    formatNumber(m(path, (r) => r.toProviderP50)),
    formatNumber(m(path, (r) => r.toProviderP99)),
  ]);
  const profileRows = (path: Path) =>
    medianProfile(
      results.filter((r) => r.path === path).flatMap((r) => r.profiles),
      median,
    );
  const burst = profileRows('client');
  const serial = profileRows('http-serial');
  const steps = [...new Set([...burst, ...serial].map((r) => r.step))];
  const cell = (rows: typeof burst, step: string): string => {
    const row = rows.find((r) => r.step === step);
    return row ? `${formatNumber(row.ms)} (${(row.share * 100).toFixed(0)}%)` : '—';
  };
  return {
    name: 'start',
    data: {
      jobs,
      runs,
      concurrency: CONCURRENCY,
      results: results.map(({ profiles, ...r }) => ({ ...r, profiledJobs: profiles.length })),
      startPath: { burst, serial },
    },
    tables: [
      {
        title: 'Scenario 5 — start throughput',
        columns: [
          'path',
          'accepted jobs/s',
          '÷ client',
          'provider starts/s',
          'accept p50 ms',
          'send → provider start p50 ms',
          'p99 ms',
        ],
        rows,
        notes: [
          `${jobs} jobs per run (${serialJobs} one at a time), medians of ${runs} run(s); one in-process worker.`,
          'accepted = 202 from the API / start returned; provider starts/s = jobs ÷ (first request → last start ' +
            'received by the provider): the end-to-end rate (plan, tenant permit, startProviderJob).',
          'Each job is one Webex Move Users batch in its own org (its own tenant permit).',
        ],
      },
      {
        title: 'Where a job waits before the provider sees it (workflow start → startProviderJob starts), ms',
        columns: ['step (what ended the wait)', LABELS.client, LABELS['http-serial']],
        rows: steps.map((step) => [step, cell(burst, step), cell(serial, step)]),
        notes: [
          "Read from every job's history: each gap between consecutive events is charged to the event that ended " +
            'it; medians per step over all jobs of all runs, and each step’s share of the summed medians.',
          'The tenant permit is "local activity: requestPermit" (an update-with-start on the tenant semaphore, ' +
            'answered in its workflow task) plus, for a request answered queued (or asked by signal, before the ' +
            'update), "signal from another workflow": the grant signalled back.',
        ],
      },
    ],
  };
};
