/**
 * The soak: jobs of every operation started one after another for a while, a bounded number in flight, under a
 * fault storm on every endpoint; then every simulator's ledger against bulkflow's results. Shared by
 * test/integration/soak.test.ts (about a minute) and `npm run soak` (about ten, on its own dev server).
 */
import type { BulkJobClient } from '../../src/client';
import { OPERATION_IDS } from '../../src/domain/job';
import type { OperationId } from '../../src/domain/job';
import { FaultStorm } from '../../src/simulator';
import type { SimulatorServer } from '../../src/simulator';
import type { LedgerJob } from '../../src/simulator/ledger';
import { waitFor } from './jobs';
import { faultsByKind } from './storm-checks';
import { inputRefs, isWholeTenant, jobConnection, jobInput, type JobConnections } from './storm-jobs';
import { combinedPlan } from './storm-plan';
import { STALL_MS } from '../../src/simulator/storm-kinds';
import { operationLog, runJobs, runProblems } from './storm-run';
import type { JobRun } from './storm-run';

export interface SoakOptions {
  readonly jobs: BulkJobClient;
  readonly sim: SimulatorServer;
  readonly ledger: (operation: OperationId) => LedgerJob[];
  /** How long new jobs keep being started; the run then waits for those in flight. */
  readonly durationMs: number;
  /** Jobs in flight at most. */
  readonly concurrency: number;
  readonly seed: number;
  /** Share of every endpoint's requests that get a fault. */
  readonly rate: number;
  /** Connections to spread the jobs of some providers over (each its own tenant), by provider. */
  readonly connections: JobConnections;
  /** Called after each job ends, e.g. to show progress. */
  readonly onJob?: (done: number) => void;
}

/** What a soak did and found. */
export interface SoakReport {
  readonly seed: number;
  readonly durationMs: number;
  readonly jobs: number;
  readonly jobsByOperation: Record<string, number>;
  readonly jobsByState: Record<string, number>;
  /** Users (items) of the jobs' inputs; an activation e-mail job counts the users its org's report listed. */
  readonly users: number;
  /** Jobs the providers accepted, from their ledgers. */
  readonly providerJobs: number;
  readonly requests: number;
  readonly faults: Record<string, number>;
  /** Everything that disagrees; empty when the providers' ledgers and bulkflow's results match exactly. */
  readonly problems: string[];
}

/** Runs the soak and checks it. Never throws for a mismatch: the report lists them. */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const storm = new FaultStorm(combinedPlan(OPERATION_IDS, options.seed, options.rate));
  options.sim.faults.storm(storm);
  const runs: JobRun[] = [];
  let tag = 0;
  const lane = async (): Promise<void> => {
    while (Date.now() - started < options.durationMs) {
      tag += 1;
      const operation = OPERATION_IDS[tag % OPERATION_IDS.length] ?? 'webex.moveUsers';
      const spec = {
        operation,
        connection: jobConnection(operation, tag, options.connections),
        input: jobInput(operation, tag),
        idempotencyKey: `soak-${options.seed}-${tag}`,
      };
      runs.push(...(await runJobs(options.jobs, [spec], 'soak')));
      options.onJob?.(runs.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  options.sim.faults.storm(undefined);
  const dealt = Object.values(storm.injected()).reduce((sum, n) => sum + n, 0);
  await waitFor('every fault answered', () => faultCount(options.sim) >= dealt, { timeoutMs: STALL_MS + 10_000 });
  return report(options, storm, runs, Date.now() - started);
}

function faultCount(sim: SimulatorServer): number {
  return sim.log.entries().filter((e) => e.stormKind !== undefined).length;
}

function report(options: SoakOptions, storm: FaultStorm, runs: readonly JobRun[], durationMs: number): SoakReport {
  const log = options.sim.log.entries();
  const problems: string[] = [];
  let providerJobs = 0;
  for (const operation of OPERATION_IDS) {
    const ledger = options.ledger(operation);
    providerJobs += ledger.length;
    problems.push(
      ...runProblems(operation, runs, operationLog(log, operation), ledger).map((p) => `${operation}: ${p}`),
    );
  }
  const logged = faultsByKind(log);
  const dealt = Object.fromEntries(Object.entries(storm.injected()).filter(([, n]) => n > 0));
  if (JSON.stringify(sorted(logged)) !== JSON.stringify(sorted(dealt))) {
    problems.push(`faults dealt ${JSON.stringify(dealt)} but logged ${JSON.stringify(logged)}`);
  }
  const count = (key: (run: JobRun) => string): Record<string, number> =>
    runs.reduce<Record<string, number>>((acc, run) => ({ ...acc, [key(run)]: (acc[key(run)] ?? 0) + 1 }), {});
  return {
    seed: options.seed,
    durationMs,
    jobs: runs.length,
    jobsByOperation: count((run) => run.operation),
    jobsByState: count((run) => run.result?.state ?? `stopped (${run.stopped?.type ?? '?'})`),
    users: runs.reduce((sum, run) => sum + usersOf(run), 0),
    providerJobs,
    requests: log.length,
    faults: storm.injected(),
    problems,
  };
}

function usersOf(run: JobRun): number {
  if (!isWholeTenant(run.operation)) return inputRefs(run.operation, run.input).length;
  return run.result?.counts.total ?? 0;
}

function sorted(record: Record<string, number>): Array<[string, number]> {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

/** The report as text: the figures docs/reliability.md quotes. */
export function formatSoak(r: SoakReport): string {
  const lines = [
    `soak: seed ${r.seed}, ${(r.durationMs / 1000).toFixed(0)} s, ${r.jobs} jobs, ${r.users} users, ` +
      `${r.providerJobs} provider jobs, ${r.requests} provider requests`,
    `  jobs by operation: ${JSON.stringify(r.jobsByOperation)}`,
    `  jobs by final state: ${JSON.stringify(r.jobsByState)}`,
    `  faults by kind: ${JSON.stringify(r.faults)} (total ${Object.values(r.faults).reduce((a, b) => a + b, 0)})`,
    `  result: ${r.problems.length === 0 ? 'every ledger matches bulkflow exactly' : `${r.problems.length} problems`}`,
    ...r.problems.slice(0, 50).map((p) => `  - ${p}`),
  ];
  return `${lines.join('\n')}\n`;
}
