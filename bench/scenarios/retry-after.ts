/**
 * Scenario 4: Retry-After compliance under storms. The same jobs run twice per run: once clean (the reference),
 * once with 423/429 answers carrying `Retry-After` and bare 503s injected on starts and polls. Requests sent are
 * compared with the minimum (the clean run's requests + one per injected fault), and every request after a
 * `Retry-After` answer is checked against the window (a violation is a request for the same job inside it).
 */
import type { RequestLogEntry } from '../../src/simulator/request-log';
import { moveUsers } from '../lib/requests';
import type { Scenario } from '../lib/scenario';
import { assertRan } from '../lib/scenario';
import { SIZES } from '../lib/sizes';
import { startBenchStack } from '../lib/stack';
import type { BenchStack } from '../lib/stack';
import { formatNumber, formatRatio, median, ratio } from '../lib/stats';

interface StormFault {
  readonly endpoint: string;
  readonly status: number;
  readonly retryAfterS?: number;
  readonly perJob: number;
}

const STORM: readonly StormFault[] = [
  { endpoint: 'webex.moveUsers.start', status: 423, retryAfterS: 1, perJob: 1 },
  { endpoint: 'webex.moveUsers.status', status: 429, retryAfterS: 2, perJob: 2 },
  { endpoint: 'webex.moveUsers.status', status: 503, perJob: 1 },
  { endpoint: 'webex.moveUsers.status', status: 429, retryAfterS: 1, perJob: 1 },
];

interface RunResult {
  readonly sent: number;
  readonly minimum: number;
  readonly faults: number;
  readonly windows: number;
  readonly violations: number;
  /** Smallest margin between a window's end and the next request for the same job (ms); negative = violation. */
  readonly minMarginMs: number;
}

async function runJobs(stack: BenchStack, tag: string, jobs: number): Promise<RequestLogEntry[]> {
  const keys = Array.from({ length: jobs }, (_, i) => `retry-after-${tag}-${i}`);
  const started = await Promise.all(
    keys.map((key) =>
      stack.jobs.startJob(moveUsers(`org-${key}`), {
        requestedBy: 'bench',
        idempotencyKey: key,
        tuning: { pollIntervalMs: 200 },
      }),
    ),
  );
  await Promise.all(started.map(({ jobId }) => stack.jobs.result(jobId)));
  return stack.sim.log.entries();
}

/** The job a request belongs to: its org for starts, its path (with the provider job id) otherwise. */
function jobKey(entry: RequestLogEntry): string {
  return entry.endpoint.endsWith('.start') ? `start:${entry.query['orgId'] ?? ''}` : `path:${entry.path}`;
}

function checkWindows(entries: readonly RequestLogEntry[]): {
  windows: number;
  violations: number;
  minMarginMs: number;
} {
  const retryAfter = new Map(
    STORM.filter((f) => f.retryAfterS).map((f) => [`${f.endpoint}:${f.status}`, f.retryAfterS ?? 0]),
  );
  let windows = 0;
  let violations = 0;
  let minMarginMs = Number.POSITIVE_INFINITY;
  entries.forEach((entry, i) => {
    const seconds = retryAfter.get(`${entry.endpoint}:${String(entry.status)}`);
    if (seconds === undefined || entry.fault !== 'status') return;
    windows += 1;
    const next = entries.slice(i + 1).find((e) => jobKey(e) === jobKey(entry));
    if (!next) return;
    const margin = next.receivedAt - (entry.answeredAt + seconds * 1000);
    minMarginMs = Math.min(minMarginMs, margin);
    if (margin < 0) violations += 1;
  });
  return { windows, violations, minMarginMs };
}

async function runOnce(stack: BenchStack, jobs: number, run: number): Promise<RunResult> {
  stack.sim.reset();
  const reference = (await runJobs(stack, `clean-r${run}`, jobs)).length;
  stack.sim.reset();
  for (const fault of STORM) {
    stack.sim.faults.add(
      fault.endpoint,
      {
        kind: 'status',
        status: fault.status,
        ...(fault.retryAfterS ? { retryAfter: String(fault.retryAfterS) } : {}),
      },
      fault.perJob * jobs,
    );
  }
  const entries = await runJobs(stack, `storm-r${run}`, jobs);
  const pending = Object.values(stack.sim.faults.pending()).reduce((sum, list) => sum + list.length, 0);
  const faults = STORM.reduce((sum, f) => sum + f.perJob * jobs, 0) - pending;
  return { sent: entries.length, minimum: reference + faults, faults, ...checkWindows(entries) };
}

export const retryAfterScenario: Scenario = async ({ mode }) => {
  const { jobs, runs } = SIZES[mode]['retry-after'];
  const stack = await startBenchStack({
    name: 'retry-after',
    simulators: { 'webex.moveUsers': { pollsToComplete: 3 } },
    inProcessWorker: {},
  });
  const results: RunResult[] = [];
  try {
    for (let run = 1; run <= runs; run += 1) results.push(await runOnce(stack, jobs, run));
  } finally {
    await stack.stop();
  }
  for (const r of results) assertRan(r.faults > 0 && r.windows > 0, `${r.faults} faults met, ${r.windows} windows`);
  const m = (pick: (r: RunResult) => number): number => median(results.map(pick));
  return {
    name: 'retry-after',
    data: { jobs, runs, storm: STORM, results },
    tables: [
      {
        title: 'Scenario 4 — Retry-After compliance under storms',
        columns: [
          'jobs',
          'faults injected',
          'requests sent',
          'minimum needed',
          'sent ÷ minimum',
          'Retry-After windows',
          'requests inside a window',
          'min margin ms',
        ],
        rows: [
          [
            formatNumber(jobs),
            formatNumber(m((r) => r.faults)),
            formatNumber(m((r) => r.sent)),
            formatNumber(m((r) => r.minimum)),
            formatRatio(
              ratio(
                m((r) => r.sent),
                m((r) => r.minimum),
              ),
            ),
            formatNumber(m((r) => r.windows)),
            formatNumber(Math.max(...results.map((r) => r.violations))),
            formatNumber(Math.min(...results.map((r) => r.minMarginMs))),
          ],
        ],
        notes: [
          `Medians of ${runs} run(s); "requests inside a window" is the maximum over runs and "min margin" the minimum.`,
          'Storm per job: one 423 (Retry-After: 1) on the start; on status polls two 429 (Retry-After: 2), one bare ' +
            '503 and one 429 (Retry-After: 1); faults are queued per endpoint and hit whichever job asks next.',
          'Minimum needed = requests of the same jobs without faults (measured in the same run) + one per fault.',
        ],
      },
    ],
  };
};
