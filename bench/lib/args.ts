/** Command-line options of `bench/index.ts`. */

export const SCENARIOS = ['history', 'capacity', 'latency', 'retry-after', 'start', 'large'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchArgs {
  /** Fewer and smaller runs (minutes; what CI may run). */
  readonly quick: boolean;
  /** Scenarios to run, in the canonical order. */
  readonly only: readonly ScenarioName[];
  /** Profile the worker process where the scenario supports it (`--cpu-prof`). */
  readonly profile: boolean;
}

function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

/**
 * Parses `--quick`, `--only=a,b` and `--no-profile`.
 * Thrown on an unknown option or scenario name, naming it and the valid ones.
 */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let quick = false;
  let profile = true;
  let only: ScenarioName[] = [...SCENARIOS];
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg === '--no-profile') profile = false;
    else if (arg.startsWith('--only=')) {
      const names = arg.slice('--only='.length).split(',').filter(Boolean);
      const unknown = names.filter((n) => !isScenario(n));
      if (unknown.length > 0 || names.length === 0) {
        throw new Error(`unknown scenario "${unknown.join(',')}" in ${arg}; valid: ${SCENARIOS.join(', ')}`);
      }
      only = SCENARIOS.filter((s) => names.includes(s));
    } else throw new Error(`unknown option ${arg}; valid: --quick, --only=${SCENARIOS.join('|')}, --no-profile`);
  }
  return { quick, only, profile };
}
