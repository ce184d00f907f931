/**
 * Fault storms, one per operation, on the real dev server against the simulators over HTTP: seeded random faults
 * on every endpoint the operation calls (429 and 423 with Retry-After in seconds and as an HTTP-date, 500/502/503/504,
 * an unknown 5xx and 4xx, connection resets, 4.5-second stalls, bodies cut in transit, malformed JSON), wave after
 * wave of jobs until every kind was injected. Then: every job ends as the simulator's ledger says the provider did
 * (or stops loudly where a start's answer could not be read), no request arrives inside a Retry-After window, no
 * permanent answer is sent again, no stall is waited out.
 * The seed is printed; BULKFLOW_STORM_SEED=<seed> replays a run's faults (their order per endpoint; which job meets
 * which fault still depends on timing).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATION_IDS } from '../../src/domain/job';
import type { OperationId } from '../../src/domain/job';
import { FaultStorm } from '../../src/simulator';
import { waitFor } from '../helpers/jobs';
import { jobConnectionsEnv, startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';
import { faultTable, faultsByKind, windowStats } from '../helpers/storm-checks';
import { STORM_SIMULATORS, jobConnection, jobInput, type JobConnections } from '../helpers/storm-jobs';
import { kindNames, stormPlan, stormSeed } from '../helpers/storm-plan';
import { STALL_MS } from '../../src/simulator/storm-kinds';
import { operationLog, runJobs, runProblems } from '../helpers/storm-run';
import type { JobRun } from '../helpers/storm-run';

const JOBS_PER_WAVE = 4;
const MAX_WAVES = 6;
/** Share of each endpoint's requests that get a fault while its deck lasts (one round of every kind). */
const RATE = 0.5;

let stack: Stack;
let connections: JobConnections = {};
const configDir = mkdtempSync(join(tmpdir(), 'bulkflow-storms-'));
const seed = stormSeed();
let nextTag = 1;

beforeAll(async () => {
  stack = await startStack({
    name: 'storms',
    simulators: STORM_SIMULATORS,
    env: (url) => {
      const perJob = jobConnectionsEnv(url, JOBS_PER_WAVE, configDir);
      connections = perJob.names;
      return perJob.env;
    },
  });
  process.stdout.write(`fault storms: seed ${seed} (BULKFLOW_STORM_SEED=${seed} replays it)\n`);
});

afterAll(async () => {
  await stack.close();
  rmSync(configDir, { recursive: true, force: true });
});

function wave(operation: OperationId): Promise<JobRun[]> {
  const specs = Array.from({ length: JOBS_PER_WAVE }, (_, slot) => {
    const tag = nextTag++;
    return {
      operation,
      connection: jobConnection(operation, slot, connections),
      input: jobInput(operation, tag),
      idempotencyKey: `storm-${seed}-${tag}`,
    };
  });
  return runJobs(stack.jobs, specs, 'storms');
}

describe.each(OPERATION_IDS)('fault storm on %s', (operation) => {
  beforeEach(() => {
    stack.sim.reset();
  });

  it('ends every job as the provider did it, respects every Retry-After, sends no permanent answer again', async () => {
    const storm = new FaultStorm(stormPlan(operation, seed, RATE, 1));
    stack.sim.faults.storm(storm);
    const missing = (): string[] => Object.entries(storm.injected()).flatMap(([kind, n]) => (n === 0 ? [kind] : []));
    const runs: JobRun[] = [];
    for (let i = 0; i < MAX_WAVES && missing().length > 0; i += 1) runs.push(...(await wave(operation)));
    stack.sim.faults.storm(undefined);
    // A stalled request is logged when its late answer goes out, after the job has moved on without it.
    const dealt = Object.values(storm.injected()).reduce((sum, n) => sum + n, 0);
    const faulted = (): number => operationLog(stack.sim.log.entries(), operation).filter((e) => e.stormKind).length;
    await waitFor('every fault answered', () => faulted() >= dealt, { timeoutMs: STALL_MS + 5_000 });

    const log = operationLog(stack.sim.log.entries(), operation);
    const { windows, minMarginMs } = windowStats(log);
    const stopped = runs.filter((run) => run.stopped).length;
    process.stdout.write(
      faultTable(
        `${operation}: seed ${seed}, ${runs.length} jobs (${stopped} stopped loudly), ${log.length} requests, ` +
          `${windows} Retry-After windows (closest next request ${minMarginMs ?? '—'} ms after a window's end)`,
        storm.injected(),
      ),
    );
    expect(missing()).toEqual([]);
    expect(Object.keys(storm.injected()).sort()).toEqual(kindNames(operation).sort());
    expect(faultsByKind(log)).toEqual(Object.fromEntries(Object.entries(storm.injected()).filter(([, n]) => n > 0)));
    expect(runProblems(operation, runs, log, stack.simulator(operation).ledger())).toEqual([]);
  }, 300_000);
});
