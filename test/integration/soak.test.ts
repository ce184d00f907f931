/**
 * The short soak, in CI: about twenty seconds of jobs of every operation, eight in flight, under a fault storm on
 * every endpoint, on the dev server against the simulators over HTTP; then each simulator's ledger (the jobs it
 * accepted, the users it processed) must match bulkflow's results exactly. `npm run soak` runs the long one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSoak, runSoak } from '../helpers/soak';
import { jobConnectionsEnv, startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';
import { STORM_SIMULATORS, type JobConnections } from '../helpers/storm-jobs';
import { stormSeed } from '../helpers/storm-plan';

const CONCURRENCY = 8;
const configDir = mkdtempSync(join(tmpdir(), 'bulkflow-soak-'));
let stack: Stack;
let connections: JobConnections = {};

beforeAll(async () => {
  stack = await startStack({
    name: 'soak',
    simulators: STORM_SIMULATORS,
    env: (url) => {
      const perJob = jobConnectionsEnv(url, CONCURRENCY, configDir);
      connections = perJob.names;
      return perJob.env;
    },
  });
});

afterAll(async () => {
  await stack.close();
  rmSync(configDir, { recursive: true, force: true });
});

it('keeps every provider ledger and bulkflow in step: nothing lost, nothing done twice', async () => {
  const report = await runSoak({
    jobs: stack.jobs,
    sim: stack.sim,
    ledger: (operation) => stack.simulator(operation).ledger(),
    durationMs: 20_000,
    concurrency: CONCURRENCY,
    seed: stormSeed(),
    rate: 0.15,
    connections,
  });
  process.stdout.write(formatSoak(report));
  expect(report.problems).toEqual([]);
  expect(report.jobs).toBeGreaterThanOrEqual(20);
  expect(Object.values(report.faults).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
}, 180_000);
