/**
 * How big each scenario runs in each mode. `full` makes the figures of docs/benchmarks.md; `quick` is minutes;
 * `smoke` is every scenario at its smallest that still runs its whole path (start, await, measure, tables), about
 * a minute for all of them: its figures mean nothing, its success means the scenario is not broken.
 */
import type { RunMode } from './args';

export interface HistorySizes {
  /** Polls each provider job needs, one size after another. */
  readonly polls: readonly number[];
  readonly runs: number;
  /** Largest size the workflow-loop design is measured at (beyond: extrapolated). */
  readonly loopCap: number;
}

export interface CapacitySizes {
  /** Jobs in flight per tier (`--capacity-tiers` overrides). */
  readonly tiers: readonly number[];
  /** The raw limit: this many workflows, each one trivial activity retried `limitAttempts` times. */
  readonly limitChains: number;
  readonly limitAttempts: number;
  readonly pollIntervalMs: number;
  /** How long polls are counted once every job is in flight. */
  readonly windowMs: number;
  /** Time allowed to get a tier in flight: at least `minMs`, and `perJobMs` a job beyond that. */
  readonly startBudget: { readonly minMs: number; readonly perJobMs: number };
  /** How far ahead the start phase is estimated to end before its rate can be trusted (ramp.ts). */
  readonly rampFallbackMs: number;
}

export interface LatencySizes {
  readonly intervalsMs: readonly number[];
  readonly jobs: number;
  readonly runs: number;
}

export interface RetryAfterSizes {
  readonly jobs: number;
  readonly runs: number;
}

export interface ScopeCooldownSizes {
  /** Two-user FullStory imports, all of one org on one connection. */
  readonly jobs: number;
  /** The simulator's org-wide limit: requests a second, then the org closed for `closeSeconds`. */
  readonly requestsPerSecond: number;
  readonly closeSeconds: number;
}

export interface StartSizes {
  /** Jobs per burst (client and HTTP), and of the one-at-a-time run. */
  readonly jobs: number;
  readonly serialJobs: number;
  readonly runs: number;
}

export interface LargeSizes {
  /** Users per request, one fresh stack each (100 users per provider job). */
  readonly users: readonly number[];
  /** How long one request may take before it is reported as timed out. */
  readonly timeoutMs: number;
  /** Users of the FullStory import sent through every door (large-doors.ts). */
  readonly doorUsers: number;
  /** Invites of the Zoho portal invite job (100 per provider job, 2 at a time), and how long it may take. */
  readonly zoho: { readonly invites: number; readonly timeoutMs: number };
}

export interface EncryptionSizes {
  readonly jobs: number;
  readonly runs: number;
  readonly windowMs: number;
}

export interface ScenarioSizes {
  readonly history: HistorySizes;
  readonly capacity: CapacitySizes;
  readonly latency: LatencySizes;
  readonly 'retry-after': RetryAfterSizes;
  readonly 'scope-cooldown': ScopeCooldownSizes;
  readonly start: StartSizes;
  readonly large: LargeSizes;
  readonly encryption: EncryptionSizes;
  /** A scenario still running after this long has failed: its cleanup stops what it started, the next one runs. */
  readonly deadlineMs: number;
}

const CAPACITY_POLL_MS = 5_000;
const RAMP_FALLBACK_MS = 30_000;

export const SIZES: Record<RunMode, ScenarioSizes> = {
  full: {
    history: { polls: [10, 100, 1_000, 10_000], runs: 3, loopCap: 1_000 },
    capacity: {
      tiers: [1_000, 5_000, 10_000],
      limitChains: 50,
      limitAttempts: 60,
      pollIntervalMs: CAPACITY_POLL_MS,
      windowMs: 60_000,
      startBudget: { minMs: 600_000, perJobMs: 250 },
      rampFallbackMs: RAMP_FALLBACK_MS,
    },
    latency: { intervalsMs: [1_000, 5_000], jobs: 30, runs: 3 },
    'retry-after': { jobs: 20, runs: 3 },
    // The measurement of issue 22: a few minutes for both runs.
    'scope-cooldown': { jobs: 50, requestsPerSecond: 6, closeSeconds: 2 },
    start: { jobs: 300, serialJobs: 20, runs: 3 },
    large: {
      users: [5_000, 10_000, 15_000, 20_000],
      timeoutMs: 600_000,
      doorUsers: 100_000,
      zoho: { invites: 100_000, timeoutMs: 1_800_000 },
    },
    encryption: { jobs: 300, runs: 3, windowMs: 45_000 },
    deadlineMs: 12 * 3_600_000,
  },
  quick: {
    history: { polls: [10, 100, 1_000], runs: 1, loopCap: 1_000 },
    capacity: {
      tiers: [100],
      limitChains: 20,
      limitAttempts: 50,
      pollIntervalMs: CAPACITY_POLL_MS,
      windowMs: 20_000,
      startBudget: { minMs: 90_000, perJobMs: 250 },
      rampFallbackMs: RAMP_FALLBACK_MS,
    },
    latency: { intervalsMs: [1_000], jobs: 15, runs: 1 },
    'retry-after': { jobs: 10, runs: 1 },
    'scope-cooldown': { jobs: 20, requestsPerSecond: 6, closeSeconds: 2 },
    start: { jobs: 100, serialJobs: 10, runs: 1 },
    large: {
      users: [1_000, 5_000],
      timeoutMs: 120_000,
      doorUsers: 100_000,
      zoho: { invites: 10_000, timeoutMs: 300_000 },
    },
    encryption: { jobs: 100, runs: 1, windowMs: 15_000 },
    deadlineMs: 20 * 60_000,
  },
  smoke: {
    // Two sizes: the workflow loop's growth per poll is a slope through at least two points.
    history: { polls: [2, 4], runs: 1, loopCap: 4 },
    capacity: {
      tiers: [8],
      limitChains: 4,
      limitAttempts: 10,
      pollIntervalMs: 1_000,
      windowMs: 3_000,
      startBudget: { minMs: 60_000, perJobMs: 250 },
      rampFallbackMs: 2_000,
    },
    latency: { intervalsMs: [1_000], jobs: 3, runs: 1 },
    'retry-after': { jobs: 2, runs: 1 },
    // A few seconds per run: 8 requests against 2 a second.
    'scope-cooldown': { jobs: 2, requestsPerSecond: 2, closeSeconds: 1 },
    start: { jobs: 4, serialJobs: 2, runs: 1 },
    // Over the claim check's 128 KiB (about 1,600 users) and more than one provider job: the large path itself.
    large: {
      users: [2_000],
      timeoutMs: 90_000,
      doorUsers: 2_000,
      // Three provider jobs: both lanes of the job run.
      zoho: { invites: 300, timeoutMs: 90_000 },
    },
    encryption: { jobs: 4, runs: 1, windowMs: 2_000 },
    deadlineMs: 3 * 60_000,
  },
};
