/**
 * Scenario: one `Retry-After` cooldown per provider rate-limit scope. Many two-user FullStory imports of one org on
 * one connection, against a simulator that limits the whole org (N requests a second, then the org closed for W s
 * with 429 and `Retry-After: W`), run twice on one stack: by a worker whose windows are shared only by identical
 * requests (the behaviour before the scope cooldown: the baseline) and by a worker as deployed. The simulator
 * counts the requests that arrived inside a window it had already announced to any job of the org.
 */
import type { OrgRateLimitCounts } from '../../src/simulator/org-rate-limit';
import type { Scenario } from '../lib/scenario';
import { assertRan } from '../lib/scenario';
import { SIZES } from '../lib/sizes';
import type { ScopeCooldownSizes } from '../lib/sizes';
import { runStackWorker, startBenchStack } from '../lib/stack';
import type { BenchStack } from '../lib/stack';
import { formatNumber } from '../lib/stats';

/** What a job of this scenario asks at the least: its start, one poll, and its errors page (a COMPLETED job has no imports page to read). */
const REQUESTS_PER_JOB = 3;

interface RunResult {
  readonly sharedCooldown: boolean;
  readonly counts: OrgRateLimitCounts;
  readonly seconds: number;
  readonly succeeded: number;
}

function importUsers(tag: string, job: number): { uid: string; email: string }[] {
  return [0, 1].map((i) => ({ uid: `${tag}-${job}-${i}`, email: `${tag}-${job}-${i}@example.test` }));
}

/** Runs every job with a worker of the given kind; the clock runs from the first start to the last result. */
async function runJobs(stack: BenchStack, sizes: ScopeCooldownSizes, sharedCooldown: boolean): Promise<RunResult> {
  stack.sim.reset();
  stack.sim.rateLimiter.set({
    endpointPrefix: 'fullstory.',
    requestsPerSecond: sizes.requestsPerSecond,
    closeSeconds: sizes.closeSeconds,
  });
  const stop = await runStackWorker(stack, { sharedCooldown });
  try {
    const tag = sharedCooldown ? 'shared' : 'per-request';
    const began = performance.now();
    const started = await Promise.all(
      Array.from({ length: sizes.jobs }, (_, job) =>
        stack.jobs.startJob(
          { operation: 'fullstory.importUsers', input: { users: importUsers(tag, job) } },
          { requestedBy: 'bench', idempotencyKey: `scope-cooldown-${tag}-${job}`, tuning: { pollIntervalMs: 1_000 } },
        ),
      ),
    );
    const results = await Promise.all(started.map(({ jobId }) => stack.jobs.result(jobId)));
    const seconds = (performance.now() - began) / 1000;
    const succeeded = results.filter((r) => r.state === 'succeeded').length;
    return { sharedCooldown, counts: stack.sim.rateLimiter.current().counts, seconds, succeeded };
  } finally {
    await stop();
  }
}

function row(run: RunResult, jobs: number): string[] {
  const { counts } = run;
  const share = counts.requests === 0 ? 0 : (100 * counts.insideAnnouncedWindow) / counts.requests;
  return [
    run.sharedCooldown ? 'one cooldown per scope' : 'per request (before)',
    `${formatNumber(run.succeeded)} of ${formatNumber(jobs)}`,
    formatNumber(counts.requests),
    formatNumber(REQUESTS_PER_JOB * jobs),
    `${formatNumber(counts.insideAnnouncedWindow)} (${formatNumber(share)} %)`,
    formatNumber(counts.windows),
    formatNumber(run.seconds, 1),
  ];
}

export const scopeCooldownScenario: Scenario = async ({ mode }) => {
  const sizes = SIZES[mode]['scope-cooldown'];
  const stack = await startBenchStack({
    name: 'scope-cooldown',
    simulators: { 'fullstory.importUsers': { pollsToComplete: 1 } },
  });
  const results: RunResult[] = [];
  try {
    for (const sharedCooldown of [false, true]) results.push(await runJobs(stack, sizes, sharedCooldown));
  } finally {
    await stack.stop();
  }
  for (const r of results) {
    assertRan(r.succeeded === sizes.jobs, `${r.succeeded} of ${sizes.jobs} jobs succeeded`);
    assertRan(
      r.counts.requests >= REQUESTS_PER_JOB * sizes.jobs,
      `${r.counts.requests} requests for ${sizes.jobs} jobs`,
    );
  }
  return {
    name: 'scope-cooldown',
    data: { sizes, results },
    tables: [
      {
        title: 'One cooldown per provider rate-limit scope',
        columns: [
          'Retry-After shared',
          'jobs succeeded',
          'requests sent',
          'needed',
          'inside a window already announced',
          'windows announced',
          'all jobs done (s)',
        ],
        rows: results.map((r) => row(r, sizes.jobs)),
        notes: [
          `${sizes.jobs} two-user FullStory imports of one org on one connection, started at once; the simulator ` +
            `allows ${sizes.requestsPerSecond} requests a second per org, then closes the org for ` +
            `${sizes.closeSeconds} s (429, Retry-After: ${sizes.closeSeconds}). Each job needs a start, a poll and ` +
            'its errors page (needed = 3 per job).',
          'Both runs on one stack, one after the other; "per request" is a worker whose windows are shared only by ' +
            'identical requests, as before the scope cooldown.',
          'A request inside a window arrived after the 429 announcing it had been handed to the socket (in an ' +
            'earlier millisecond), whichever job it was sent to.',
        ],
      },
    ],
  };
};
