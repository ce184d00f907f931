/**
 * The benchmark's smoke mode in CI: `bench/index.ts --smoke` as a child process runs every scenario at its smallest,
 * end to end, so a change that breaks a scenario fails its own commit. The harness runs on dev servers of its own
 * (free ports, a scratch folder of its own, results in a temporary folder), beside this suite's server and whatever
 * other suites run at the same time. It runs compiled, as global setup built it, and starts its worker, API and CLI
 * processes from the same compiled tree (`npm run bench:smoke` runs the same code from source through tsx).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { SCENARIOS } from '../../bench/lib/args';
import { BUNDLE_VARIABLE } from '../../bench/lib/bundle';
import { waitFor } from '../helpers/jobs';
import { processArgs } from '../helpers/process-programs';
import { workflowBundlePath } from '../helpers/workflow-bundles';

const ROOT = resolve(__dirname, '..', '..');

/** What bench/index.ts writes as summary-smoke-<stamp>.json. */
const SummarySchema = z.object({
  machine: z.object({ mode: z.literal('smoke') }),
  scenarios: z.array(
    z.object({ name: z.string(), ok: z.boolean(), seconds: z.number(), error: z.string().optional() }),
  ),
});

/** What bench/index.ts writes as <scenario>-smoke-<stamp>.json for a scenario that succeeded. */
const ScenarioFileSchema = z.object({
  name: z.string(),
  tables: z.array(z.object({ title: z.string(), rows: z.array(z.array(z.string())) })),
});

interface BenchRun {
  /** Also the id of its process group. */
  readonly pid: number;
  readonly code: number | null;
  readonly output: string;
}

const resultsDir = mkdtempSync(join(tmpdir(), 'bulkflow-bench-smoke-'));
let child: ChildProcess | undefined;

/** Runs the harness in a process group of its own, so everything it started can be stopped with it. */
function runBench(args: readonly string[]): Promise<BenchRun> {
  // The harness loads the bench bundle global setup built, rather than bundling the workflows once more.
  const env = { ...process.env, [BUNDLE_VARIABLE]: workflowBundlePath('bench') };
  const command = [...processArgs('bench'), ...args];
  const started = spawn(process.execPath, command, { cwd: ROOT, detached: true, stdio: 'pipe', env });
  child = started;
  const pid = started.pid;
  if (pid === undefined) throw new Error(`could not start node ${command.join(' ')}`);
  let output = '';
  started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done) => started.once('close', (code) => done({ pid, code, output })));
}

/** Whether any process of the group `pgid` is still running. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes of group `pgid` still running (zombies aside), as `pid command line`, from /proc. */
function groupMembers(pgid: number): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // After the command name (which may hold spaces): state, ppid, pgrp, …
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(pgrp) !== pgid || state === 'Z') return [];
        return [`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()}`];
      } catch {
        return []; // gone meanwhile
      }
    });
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
}

/** The one file of the run whose name starts with `prefix`; thrown with the harness's output when there is none. */
function resultFile(prefix: string, run: BenchRun): string {
  const files = readdirSync(resultsDir).filter((f) => f.startsWith(prefix) && f.endsWith('.json'));
  if (files.length !== 1) throw new Error(`expected one ${prefix}*.json, found ${files.length}:\n${run.output}`);
  return files[0] as string;
}

afterAll(async () => {
  // Past the test's timeout the harness may still run: Ctrl-C's path (SIGTERM) stops what it started, then the
  // group is killed in case anything is left.
  const pid = child?.pid;
  if (pid !== undefined && child?.exitCode === null && child.signalCode === null) {
    const closed = new Promise((done) => child?.once('close', done));
    process.kill(-pid, 'SIGTERM');
    const killer = setTimeout(() => groupAlive(pid) && process.kill(-pid, 'SIGKILL'), 60_000);
    await closed;
    clearTimeout(killer);
  }
  rmSync(resultsDir, { recursive: true, force: true });
}, 90_000);

it('runs every scenario end to end at its smallest and exits 0 (npm run bench:smoke)', async () => {
  const run = await runBench(['--smoke', `--results-dir=${resultsDir}`]);

  const summary = SummarySchema.parse(readJson(resultFile('summary-smoke-', run)));
  expect(summary.scenarios.map(({ name, ok, error }) => ({ name, ok, ...(error ? { error } : {}) }))).toEqual(
    SCENARIOS.map((name) => ({ name, ok: true })),
  );
  expect(run.output).toContain(`${SCENARIOS.length} of ${SCENARIOS.length} scenarios succeeded (smoke)`);
  expect(run.code).toBe(0);
  // Every dev server and worker process it started was stopped. Run from source, tsx's esbuild helpers exit on their
  // own a moment after the process that spawned them, so the group gets a few seconds to empty.
  await waitFor('the harness process group to empty', () => groupMembers(run.pid).length === 0, {
    timeoutMs: 10_000,
  }).catch(() => undefined);
  expect(groupMembers(run.pid)).toEqual([]);
  for (const name of SCENARIOS) {
    const result = ScenarioFileSchema.parse(readJson(resultFile(`${name}-smoke-`, run)));
    expect(result.name).toBe(name);
    expect(result.tables.length).toBeGreaterThan(0);
    const empty = result.tables.filter((table) => table.rows.length === 0).map((table) => table.title);
    expect(empty).toEqual([]);
  }
  // Eight scenarios, each with a dev server and worker processes of its own: ~3 min alone, 5 on a CI machine busy
  // with the other suites; the ten-slowest list at the end of .ci/run shows when it grows.
}, 450_000);
