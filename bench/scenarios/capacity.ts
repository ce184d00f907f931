/**
 * Scenario 2: in-flight capacity. N simulated bulk jobs (each polled every 5 s) awaited by ONE worker process:
 * polls/s sustained, worker CPU and peak RSS, server CPU, and the ratio to the limit of this setup — the dev
 * server's raw throughput of trivial activity attempts, measured on the same fresh server just before.
 */
import { Client } from '@temporalio/client';
import { latestProfile, profileTables } from '../lib/profiles';
import { coresUsed, sampleProcess } from '../lib/proc';
import { estimateRampEnd } from '../lib/ramp';
import { moveUsers } from '../lib/requests';
import type { Scenario } from '../lib/scenario';
import { assertRan, delay, mapLimit } from '../lib/scenario';
import { SIZES } from '../lib/sizes';
import type { CapacitySizes } from '../lib/sizes';
import { startBenchStack } from '../lib/stack';
import type { BenchStack } from '../lib/stack';
import { formatBytes, formatNumber, formatRatio, ratio } from '../lib/stats';
import { spawnWorker } from '../lib/worker-process';

interface Limit {
  readonly attemptsPerSecond: number;
  readonly serverCores: number;
}

interface TierResult {
  readonly jobs: number;
  readonly inFlight: number;
  readonly startSeconds: number;
  /** Server CPU over the start phase, in cores. */
  readonly startServerCores: number;
  readonly windowSeconds: number;
  readonly pollsPerSecond: number;
  readonly workerCores: number;
  readonly workerPeakRss: number;
  readonly serverCores: number;
  readonly serverPeakRss: number;
  readonly limit: Limit;
}

/**
 * Raw limit: `chains` workflows, each one trivial activity retried `attempts` times 1 ms apart. Started through a
 * client without bulkflow's payload codec, as the trivial worker has none: the limit is the server's, with no
 * encryption or claim check (a stack's own client encrypts, which that worker cannot read).
 */
