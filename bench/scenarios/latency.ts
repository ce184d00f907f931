/**
 * Scenario 3: detection latency — from the provider's job completing (simulator creation time + its duration) to
 * the workflow completing, against the poll interval. Job durations are spread evenly over one interval so the
 * completion falls at every phase of the poll cycle.
 */
import type { Scenario } from '../lib/scenario';
import { assertRan, waitFor } from '../lib/scenario';
import { SIZES } from '../lib/sizes';
import { moveUsers } from '../lib/requests';
import { startBenchStack } from '../lib/stack';
import type { BenchStack } from '../lib/stack';
import { formatNumber, formatRatio, median, percentile, ratio } from '../lib/stats';

interface Sample {
  /** Provider done → workflow closed. */
  readonly totalMs: number;
  /** Provider done → the status request that saw it done. */
  readonly detectMs: number;
}

async function runOnce(stack: BenchStack, intervalMs: number, jobs: number, run: number): Promise<Sample[]> {
  stack.sim.reset();
  const ids: { id: string; orgId: string; durationMs: number }[] = [];
  for (let i = 0; i < jobs; i += 1) {
    const key = `latency-${intervalMs}-r${run}-${i}`;
    const durationMs = Math.round(intervalMs * (2 + (i + 0.5) / jobs));
    stack.webex.setConfig({ durationMs });
    const { jobId } = await stack.jobs.startJob(moveUsers(`org-${key}`), {
      requestedBy: 'bench',
      idempotencyKey: key,
      tuning: { pollIntervalMs: intervalMs },
    });
    // A job's duration is fixed when the provider creates it.
    await waitFor(`provider job ${i + 1}`, () => stack.webex.jobCount() > i, 60_000, 5);
    ids.push({ id: jobId, orgId: `org-${key}`, durationMs });
  }
  const provider = new Map(stack.webex.getJobs().map((j) => [j.orgId, j]));
  const statusLog = stack.sim.log.entries({ endpoint: 'webex.moveUsers.status' });
  return Promise.all(
    ids.map(async ({ id, orgId, durationMs }) => {
      await stack.client.workflow.getHandle(id).result();
      const closed = (await stack.client.workflow.getHandle(id).describe()).closeTime?.getTime() ?? Number.NaN;
      const job = provider.get(orgId);
      if (!job) throw new Error(`no provider job for ${orgId}`);
      const doneAt = Date.parse(job.createdAt) + durationMs;
      const seen = stack.sim.log
        .entries({ endpoint: 'webex.moveUsers.status' })
        .concat(statusLog)
        .filter((e) => e.path.endsWith(`/${job.id}`) && e.receivedAt >= doneAt)
        .sort((a, b) => a.receivedAt - b.receivedAt)[0];
      return { totalMs: closed - doneAt, detectMs: (seen?.receivedAt ?? Number.NaN) - doneAt };
    }),
  );
}

export const latencyScenario: Scenario = async ({ mode }) => {
  const { intervalsMs: intervals, jobs, runs } = SIZES[mode].latency;
  const stack = await startBenchStack({ name: 'latency', inProcessWorker: {} });
  const measured: { intervalMs: number; run: number; samples: Sample[] }[] = [];
  try {
    for (const intervalMs of intervals) {
      for (let run = 1; run <= runs; run += 1) {
        measured.push({ intervalMs, run, samples: await runOnce(stack, intervalMs, jobs, run) });
      }
    }
  } finally {
    await stack.stop();
  }
  for (const { intervalMs, samples } of measured) {
    assertRan(
      samples.every((s) => Number.isFinite(s.totalMs) && Number.isFinite(s.detectMs)),
      `a job at ${intervalMs} ms without its close time or detecting poll`,
    );
  }
  const stat = (intervalMs: number, pick: (s: Sample) => number, p: number): number =>
    median(measured.filter((m) => m.intervalMs === intervalMs).map((m) => percentile(m.samples.map(pick), p)));
  const rows = intervals.flatMap((intervalMs) =>
    (
      [
        ['provider done → workflow closed', (s: Sample) => s.totalMs],
        ['provider done → detecting poll', (s: Sample) => s.detectMs],
      ] as const
    ).map(([what, pick]) => [
      formatNumber(intervalMs),
      what,
      formatNumber(stat(intervalMs, pick, 50)),
      formatNumber(stat(intervalMs, pick, 95)),
      formatNumber(stat(intervalMs, pick, 99)),
      formatRatio(ratio(stat(intervalMs, pick, 50), intervalMs)),
    ]),
  );
  return {
    name: 'latency',
    data: { intervals, jobs, runs, measured },
    tables: [
      {
        title: 'Scenario 3 — detection latency vs poll interval (ms)',
        columns: ['poll interval', 'span', 'p50', 'p95', 'p99', 'p50 ÷ interval'],
        rows,
        notes: [
          `${jobs} jobs per run, ${runs} run(s) per interval; percentiles per run, then the median over runs.`,
          'Provider completion = simulator creation time + the job duration, spread evenly over one interval; ' +
            "the workflow close time is the server's. Ideal: detection uniform over [0, interval], p50 ≈ 0.5×.",
        ],
      },
    ],
  };
};
