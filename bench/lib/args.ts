/** Command-line options of `bench/index.ts`. */

export const SCENARIOS = ['history', 'capacity', 'latency', 'retry-after', 'start', 'large', 'encryption'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchArgs {
  /** Fewer and smaller runs (minutes; what CI may run). */
  readonly quick: boolean;
  /** Scenarios to run, in the canonical order. */
  readonly only: readonly ScenarioName[];
  /** Profile the worker process where the scenario supports it (`--cpu-prof`). */
  readonly profile: boolean;
  /** Job counts of the capacity scenario's tiers, instead of its defaults (`--capacity-tiers=10000`). */
  readonly capacityTiers?: readonly number[];
}

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

/**
 * Parses `--quick`, `--only=a,b`, `--no-profile` and `--capacity-tiers=n,m`.
 * Thrown on an unknown option or scenario name, naming it and the valid ones.
 */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let quick = false;
  let profile = true;
  let only: ScenarioName[] = [...SCENARIOS];
  let capacityTiers: number[] | undefined;
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg.startsWith('--capacity-tiers=')) capacityTiers = parseTiers(arg);
    else if (arg === '--no-profile') profile = false;
    else if (arg.startsWith('--only=')) {
      const names = arg.slice('--only='.length).split(',').filter(Boolean);
      const unknown = names.filter((n) => !isScenario(n));
      if (unknown.length > 0 || names.length === 0) {
        throw new Error(`unknown scenario "${unknown.join(',')}" in ${arg}; valid: ${SCENARIOS.join(', ')}`);
      }
      only = SCENARIOS.filter((s) => names.includes(s));
    } else {
      throw new Error(
        `unknown option ${arg}; valid: --quick, --only=${SCENARIOS.join('|')}, --no-profile, --capacity-tiers=n,m`,
      );
    }
  }
  return { quick, only, profile, ...(capacityTiers ? { capacityTiers } : {}) };
}
