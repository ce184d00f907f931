/** Command-line options of `bench/index.ts`. */

export const SCENARIOS = [
  'history',
  'capacity',
  'latency',
  'retry-after',
  'scope-cooldown',
  'start',
  'large',
  'encryption',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/**
 * How big the scenarios run (sizes.ts): `full` makes the figures of docs/benchmarks.md (hours), `quick` fewer and
 * smaller runs (minutes), `smoke` every scenario at its smallest, only to prove each still runs end to end (CI).
 */
export const RUN_MODES = ['full', 'quick', 'smoke'] as const;
export type RunMode = (typeof RUN_MODES)[number];

export interface BenchArgs {
  readonly mode: RunMode;
  /** Scenarios to run, in the canonical order. */
  readonly only: readonly ScenarioName[];
  /** Profile the worker process where the scenario supports it (`--cpu-prof`). */
  readonly profile: boolean;
  /** Job counts of the capacity scenario's tiers, instead of its defaults (`--capacity-tiers=10000`). */
  readonly capacityTiers?: readonly number[];
  /** `BULKFLOW_WORKER_CACHED_WORKFLOWS` of the capacity scenario's worker process (`--worker-cache=500`). */
  readonly workerCache?: number;
  /** Where results go instead of bench/results (`--results-dir=DIR`). */
  readonly resultsDir?: string;
}

const OPTIONS = `--quick, --smoke, --only=${SCENARIOS.join('|')}, --no-profile, --capacity-tiers=n,m, --worker-cache=n, --results-dir=DIR`;

function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

function parseTiers(arg: string): number[] {
  const tiers = arg
    .slice('--capacity-tiers='.length)
    .split(',')
    .map((t) => Number(t));
  if (tiers.length === 0 || tiers.some((t) => !Number.isInteger(t) || t < 1)) {
    throw new Error(`${arg}: expected positive whole job counts, e.g. --capacity-tiers=1000,5000`);
  }
  return tiers;
}

function parseWorkerCache(arg: string): number {
  const size = Number(arg.slice('--worker-cache='.length));
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`${arg}: expected a positive whole number, e.g. --worker-cache=500`);
  return size;
}

function parseOnly(arg: string): ScenarioName[] {
  const names = arg.slice('--only='.length).split(',').filter(Boolean);
  const unknown = names.filter((n) => !isScenario(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`unknown scenario "${unknown.join(',')}" in ${arg}; valid: ${SCENARIOS.join(', ')}`);
  }
  return SCENARIOS.filter((s) => names.includes(s));
}

function parseResultsDir(arg: string): string {
  const dir = arg.slice('--results-dir='.length);
  if (dir === '') throw new Error(`${arg}: expected a folder, e.g. --results-dir=/tmp/bench`);
  return dir;
}

/**
 * Parses `--quick` or `--smoke`, `--only=a,b`, `--no-profile`, `--capacity-tiers=n,m`, `--worker-cache=n` and
 * `--results-dir=DIR`.
 * Thrown on an unknown option or scenario name, naming it and the valid ones, and on `--quick` with `--smoke`.
 */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const modes = new Set<RunMode>();
  let profile = true;
  let only: ScenarioName[] = [...SCENARIOS];
  let capacityTiers: number[] | undefined;
  let resultsDir: string | undefined;
  let workerCache: number | undefined;
  for (const arg of argv) {
    if (arg === '--quick') modes.add('quick');
    else if (arg === '--smoke') modes.add('smoke');
    else if (arg.startsWith('--capacity-tiers=')) capacityTiers = parseTiers(arg);
    else if (arg.startsWith('--worker-cache=')) workerCache = parseWorkerCache(arg);
    else if (arg === '--no-profile') profile = false;
    else if (arg.startsWith('--only=')) only = parseOnly(arg);
    else if (arg.startsWith('--results-dir=')) resultsDir = parseResultsDir(arg);
    else throw new Error(`unknown option ${arg}; valid: ${OPTIONS}`);
  }
  if (modes.size > 1) throw new Error('--quick and --smoke exclude each other: choose one');
  const mode = [...modes][0] ?? 'full';
  return {
    mode,
    only,
    profile,
    ...(capacityTiers ? { capacityTiers } : {}),
    ...(workerCache ? { workerCache } : {}),
    ...(resultsDir ? { resultsDir } : {}),
  };
}
