/**
 * Scenario 2: in-flight capacity. N simulated bulk jobs (each polled every 5 s) awaited by ONE worker process:
 * polls/s sustained, worker CPU and peak RSS, server CPU, and the ratio to the limit of this setup — the dev
 * server's raw throughput of trivial activity attempts, measured on the same fresh server just before.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { topSelfTime } from '../lib/cpu-profile';
import type { CpuProfile, SelfTime } from '../lib/cpu-profile';
import { PROFILES_DIR } from '../lib/paths';
import { coresUsed, sampleProcess } from '../lib/proc';
import { moveUsers } from '../lib/requests';
import type { Scenario } from '../lib/scenario';
import { delay, mapLimit } from '../lib/scenario';
import { startBenchStack } from '../lib/stack';
import type { BenchStack } from '../lib/stack';
import { formatBytes, formatNumber, formatRatio, ratio } from '../lib/stats';
import { spawnWorker } from '../lib/worker-process';

const POLL_INTERVAL_MS = 5_000;

interface Limit {
  readonly attemptsPerSecond: number;
  readonly serverCores: number;
}

interface TierResult {
  readonly jobs: number;
  readonly inFlight: number;
  readonly startSeconds: number;
  readonly windowSeconds: number;
  readonly pollsPerSecond: number;
  readonly workerCores: number;
  readonly workerPeakRss: number;
  readonly serverCores: number;
  readonly limit: Limit;
}

/** Raw limit: `chains` workflows, each one trivial activity retried `attempts` times 1 ms apart. */
async function measureLimit(stack: BenchStack, chains: number, attempts: number): Promise<Limit> {
  const worker = await spawnWorker({ mode: 'trivial', env: { ...stack.env, BULKFLOW_TASK_QUEUE: 'bench-trivial' } });
  try {
    const before = sampleProcess(stack.server.pid);
    await Promise.all(
      Array.from({ length: chains }, (_, i) =>
        stack.client.workflow.execute('trivialActivityWorkflow', {
          taskQueue: 'bench-trivial',
          workflowId: `trivial-${i}`,
          args: [attempts],
        }),
      ),
    );
    const after = sampleProcess(stack.server.pid);
    return {
      attemptsPerSecond: (chains * attempts * 1000) / (after.at - before.at),
      serverCores: coresUsed(before, after),
    };
  } finally {
    await worker.stop();
  }
}

async function startJobs(stack: BenchStack, jobs: number, budgetMs: number): Promise<number> {
  const began = Date.now();
  const ids = Array.from({ length: jobs }, (_, i) => `capacity-${jobs}-${i}`);
  await mapLimit(ids, 32, async (id) => {
    if (Date.now() - began > budgetMs) return;
    await stack.jobs.startJob(moveUsers(`org-${id}`), {
      requestedBy: 'bench',
      tuning: { pollIntervalMs: POLL_INTERVAL_MS },
    });
  });
  // Every started job is in flight once its provider job exists.
  while (stack.webex.jobCount() < jobs && Date.now() - began < budgetMs) await delay(500);
  return stack.webex.jobCount();
}

async function runTier(jobs: number, quick: boolean, profile: boolean): Promise<TierResult> {
  const stack = await startBenchStack({
    name: `capacity-${jobs}`,
    simulators: { webexMoveUsers: { durationMs: 3_600_000 } },
  });
  try {
    const limit = await measureLimit(stack, quick ? 20 : 50, quick ? 50 : 60);
    const worker = await spawnWorker({
      mode: 'bulkflow',
      env: stack.env,
      ...(profile ? { profileName: `capacity-${jobs}` } : {}),
    });
    try {
      const startedAt = Date.now();
      const inFlight = await startJobs(stack, jobs, quick ? 90_000 : 300_000);
      const startSeconds = (Date.now() - startedAt) / 1000;
      // Let the start phase's backlog drain and polls spread over the interval before measuring.
      await delay(2 * POLL_INTERVAL_MS);
      const windowMs = quick ? 20_000 : 45_000;
      const w0 = sampleProcess(worker.pid);
      const s0 = sampleProcess(stack.server.pid);
      await delay(windowMs);
      const w1 = sampleProcess(worker.pid);
      const s1 = sampleProcess(stack.server.pid);
      const polls = stack.sim.log
        .entries({ endpoint: 'webex.moveUsers.status' })
        .filter((e) => e.receivedAt >= w0.at && e.receivedAt < w1.at).length;
      return {
        jobs,
        inFlight,
        startSeconds,
        windowSeconds: (w1.at - w0.at) / 1000,
        pollsPerSecond: (polls * 1000) / (w1.at - w0.at),
        workerCores: coresUsed(w0, w1),
        workerPeakRss: w1.peakRssBytes,
        serverCores: coresUsed(s0, s1),
        limit,
      };
    } finally {
      await worker.stop();
    }
  } finally {
    await stack.stop();
  }
}