async function measureLimit(stack: BenchStack, chains: number, attempts: number): Promise<Limit> {
  const worker = await spawnWorker({ mode: 'trivial', env: { ...stack.env, BULKFLOW_TASK_QUEUE: 'bench-trivial' } });
  try {
    const plain = new Client({ connection: stack.client.connection });
    const before = sampleProcess(stack.server.pid);
    await Promise.all(
      Array.from({ length: chains }, (_, i) =>
        plain.workflow.execute('trivialActivityWorkflow', {
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

const STATUS_ENDPOINT = 'webex.moveUsers.status';
/** Jobs accepted but without their provider job yet, at most (see startJobs). */
const STARTING_WINDOW = 500;

interface StartPhase {
  readonly inFlight: number;
  readonly seconds: number;
  /** Latest moment a job may still be waiting out a Retry-After handed out during the start phase. */
  readonly quietUntilMs: number;
}

/**
 * Starts `jobs` jobs (32 requests at a time through BulkJobClient, at most STARTING_WINDOW of them still starting)
 * and waits until each has its provider job, or the budget is spent. Meanwhile the provider's status endpoint is rate-limited: every poll gets 429 with a Retry-After that
 * points at the estimated end of the start phase, spread over one poll interval. bulkflow obeys it, so jobs in
 * flight wait in one timer each instead of polling, and every tier is measured from the same state — all its jobs
 * in flight, polls spread evenly — rather than from however far the starts got while competing with the polls.
 */
async function startJobs(stack: BenchStack, jobs: number, sizes: CapacitySizes): Promise<StartPhase> {
  const { pollIntervalMs, rampFallbackMs } = sizes;
  const budgetMs = Math.max(sizes.startBudget.minMs, jobs * sizes.startBudget.perJobMs);
  const began = Date.now();
  let firstAtMs: number | undefined;
  let quietUntilMs = began;
  let reportedAt = began;
  const limit = (): void => {
    const nowMs = Date.now();
    const done = stack.webex.jobCount();
    if (done > 0) firstAtMs ??= nowMs;
    if (nowMs - reportedAt >= 60_000) {
      reportedAt = nowMs;
      console.log(`  ${jobs} jobs: ${done} in flight after ${Math.round((nowMs - began) / 1000)} s`);
    }
    const untilMs = estimateRampEnd({ firstAtMs, nowMs, done, target: jobs, fallbackMs: rampFallbackMs });
    stack.sim.faults.rateLimit(STATUS_ENDPOINT, { untilMs, spreadMs: pollIntervalMs });
    quietUntilMs = Math.max(quietUntilMs, untilMs + pollIntervalMs);
  };
  limit();
  const limiter = setInterval(limit, 2_000);
  try {
    const ids = Array.from({ length: jobs }, (_, i) => `capacity-${jobs}-${i}`);
    let accepted = 0;
    await mapLimit(ids, 32, async (id) => {
      // Admission window: a burst of thousands of starts keeps more workflows mid-start than the worker's
      // workflow cache holds, and every workflow task then replays its history from scratch.
      while (accepted - stack.webex.jobCount() >= STARTING_WINDOW && Date.now() - began <= budgetMs) await delay(200);
      if (Date.now() - began > budgetMs) return;
      accepted += 1;
      await stack.jobs.startJob(moveUsers(`org-${id}`), {
        requestedBy: 'bench',
        tuning: { pollIntervalMs },
      });
    });
    // A job is in flight once its provider job exists.
    while (stack.webex.jobCount() < jobs && Date.now() - began < budgetMs) await delay(500);
  } finally {
    clearInterval(limiter);
  }
  const ended = Date.now();
  // Polls arriving from now on pass; jobs told to wait longer come back by their Retry-After (at most quietUntil).
  stack.sim.faults.rateLimit(STATUS_ENDPOINT, undefined);
  return { inFlight: stack.webex.jobCount(), seconds: (ended - began) / 1000, quietUntilMs };
}

async function runTier(
  jobs: number,
  sizes: CapacitySizes,
  workerCache: number | undefined,
  profilesDir?: string,
): Promise<TierResult> {
  const stack = await startBenchStack({
    name: `capacity-${jobs}`,
    simulators: { 'webex.moveUsers': { durationMs: 3_600_000 } },
  });
  try {
    const limit = await measureLimit(stack, sizes.limitChains, sizes.limitAttempts);
    console.log(`  ${jobs} jobs: raw limit ${formatNumber(limit.attemptsPerSecond)} attempts/s`);
    const worker = await spawnWorker({
      mode: 'bulkflow',
      env: workerCache ? { ...stack.env, BULKFLOW_WORKER_CACHED_WORKFLOWS: String(workerCache) } : stack.env,
      // The start phase parks polls with 429s. A cooldown per scope would hold the starts behind them (the ramp
      // estimate then never ends: 70 of 100 jobs in flight), and its pace would still meter the measured window.
      sharedCooldown: false,
      ...(profilesDir ? { profile: { dir: profilesDir, name: `capacity-${jobs}` } } : {}),
    });
    try {
      const s0 = sampleProcess(stack.server.pid);
      const start = await startJobs(stack, jobs, sizes);
      const s1 = sampleProcess(stack.server.pid);
      // Wait until every job is back from the start phase's Retry-After and polls have spread over the interval.
      const settleMs = Math.max(0, start.quietUntilMs - Date.now()) + 2 * sizes.pollIntervalMs;
      console.log(
        `  ${jobs} jobs: ${start.inFlight} in flight in ${Math.round(start.seconds)} s; measuring in ${Math.round(settleMs / 1000)} s`,
      );
      await delay(settleMs);
      const w0 = sampleProcess(worker.pid);
      const m0 = sampleProcess(stack.server.pid);
      await delay(sizes.windowMs);
      const w1 = sampleProcess(worker.pid);
      const m1 = sampleProcess(stack.server.pid);
      const polls = stack.sim.log
        .entries({ endpoint: STATUS_ENDPOINT })
        .filter((e) => e.receivedAt >= w0.at && e.receivedAt < w1.at && e.status === 200).length;
      return {
        jobs,
        inFlight: start.inFlight,
        startSeconds: start.seconds,
        startServerCores: coresUsed(s0, s1),
        windowSeconds: (w1.at - w0.at) / 1000,
        pollsPerSecond: (polls * 1000) / (w1.at - w0.at),
        workerCores: coresUsed(w0, w1),
        workerPeakRss: w1.peakRssBytes,
        serverCores: coresUsed(m0, m1),
        serverPeakRss: m1.peakRssBytes,
        limit,
      };
    } finally {
      await worker.stop();
    }
  } finally {
    await stack.stop();
  }
}

export const capacityScenario: Scenario = async ({ mode, profilesDir, capacityTiers, workerCache }) => {
  const sizes = SIZES[mode].capacity;
  const tiers = capacityTiers ?? sizes.tiers;
  const results: TierResult[] = [];
  for (const jobs of tiers) {
    // The largest tier's worker is profiled.
    results.push(await runTier(jobs, sizes, workerCache, jobs === tiers[tiers.length - 1] ? profilesDir : undefined));
  }
  for (const r of results) {
    assertRan(r.limit.attemptsPerSecond > 0, `no trivial attempt measured at ${r.jobs} jobs`);
    assertRan(r.inFlight === r.jobs, `${r.inFlight} of ${r.jobs} jobs in flight`);
    assertRan(r.pollsPerSecond > 0, `no poll counted at ${r.jobs} jobs`);
  }
  const { pollIntervalMs, windowMs } = sizes;
  const largest = tiers[tiers.length - 1] ?? 0;
  const hot = latestProfile(profilesDir, `capacity-${largest}-`);
  const rows = results.map((r) => [
    formatNumber(r.jobs),
    formatNumber(r.inFlight),
    formatNumber(r.inFlight / (pollIntervalMs / 1000)),
    formatNumber(r.pollsPerSecond, 1),
    formatNumber(r.inFlight / r.pollsPerSecond, 1),
    formatNumber(r.limit.attemptsPerSecond),
    formatRatio(ratio(r.pollsPerSecond, r.limit.attemptsPerSecond)),
    formatNumber(r.workerCores, 2),
    formatBytes(r.workerPeakRss),
    formatNumber(r.serverCores, 2),
    formatNumber(r.limit.serverCores, 2),
    formatBytes(r.serverPeakRss),
    formatNumber(r.inFlight / r.startSeconds, 1),
    formatNumber(r.startServerCores, 2),
  ]);
  return {
    name: 'capacity',
    data: {
      pollIntervalMs,
      windowMs,
      workerCache: workerCache ?? 'default',
      results,
      profile: { tier: largest, top: hot },
    },
    tables: [
      {
        title:
          'Scenario 2 — in-flight capacity (one worker process, 2 cores shared with the server)' +
          (workerCache ? `, worker cache ${formatNumber(workerCache)} workflows` : ''),
        columns: [
          'jobs',
          'in flight',
          'polls/s needed',
          'polls/s sustained',
          'effective poll interval s',
          'raw limit attempts/s',
          'polls ÷ limit',
          'worker CPU (cores)',
          'worker peak RSS',
          'server CPU (cores)',
          'server CPU at limit',
          'server peak RSS',
          'start jobs/s',
          'server CPU while starting',
        ],
        rows,
        notes: [
          `Each job: one Webex Move Users provider job that never finishes, polled every ${pollIntervalMs / 1000} s ` +
            `when the server keeps up (effective interval = in flight ÷ polls/s); polls answered 200, counted at ` +
            `the simulator over a ${windowMs / 1000} s window once every job was in flight and back from the start ` +
            `phase's Retry-After.`,
          `Jobs start through BulkJobClient with at most ${STARTING_WINDOW} between accepted and in flight. ` +
            'While a tier starts, the status endpoint answers 429 with a Retry-After pointing at the estimated end of ' +
            'the start phase (spread over one interval), so in-flight jobs wait in a timer instead of competing ' +
            'with the starts; "start jobs/s" = jobs in flight ÷ time to get them there. The worker keeps no cooldown ' +
            'per rate-limit scope, which would hold the starts behind those parked polls and pace the measured window.',
          'Raw limit: trivial activity attempts/s (retryable failure, 1 ms nextRetryDelay, no I/O) on the same ' +
            'fresh server with a worker process of default settings, measured just before each tier (one run per tier).',
        ],
      },
      ...profileTables(`Worker CPU profile at ${formatNumber(largest)} jobs (top self time)`, hot),
    ],
  };
};
