/**
 * `npm run bench` / `npm run bench:quick` / `npm run bench:smoke` / `tsx bench/index.ts --only=history`: runs the
 * scenarios on this machine's own dev server(s), prints a table per scenario and writes JSON (and the Markdown
 * tables) to bench/results/, with a summary of which scenarios succeeded. Everything started is stopped on exit, on
 * errors and on Ctrl-C. Exits 1 when any scenario failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import workerPackage from '@temporalio/worker/package.json';
import { TEMPORAL_CLI } from '../src/dev/tools';
import { parseBenchArgs } from './lib/args';
import type { BenchArgs, ScenarioName } from './lib/args';
import { inCleanupScope, runMain } from './lib/cleanup';
import { dropTemporalEnv } from './lib/own-env';
import { RESULTS_DIR } from './lib/paths';
import type { Scenario, ScenarioResult } from './lib/scenario';
import { withDeadline } from './lib/scenario';
import { SIZES } from './lib/sizes';
import { renderTable } from './lib/table';
import { capacityScenario } from './scenarios/capacity';
import { encryptionScenario } from './scenarios/encryption';
import { historyScenario } from './scenarios/history';
import { largeRequestScenario } from './scenarios/large-request';
import { latencyScenario } from './scenarios/latency';
import { retryAfterScenario } from './scenarios/retry-after';
import { scopeCooldownScenario } from './scenarios/scope-cooldown';
import { startThroughputScenario } from './scenarios/start-throughput';
import { createLogger } from '../src/logger';
import { installRuntime } from '../src/worker';

const RUNNERS: Record<ScenarioName, Scenario> = {
  history: historyScenario,
  capacity: capacityScenario,
  latency: latencyScenario,
  'retry-after': retryAfterScenario,
  'scope-cooldown': scopeCooldownScenario,
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

function messageOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
}

/** How one scenario ended, for the summary (and the CI smoke test, which reads it). */
interface ScenarioOutcome {
  readonly name: ScenarioName;
  readonly ok: boolean;
  readonly seconds: number;
  readonly error?: string;
}

/**
 * Runs one scenario in a cleanup scope of its own (whatever it leaves running is stopped when it ends, and only
 * that) and under its mode's deadline. A failure is reported, never thrown: it must not cost the others' figures.
 */
async function runScenario(
  name: ScenarioName,
  args: BenchArgs,
  dir: string,
): Promise<ScenarioResult | { failed: string }> {
  const options = {
    mode: args.mode,
    ...(args.profile ? { profilesDir: join(dir, 'profiles') } : {}),
    ...(args.capacityTiers ? { capacityTiers: args.capacityTiers } : {}),
    ...(args.workerCache ? { workerCache: args.workerCache } : {}),
  };
  try {
    return await inCleanupScope(name, () =>
      withDeadline(`scenario ${name}`, SIZES[args.mode].deadlineMs, () => RUNNERS[name](options)),
    );
  } catch (err) {
    console.error(`✖ ${name} failed:`, err);
    return { failed: messageOf(err) };
  }
}

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  const ignored = dropTemporalEnv();
  if (ignored.length > 0) console.log(`ignoring ${ignored.join(', ')}: the benchmark's stacks use their own settings`);
  await installRuntime({ level: 'error', log: createLogger('error') });
  const dir = args.resultsDir ?? RESULTS_DIR;
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const info = { ...machine(), mode: args.mode, startedAt: new Date().toISOString() };
  console.log(`bulkflow benchmarks (${info.mode}) on ${info.cpu}, ${info.memoryGiB} GiB, Node ${info.node}`);
  const results: ScenarioResult[] = [];
  const outcomes: ScenarioOutcome[] = [];
  for (const name of args.only) {
    const began = Date.now();
    console.log(`\n▶ ${name}`);
    const result = await runScenario(name, args, dir);
    const seconds = (Date.now() - began) / 1000;
    if ('failed' in result) {
      outcomes.push({ name, ok: false, seconds, error: result.failed });
      continue;
    }
    outcomes.push({ name, ok: true, seconds });
    results.push(result);
    const markdown = result.tables.map(renderTable).join('\n\n');
    console.log(`${markdown}\n(${name}: ${seconds.toFixed(0)} s)`);
    writeFileSync(
      join(dir, `${name}-${info.mode}-${stamp}.json`),
      JSON.stringify({ machine: info, seconds, ...result }, null, 2),
    );
    writeFileSync(join(dir, `${name}-${info.mode}-latest.md`), `${markdown}\n`);
  }
  const markdown = results.flatMap((r) => r.tables.map(renderTable)).join('\n\n');
  writeFileSync(join(dir, `summary-${info.mode}-${stamp}.md`), `${JSON.stringify(info)}\n\n${markdown}\n`);
  writeFileSync(
    join(dir, `summary-${info.mode}-${stamp}.json`),
    JSON.stringify({ machine: info, scenarios: outcomes }, null, 2),
  );
  const failed = outcomes.filter((o) => !o.ok);
  console.log(`\n${outcomes.length - failed.length} of ${outcomes.length} scenarios succeeded (${info.mode}):`);
  for (const o of outcomes)
    console.log(`  ${o.ok ? '✔' : '✖'} ${o.name} ${o.seconds.toFixed(0)} s${o.error ? `: ${o.error}` : ''}`);
  return failed.length > 0 ? 1 : 0;
}

runMain(main);
