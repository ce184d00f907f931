/**
 * Scenario 6: large requests end to end through batching, each on a fresh stack and worker process (large-job.ts):
 * Webex Move Users at growing sizes (100 users per provider job, one at a time), and a Zoho portal invite job of
 * 100,000 records at full size (100 per provider job, 2 at a time): wall time, overhead per batch, the worker's peak
 * RSS, the history over the continue-as-new chain and its largest event, what the claim check moved to the blob
 * store, and the spans exported (tracing on). The largest Webex size's worker and the Zoho job's are CPU-profiled.
 * First, a 100,000-user FullStory import at every door: the API's CSV body, the CLI, and the API's JSON body
 * (large-doors.ts). Last, the goals for 100,000-user jobs beside this run's figures (large-goals.ts).
 */
import type { RunMode } from '../lib/args';
import { latestProfile, latestThreadProfiles, profileTables } from '../lib/profiles';
import type { Table } from '../lib/table';
import { invitePortalUsers, moveUsers } from '../lib/requests';
import type { Scenario } from '../lib/scenario';
import { assertRan } from '../lib/scenario';
import { SIZES } from '../lib/sizes';
import { formatNumber } from '../lib/stats';
import { spawnWorker } from '../lib/worker-process';
import { doorsTable, runDoors } from './large-doors';
import type { DoorResult } from './large-doors';
import { goalsTable } from './large-goals';
import { runLargeJob } from './large-job';
import type { BenchRequest, LargeJobResult, LargeJobSpec } from './large-job';
import { jobsTable, waitsTable } from './large-tables';

/** Users per Webex Move Users provider job, and invites per Zoho bulk invite (the operations' batch sizes). */
const USERS_PER_BATCH = 100;

/**
 * A job of `users` items in provider jobs of 100, each of which its simulator completes at its first status read (so
 * the provider's own time is 0, and the job's wall time is bulkflow's overhead).
 */
function largeSpec(name: string, users: number, request: BenchRequest, timeoutMs: number, profileDir?: string) {
  const spec: LargeJobSpec = {
    name,
    users,
    request,
    simulators: { all: { pollsToComplete: 1 } },
    batches: Math.ceil(users / USERS_PER_BATCH),
    providerMsPerBatch: 0,
    timeoutMs,
    ...(profileDir ? { profileDir } : {}),
  };
  return spec;
}

/** Webex Move Users: one provider job per org at a time. */
function webexSpec(users: number, timeoutMs: number, profileDir?: string): LargeJobSpec {
  return largeSpec(`large-${users}`, users, moveUsers(`org-large-${users}`, users), timeoutMs, profileDir);
}

/** Zoho portal invites: 2 provider jobs of the job at a time (5 per org). */
function zohoSpec(invites: number, timeoutMs: number, profileDir?: string): LargeJobSpec {
  return largeSpec(`zoho-${invites}`, invites, invitePortalUsers(invites), timeoutMs, profileDir);
}

/** The large request at every door (large-doors.ts); at smoke size, each accepted job must succeed. */
async function doors(mode: RunMode, users: number, timeoutMs: number): Promise<DoorResult[]> {
  const results = await runDoors(users, timeoutMs, (stack) => spawnWorker({ mode: 'bulkflow', env: stack.env }));
  for (const r of results) console.log(`  ${r.door}, ${users} users: ${r.outcome}`);
  const started = results.filter((r) => r.doneSeconds !== undefined);
  assertRan(
    started.length === 2,
    `two doors started the ${users}-user import: ${results.map((r) => r.outcome).join('; ')}`,
  );
  if (mode === 'smoke')
    assertRan(
      started.every((r) => r.outcome.startsWith('succeeded')),
      'the doors succeeded',
    );
  return results;
}

/** A table per workflow thread of the newest `<prefix>*` worker profile (the SDK runs workflow code there). */
function threadTables(profilesDir: string | undefined, prefix: string, title: string): Table[] {
  return latestThreadProfiles(profilesDir, prefix).flatMap(({ thread, top }) =>
    profileTables(`${title}, thread ${thread} (workflow code; top self time)`, top),
  );
}

/** Runs one large job; at smoke size it must succeed (at full size an outcome is a finding: a limit, a hang). */
async function runChecked(mode: RunMode, spec: LargeJobSpec): Promise<LargeJobResult> {
  const result = await runLargeJob(spec);
  console.log(`  ${spec.name}: ${result.outcome}`);
  if (mode === 'smoke') assertRan(result.outcome === 'completed (succeeded)', `${spec.name}: ${result.outcome}`);
  assertRan((result.spans?.spans ?? 0) > 0, `${spec.name}: the worker exported spans (tracing on)`);
  return result;
}

export const largeRequestScenario: Scenario = async ({ mode, profilesDir }) => {
  const { users: sizes, timeoutMs, doorUsers, zoho } = SIZES[mode].large;
  const doorResults = await doors(mode, doorUsers, timeoutMs);
  const largest = sizes[sizes.length - 1] ?? 0;
  const webex: LargeJobResult[] = [];
  // The largest size's worker is profiled.
  for (const users of sizes)
    webex.push(await runChecked(mode, webexSpec(users, timeoutMs, users === largest ? profilesDir : undefined)));
  const invites = await runChecked(mode, zohoSpec(zoho.invites, zoho.timeoutMs, profilesDir));
  const webexHot = latestProfile(profilesDir, `large-${largest}-`);
  const zohoHot = latestProfile(profilesDir, `zoho-${zoho.invites}-`);
  const lastWebex = webex[webex.length - 1];
  return {
    name: 'large',
    data: {
      sizes,
      results: webex,
      zoho: invites,
      profile: { users: largest, top: webexHot },
      zohoProfile: { invites: zoho.invites, top: zohoHot },
      doors: { users: doorUsers, results: doorResults },
    },
    tables: [
      ...(lastWebex ? [goalsTable({ doors: doorResults, doorUsers, webex: lastWebex, zoho: invites })] : []),
      doorsTable(doorUsers, doorResults),
      jobsTable('Scenario 6 — large request (webex.moveUsers, 100 users per provider job)', webex),
      ...(lastWebex
        ? [
            waitsTable(
              lastWebex,
              'user',
              'Batches run one at a time (webex.moveUsers allows one provider job per org), so the gaps add up to ' +
                'the wall time.',
            ),
          ]
        : []),
      ...profileTables(`Worker CPU profile at ${formatNumber(largest)} users (top self time)`, webexHot),
      ...threadTables(profilesDir, `large-${largest}-`, `Worker CPU profile at ${formatNumber(largest)} users`),
      jobsTable(
        `Scenario 6c — ${formatNumber(zoho.invites)}-invite job (zoho.invitePortalUsers, 100 per provider job, 2 at a time)`,
        [invites],
      ),
      waitsTable(
        invites,
        'invite',
        'Two batches run at once: the gaps still add up to the wall time, each charged to whichever batch ' +
          "ended it, so per batch ms is the wall time's share per batch, not one batch's latency.",
      ),
      ...profileTables(`Worker CPU profile of the ${formatNumber(zoho.invites)}-invite job (top self time)`, zohoHot),
      ...threadTables(
        profilesDir,
        `zoho-${zoho.invites}-`,
        `Worker CPU profile of the ${formatNumber(zoho.invites)}-invite job`,
      ),
    ],
  };
};