function latestProfile(prefix: string): SelfTime[] {
  const files = readdirSync(PROFILES_DIR)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.cpuprofile'))
    .sort();
  const last = files[files.length - 1];
  if (!last) return [];
  return topSelfTime(JSON.parse(readFileSync(join(PROFILES_DIR, last), 'utf8')) as CpuProfile, 12);
}

/** Why 5,000 and 10,000 jobs were not run, from what the largest tier measured. */
function notRun(results: readonly TierResult[]): string[] {
  const last = results[results.length - 1];
  if (!last) return [];
  const startRate = last.inFlight / last.startSeconds;
  return [5_000, 10_000].map(
    (jobs) =>
      `${formatNumber(jobs)} jobs: not run — at the measured start rate (${formatNumber(startRate, 1)} jobs/s) ` +
      `starting them alone would take ~${formatNumber(jobs / startRate / 60)} min, and they need ` +
      `${formatNumber(jobs / (POLL_INTERVAL_MS / 1000))} polls/s, ` +
      `${formatRatio(jobs / (POLL_INTERVAL_MS / 1000) / last.limit.attemptsPerSecond)} the raw limit of this setup.`,
  );
}

export const capacityScenario: Scenario = async ({ quick, profile }) => {
  const tiers = quick ? [100] : [250, 1_000, 2_500];
  const results: TierResult[] = [];
  for (const jobs of tiers) results.push(await runTier(jobs, quick, profile && jobs === tiers[tiers.length - 1]));
  const largest = tiers[tiers.length - 1] ?? 0;
  const hot = profile ? latestProfile(`capacity-${largest}-`) : [];
  const rows = results.map((r) => [
    formatNumber(r.jobs),
    formatNumber(r.inFlight),
    formatNumber(r.inFlight / (POLL_INTERVAL_MS / 1000)),
    formatNumber(r.pollsPerSecond, 1),
    formatNumber(r.limit.attemptsPerSecond),
    formatRatio(ratio(r.pollsPerSecond, r.limit.attemptsPerSecond)),
    formatNumber(r.workerCores, 2),
    formatBytes(r.workerPeakRss),
    formatNumber(r.serverCores, 2),
    formatNumber(r.limit.serverCores, 2),
    formatNumber(r.inFlight / r.startSeconds, 1),
  ]);
  return {
    name: 'capacity',
    data: { pollIntervalMs: POLL_INTERVAL_MS, results, profile: { tier: largest, top: hot } },
    tables: [
      {
        title: 'Scenario 2 — in-flight capacity (one worker process, 2 cores shared with the server)',
        columns: [
          'jobs',
          'in flight',
          'polls/s needed',
          'polls/s sustained',
          'raw limit attempts/s',
          'polls ÷ limit',
          'worker CPU (cores)',
          'worker peak RSS',
          'server CPU (cores)',
          'server CPU at limit',
          'start jobs/s',
        ],
        rows,
        notes: [
          ...notRun(results),
          `Each job: one Webex Move Users provider job that never finishes, polled every ${POLL_INTERVAL_MS / 1000} s; ` +
            `polls counted at the simulator over a ${quick ? 20 : 45} s window after all jobs were in flight.`,
          'Raw limit: trivial activity attempts/s (retryable failure, 1 ms nextRetryDelay, no I/O) on the same ' +
            'fresh server with a worker process of default settings, measured just before each tier (one run per tier).',
        ],
      },
      ...(hot.length
        ? [
            {
              title: `Worker CPU profile at ${formatNumber(largest)} jobs (top self time)`,
              columns: ['function (file:line)', 'self ms', 'share'],
              rows: hot.map((h) => [h.frame, formatNumber(h.selfMs), `${(h.share * 100).toFixed(1)}%`]),
            },
          ]
        : []),
    ],
  };
};
