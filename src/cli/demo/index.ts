/**
 * `npm run demo`: moves 300 simulated Webex Calling users to 3 new locations on the embedded stack (its own dev
 * server on free ports, the simulators, one worker), prints progress as it changes, then the normalized result;
 * then runs every other operation side by side and prints one line each. Each job is its operation's demo sample
 * (`demo` in its simulator folder's `samples.ts`). Exits 0 when every job ends succeeded or partial.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { BulkJobClient } from '../../client';
import type { LiveProgress } from '../../client';
import { formatTimeline } from '../../audit';
import { OPERATION_IDS, PROVIDER_NAMES } from '../../domain/job';
import { createLogger } from '../../logger';
import { startEmbeddedStack } from '../../dev/embedded-stack';
import { freePort } from '../../dev/free-port';
import { PROJECT_ROOT } from '../../dev/tools';
import { samplesOf } from '../../simulator-registry';

/** The demo's first job, watched as it runs; the other operations' jobs follow side by side. */
const MAIN = 'webex.moveUsers';

function progressLine(p: LiveProgress): string {
  const polls = p.providerJobs.reduce((sum, job) => sum + job.polls, 0);
  const waiting = p.polling.filter((a) => (a.stats.notBeforeMs ?? 0) > Date.now()).length;
  const done = p.counts.succeeded + p.counts.failed + p.counts.skipped;
  return (
    `[${p.state}] ${done}/${p.counts.total} users done (${p.counts.failed} failed) · ` +
    `provider jobs ${p.providerJobs.length}/${p.batches} · status polls ${polls}` +
    (waiting ? ` · ${waiting} waiting on Retry-After` : '')
  );
}

async function watch(jobs: BulkJobClient, jobId: string): Promise<void> {
  let last = '';
  for (;;) {
    const progress = await jobs.progress(jobId);
    const line = progressLine(progress);
    if (line !== last) console.log(line);
    last = line;
    if (progress.status !== 'RUNNING') return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The process env without provider connections, so the simulators stand in for every provider. */
function demoEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, BULKFLOW_CONFIG: undefined };
  const prefixes = PROVIDER_NAMES.map((provider) => `BULKFLOW_${provider.toUpperCase()}_`);
  for (const key of Object.keys(env)) if (prefixes.some((prefix) => key.startsWith(prefix))) env[key] = undefined;
  return env;
}

const OTHER_OPERATIONS = OPERATION_IDS.filter((operation) => operation !== MAIN);

async function runOthers(jobs: BulkJobClient): Promise<string[]> {
  console.log('\nThe other operations, side by side:');
  return Promise.all(
    OTHER_OPERATIONS.map(async (operation) => {
      const { what, input } = samplesOf(operation).demo;
      const id = await jobs.start({ operation, input }, { requestedBy: 'demo', tuning: { pollIntervalMs: 300 } });
      const r = await jobs.result(id);
      const c = r.counts;
      console.log(
        `  ${operation.padEnd(29)} ${what}: ${r.state} — ${c.succeeded} succeeded, ${c.failed} failed, ` +
          `${c.skipped} skipped (${r.providerJobs.length} provider job${r.providerJobs.length === 1 ? '' : 's'})`,
      );
      return r.state;
    }),
  );
}

async function main(): Promise<number> {
  const log = createLogger(process.env['BULKFLOW_LOG_LEVEL'] ?? 'warn');
  const dataDir = join(PROJECT_ROOT, '.data', 'demo');
  rmSync(dataDir, { recursive: true, force: true });
  const stack = await startEmbeddedStack({
    server: { dbFilename: join(dataDir, 'temporal.db'), port: await freePort(), uiPort: 0 },
    simulatorPort: 0,
    simulators: { all: { durationMs: 2_000 } },
    env: demoEnv(),
    log,
  });
  const jobs = await BulkJobClient.connectTo(stack.config.temporal);
  try {
    const main = samplesOf(MAIN).demo;
    console.log(`${MAIN}: ${main.what} (simulated)…`);
    const jobId = await jobs.start(
      { operation: MAIN, input: main.input },
      { requestedBy: 'demo', tuning: { pollIntervalMs: 300 } },
    );
    await watch(jobs, jobId);
    const result = await jobs.result(jobId);
    console.log(JSON.stringify({ ...result, items: result.items.filter((i) => i.outcome !== 'succeeded') }, null, 2));
    console.log(`(${result.items.length} item outcomes; only the non-succeeded ones are printed above)`);
    console.log(`\nIts audit, from the workflow history (bulkflow audit ${jobId}):\n`);
    console.log(formatTimeline(await jobs.audit(jobId), 'text'));
    const others = await runOthers(jobs);
    return [result.state, ...others].every((state) => state === 'succeeded' || state === 'partial') ? 0 : 1;
  } finally {
    await jobs.close();
    await stack.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
