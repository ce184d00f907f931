/**
 * `npm run bench` / `npm run bench:quick` / `tsx bench/index.ts --only=history`: runs the scenarios on this
 * machine's own dev server(s), prints a table per scenario and writes JSON (and the Markdown tables) to
 * bench/results/. Everything started is stopped on exit, on errors and on Ctrl-C.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import workerPackage from '@temporalio/worker/package.json';
import { TEMPORAL_CLI } from '../src/dev/tools';
import { parseBenchArgs } from './lib/args';
import type { ScenarioName } from './lib/args';
import { inCleanupScope, runMain } from './lib/cleanup';
import { dropTemporalEnv } from './lib/own-env';
import { RESULTS_DIR } from './lib/paths';
import type { Scenario, ScenarioResult } from './lib/scenario';
import { renderTable } from './lib/table';
import { capacityScenario } from './scenarios/capacity';
import { encryptionScenario } from './scenarios/encryption';
import { historyScenario } from './scenarios/history';
import { largeRequestScenario } from './scenarios/large-request';
import { latencyScenario } from './scenarios/latency';
import { retryAfterScenario } from './scenarios/retry-after';
import { startThroughputScenario } from './scenarios/start-throughput';

const RUNNERS: Record<ScenarioName, Scenario> = {
  history: historyScenario,
  capacity: capacityScenario,
  latency: latencyScenario,
  'retry-after': retryAfterScenario,
  start: startThroughputScenario,
  large: largeRequestScenario,
  encryption: encryptionScenario,
};

interface Machine {
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly temporalCli: string;
  readonly temporalSdk: string;
}

function machine(): Machine {
  return {
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    temporalCli: execFileSync(TEMPORAL_CLI, ['--version'], { encoding: 'utf8' }).trim(),
    temporalSdk: workerPackage.version,
  };
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const ignored = dropTemporalEnv();
  if (ignored.length > 0) console.log(`ignoring ${ignored.join(', ')}: the benchmark's stacks use their own settings`);
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const info = { ...machine(), mode: args.quick ? 'quick' : 'full', startedAt: new Date().toISOString() };
  console.log(`bulkflow benchmarks (${info.mode}) on ${info.cpu}, ${info.memoryGiB} GiB, Node ${info.node}`);
  const results: ScenarioResult[] = [];
  const failed: ScenarioName[] = [];
  for (const name of args.only) {
    const began = Date.now();
    console.log(`\n▶ ${name}`);
    let result: ScenarioResult;
    try {
      // Its own cleanup scope: whatever the scenario leaves running is stopped when it ends, and only that.
      result = await inCleanupScope(name, () =>
        RUNNERS[name]({
          quick: args.quick,
          profile: args.profile,
          ...(args.capacityTiers ? { capacityTiers: args.capacityTiers } : {}),
        }),
      );
    } catch (err) {
      // One failing scenario must not cost the others' figures: report it and go on.
      console.error(`✖ ${name} failed:`, err);
      failed.push(name);
      continue;
    }
    const seconds = (Date.now() - began) / 1000;
    results.push(result);
    const markdown = result.tables.map(renderTable).join('\n\n');
    console.log(`${markdown}\n(${name}: ${seconds.toFixed(0)} s)`);
    writeFileSync(
      join(RESULTS_DIR, `${name}-${info.mode}-${stamp}.json`),
      JSON.stringify({ machine: info, seconds, ...result }, null, 2),
    );
    writeFileSync(join(RESULTS_DIR, `${name}-${info.mode}-latest.md`), `${markdown}\n`);
  }
  const markdown = results.flatMap((r) => r.tables.map(renderTable)).join('\n\n');
  writeFileSync(join(RESULTS_DIR, `summary-${info.mode}-${stamp}.md`), `${JSON.stringify(info)}\n\n${markdown}\n`);
  if (failed.length > 0) throw new Error(`scenarios failed: ${failed.join(', ')}`);
}

runMain(main);
