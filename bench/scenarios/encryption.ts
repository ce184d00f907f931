/**
 * Scenario 7: what payload encryption costs. The same load runs on fresh stacks with encryption off and on,
 * alternating, in one run: jobs started through BulkJobClient (starts/s, and provider starts/s end to end), then
 * every job in flight polled by one worker process (polls/s sustained, worker CPU per 1,000 polls). The goal is
 * ≥ 0.95× with encryption on.
 */
import { moveUsers } from '../lib/requests';
import { compareModes, modeOrder } from '../lib/modes';
import type { ModeComparison } from '../lib/modes';
import { coresUsed, sampleProcess } from '../lib/proc';
import { latestProfile, profileTables } from '../lib/profiles';
import type { Scenario } from '../lib/scenario';
import { assertRan, delay, mapLimit, waitFor } from '../lib/scenario';
import { SIZES } from '../lib/sizes';
import { startBenchStack } from '../lib/stack';
import { formatNumber, formatRatio } from '../lib/stats';
import { spawnWorker } from '../lib/worker-process';

const POLL_INTERVAL_MS = 500;
const CONCURRENCY = 16;
const STATUS = 'webex.moveUsers.status';

interface ModeRun {
  readonly encrypted: boolean;
  readonly run: number;
  readonly startsPerSecond: number;
  readonly providerStartsPerSecond: number;
  readonly pollsPerSecond: number;
  readonly workerCpuMsPer1000Polls: number;
}

const modeName = (encrypted: boolean): string => `encryption-${encrypted ? 'on' : 'off'}`;

interface ModeSettings {
  readonly jobs: number;
  readonly windowMs: number;
  /** Profile the worker process (`--cpu-prof`) into this folder. */
  readonly profilesDir?: string;
}

async function runMode(encrypted: boolean, run: number, settings: ModeSettings): Promise<ModeRun> {
  const { jobs, windowMs } = settings;
  const stack = await startBenchStack({
    name: `${modeName(encrypted)}-${run}`,
    encryption: encrypted,
    simulators: { 'webex.moveUsers': { durationMs: 3_600_000 } },
  });
  try {
    const worker = await spawnWorker({
      mode: 'bulkflow',
      env: stack.env,
      ...(settings.profilesDir ? { profile: { dir: settings.profilesDir, name: `${modeName(encrypted)}-` } } : {}),
    });
    try {
      const began = Date.now();
      await mapLimit(
        Array.from({ length: jobs }, (_, i) => `org-enc-${run}-${i}`),
        CONCURRENCY,
        (orgId) =>
          stack.jobs.startJob(moveUsers(orgId), { requestedBy: 'bench', tuning: { pollIntervalMs: POLL_INTERVAL_MS } }),
      );
      const startsPerSecond = (jobs * 1000) / (Date.now() - began);
      await waitFor(`${jobs} provider jobs`, () => stack.webex.jobCount() >= jobs, 600_000, 200);
      const providerStartsPerSecond = (jobs * 1000) / (Date.now() - began);
      await delay(2 * POLL_INTERVAL_MS);
      const w0 = sampleProcess(worker.pid);
      await delay(windowMs);
      const w1 = sampleProcess(worker.pid);
      const polls = stack.sim.log
        .entries({ endpoint: STATUS })
        .filter((e) => e.receivedAt >= w0.at && e.receivedAt < w1.at && e.status === 200).length;
      const cpuMs = coresUsed(w0, w1) * (w1.at - w0.at);
      return {
        encrypted,
        run,
        startsPerSecond,
        providerStartsPerSecond,
        pollsPerSecond: (polls * 1000) / (w1.at - w0.at),
        workerCpuMsPer1000Polls: polls > 0 ? (cpuMs * 1000) / polls : Number.NaN,
      };
    } finally {
      await worker.stop();
    }
  } finally {
    await stack.stop();
  }
}

function row(label: string, c: ModeComparison, decimals: number): string[] {
  return [label, formatNumber(c.off, decimals), formatNumber(c.on, decimals), formatRatio(c.ratio)];
}

export const encryptionScenario: Scenario = async ({ mode, profilesDir }) => {
  const { jobs, runs, windowMs } = SIZES[mode].encryption;
  const results: ModeRun[] = [];
  for (let run = 1; run <= runs; run += 1) {
    // The last run's workers are profiled: the profile covers starts and polls of one mode each.
    const settings = { jobs, windowMs, ...(profilesDir && run === runs ? { profilesDir } : {}) };
    for (const encrypted of modeOrder(run)) results.push(await runMode(encrypted, run, settings));
  }
  for (const r of results)
    assertRan(r.pollsPerSecond > 0, `no poll counted with encryption ${r.encrypted ? 'on' : 'off'}`);
  const hot = (encrypted: boolean) => latestProfile(profilesDir, `${modeName(encrypted)}-`, 15);
  const starts = compareModes(results, (r) => r.startsPerSecond);
  const providerStarts = compareModes(results, (r) => r.providerStartsPerSecond);
  const polls = compareModes(results, (r) => r.pollsPerSecond);
  const cpu = compareModes(results, (r) => r.workerCpuMsPer1000Polls);
  return {
    name: 'encryption',
    data: { jobs, runs, pollIntervalMs: POLL_INTERVAL_MS, windowMs, results, starts, providerStarts, polls, cpu },
    tables: [
      {
        title: 'Scenario 7 — payload encryption off and on (same run, fresh stack per mode)',
        columns: ['measure', 'encryption off', 'encryption on', 'on ÷ off'],
        rows: [
          row(`starts/s (BulkJobClient.startJob, ${CONCURRENCY} in flight)`, starts, 1),
          row('provider starts/s (first start → last provider job)', providerStarts, 1),
          row(`polls/s sustained (${jobs} jobs polled every ${POLL_INTERVAL_MS} ms)`, polls, 1),
          row('worker CPU ms per 1,000 polls', cpu, 0),
        ],
        notes: [
          `${jobs} Webex Move Users jobs per mode, each in its own org, that never finish; one worker process; ` +
            `polls answered 200 counted at the simulator over ${windowMs / 1000} s once every job was in flight. ` +
            `Medians of ${runs} run(s) per mode, the order alternating between runs.`,
          'Encryption on: AES-256-GCM of every payload under a per-tenant data key (one key file per org here, ' +
            'checked with a stat on every use), before the claim check; off: the claim check alone. Goal: ≥ 0.95× ' +
            'for starts/s and polls/s.',
        ],
      },
      ...profileTables('Worker CPU profile, encryption on (top self time, last run)', hot(true)),
      ...profileTables('Worker CPU profile, encryption off (top self time, last run)', hot(false)),
    ],
  };
};
