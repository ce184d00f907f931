/**
 * `npm run soak [-- --minutes=10 --concurrency=16 --rate=0.15 --seed=<n>]`: the long soak on a dev server of its own
 * (tuned as the benchmarks', database on tmpfs), the provider simulators over HTTP and an in-process worker: jobs
 * of every operation under a fault storm for the given time, then every simulator's ledger against bulkflow's
 * results. Prints the figures, writes them to bench/results/soak-<time>.json, exits 1 on any disagreement.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatSoak, runSoak } from '../test/helpers/soak';
import { jobConnectionsEnv, startStack } from '../test/helpers/stack';
import { STORM_SIMULATORS, type JobConnections } from '../test/helpers/storm-jobs';
import { stormSeed } from '../test/helpers/storm-plan';
import { connectTemporal } from '../test/helpers/temporal';
import { onCleanup, runMain } from './lib/cleanup';
import { startBenchServer } from './lib/dev-server';
import { dropTemporalEnv } from './lib/own-env';
import { RESULTS_DIR } from './lib/paths';

interface SoakArgs {
  readonly minutes: number;
  readonly concurrency: number;
  readonly rate: number;
  readonly seed: number;
}

function positive(name: string, value: string | undefined, fallback: number, max = Infinity): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max)
    throw new Error(`--${name} must be a number in (0, ${max}], got ${value}`);
  return n;
}

function soakArgs(argv: readonly string[]): SoakArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      minutes: { type: 'string' },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
  });
  return {
    minutes: positive('minutes', values.minutes, 10),
    concurrency: Math.round(positive('concurrency', values.concurrency, 16, 500)),
    rate: positive('rate', values.rate, 0.15, 1),
    seed: stormSeed(values.seed === undefined ? process.env : { BULKFLOW_STORM_SEED: values.seed }),
  };
}

async function main(): Promise<number> {
  const args = soakArgs(process.argv.slice(2));
  const ignored = dropTemporalEnv();
  if (ignored.length > 0) console.log(`ignoring ${ignored.join(', ')}: the soak's stack uses its own settings`);
  console.log(
    `soak: ${args.minutes} min, ${args.concurrency} jobs in flight, fault rate ${args.rate}, seed ${args.seed}`,
  );
  const server = await startBenchServer('soak');
  onCleanup('soak dev server', () => server.stop());
  const configDir = mkdtempSync(join(tmpdir(), 'bulkflow-soak-'));
  onCleanup('soak connections file', () => rmSync(configDir, { recursive: true, force: true }));
  let connections: JobConnections = {};
  const stack = await startStack({
    name: 'soak',
    temporal: await connectTemporal(server.address),
    simulators: STORM_SIMULATORS,
    env: (url) => {
      const perJob = jobConnectionsEnv(url, args.concurrency, configDir);
      connections = perJob.names;
      return perJob.env;
    },
  });
  onCleanup('soak stack', () => stack.close());
  const report = await runSoak({
    jobs: stack.jobs,
    sim: stack.sim,
    ledger: (operation) => stack.simulator(operation).ledger(),
    durationMs: args.minutes * 60_000,
    concurrency: args.concurrency,
    seed: args.seed,
    rate: args.rate,
    connections,
    onJob: (done) => {
      if (done % 100 === 0) console.log(`  ${done} jobs done`);
    },
  });
  console.log(formatSoak(report));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ args, ...report }, null, 2));
  console.log(`written to ${file}`);
  return report.problems.length === 0 ? 0 : 1;
}

runMain(main);
