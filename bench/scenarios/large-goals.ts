/**
 * Issue 22's goals for 100,000-user jobs beside this run's figures: the FullStory import (the doors), the Webex move's
 * overhead per batch, the Zoho invite job, and the worker's peak RSS, the largest history event and the parent's
 * history events over those jobs.
 */
import type { HistoryCost } from '../lib/history';
import { formatBytes, formatNumber } from '../lib/stats';
import type { Table } from '../lib/table';
import type { DoorResult } from './large-doors';
import type { LargeJobResult } from './large-job';

const OVERHEAD_GOAL_MS = 50;
const RSS_GOAL_BYTES = 512 * 2 ** 20;
const EVENT_GOAL_BYTES = 256 * 2 ** 10;

export interface GoalInputs {
  readonly doors: readonly DoorResult[];
  readonly doorUsers: number;
  /** The largest Webex move of the run. */
  readonly webex: LargeJobResult;
  readonly zoho: LargeJobResult;
}

/** A large job as the goals see it: its name, whether it succeeded, its worker's peak RSS and its history. */
interface Measured {
  readonly name: string;
  readonly succeeded: boolean;
  readonly workerPeakRss: number;
  readonly history?: HistoryCost;
}

function met(ok: boolean): string {
  return ok ? 'yes' : 'no';
}

function measuredJobs({ doors, zoho }: GoalInputs): Measured[] {
  const fromDoors = doors.flatMap((d) =>
    d.job ? [{ name: `FullStory (${d.door})`, succeeded: d.outcome.startsWith('succeeded'), ...d.job }] : [],
  );
  const invites: Measured = {
    name: 'Zoho',
    succeeded: zoho.outcome === 'completed (succeeded)',
    workerPeakRss: zoho.workerPeakRss,
    ...(zoho.history ? { history: zoho.history } : {}),
  };
  return [...fromDoors, invites];
}

function perJob(jobs: readonly Measured[], cell: (job: Measured) => string): string {
  return jobs.map((job) => `${job.name}: ${cell(job)}`).join('; ');
}

/** The measure table for 100,000-user jobs, its "now" column filled from this run. */
export function goalsTable(inputs: GoalInputs): Table {
  const { doors, doorUsers, webex, zoho } = inputs;
  const jobs = measuredJobs(inputs);
  const csvDoor = doors.find((d) => d.job !== undefined);
  const peak = Math.max(...jobs.map((j) => j.workerPeakRss));
  const largest = Math.max(...jobs.map((j) => j.history?.largestEventBytes ?? 0));
  const history = (job: Measured) =>
    job.history
      ? `${formatNumber(job.history.events)} events in ${job.history.runs} run${job.history.runs === 1 ? '' : 's'}`
      : '—';
  return {
    title: `Issue 22 — ${formatNumber(doorUsers)}-user jobs against their goals (encryption and tracing on)`,
    columns: ['measure', 'now (this run)', 'goal', 'met'],
    rows: [
      [
        `${formatNumber(doorUsers)}-user FullStory import, end to end`,
        csvDoor
          ? `${csvDoor.outcome} in ${formatNumber(csvDoor.doneSeconds ?? 0, 1)} s (${csvDoor.door})`
          : 'not started',
        'completes',
        met(jobs.filter((j) => j.name.startsWith('FullStory')).every((j) => j.succeeded) && csvDoor !== undefined),
      ],
      [
        `${formatNumber(webex.users)}-user Webex move (${formatNumber(webex.batches)} provider jobs, one at a time), overhead per batch`,
        `${formatNumber(webex.overheadPerBatchMs)} ms per batch (${webex.outcome}, ${formatNumber(webex.wallSeconds, 1)} s)`,
        `≤ ${OVERHEAD_GOAL_MS} ms per batch`,
        met(webex.overheadPerBatchMs <= OVERHEAD_GOAL_MS),
      ],
      [
        `${formatNumber(zoho.users)}-invite Zoho job (${formatNumber(zoho.batches)} batches, 2 at a time)`,
        `${zoho.outcome} in ${formatNumber(zoho.wallSeconds, 1)} s`,
        'completes',
        met(zoho.outcome === 'completed (succeeded)'),
      ],
      [
        `worker peak RSS during the ${formatNumber(doorUsers)}-user jobs`,
        perJob(jobs, (j) => formatBytes(j.workerPeakRss)),
        '< 512 MiB',
        met(peak < RSS_GOAL_BYTES),
      ],
      [
        `largest history event during the ${formatNumber(doorUsers)}-user jobs`,
        perJob(jobs, (j) => (j.history ? formatBytes(j.history.largestEventBytes) : '—')),
        '< 256 KiB',
        met(largest < EVENT_GOAL_BYTES),
      ],
      [`parent history events, ${formatNumber(doorUsers)}-user jobs`, perJob(jobs, history), 'reported', '—'],
    ],
    notes: [
      'From the tables below, same run. FullStory: the doors (two provider jobs of 50,000); Zoho: scenario 6c; ' +
        'Webex: the largest size of scenario 6. Worker peak RSS is per job (reset before each).',
    ],
  };
}
