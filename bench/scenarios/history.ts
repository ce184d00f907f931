/**
 * Scenario 1: history cost per job vs polls. The same Webex Move Users job, needing N status polls, awaited by
 * bulkflow (polling = activity retries), a workflow-loop poller (activity + `sleep` per poll) and a heartbeat-loop
 * activity. All jobs of a run are in flight together; events and bytes are deterministic, timing is not.
 */
import type { BulkJobResult } from '../../src/domain/job';
import { runHistoryCost } from '../lib/history';
import type { HistoryCost } from '../lib/history';
import { moveUsers } from '../lib/requests';
import type { MoveUsersRequest } from '../lib/requests';
import type { Scenario } from '../lib/scenario';
import { assertRan, waitFor } from '../lib/scenario';
import { SIZES } from '../lib/sizes';
import { startBenchStack } from '../lib/stack';
import type { BenchStack } from '../lib/stack';
import { formatBytes, formatNumber, formatRatio, median, ratio } from '../lib/stats';

const DESIGNS = ['bulkflow', 'workflow-loop', 'heartbeat-loop'] as const;
type Design = (typeof DESIGNS)[number];
const POLL_INTERVAL_MS = 10;
/** History limit of the server: a workflow is terminated at 51,200 events. */
const EVENT_LIMIT = 51_200;
const BIG = 10_000;

interface Measured extends HistoryCost {
  readonly design: Design;
  readonly polls: number;
  readonly run: number;
  readonly observedPolls: number;
  readonly wallMs: number;
}

/** Starts the job of one design; returns its workflow id. */
async function startDesign(stack: BenchStack, design: Design, key: string, request: MoveUsersRequest): Promise<string> {
  if (design === 'bulkflow') {
    // A job id is derived from the key (the job-id rule, jobIdFor): follow the id the start returns, never the key.
    const started = await stack.jobs.startJob(request, {
      requestedBy: 'bench',
      idempotencyKey: key,
      tuning: { pollIntervalMs: POLL_INTERVAL_MS },
    });
    return started.jobId;
  }
  const handle = await stack.client.workflow.start(
    design === 'workflow-loop' ? 'workflowLoopPollerWorkflow' : 'heartbeatLoopWorkflow',
    {
      taskQueue: stack.config.temporal.taskQueue,
      workflowId: key,
      args: [{ request: request.input, pollIntervalMs: POLL_INTERVAL_MS }],
    },
  );
  return handle.workflowId;
}

async function startOne(
  stack: BenchStack,
  design: Design,
  polls: number,
  run: number,
): Promise<() => Promise<Measured>> {
  const key = `history-${design}-${polls}-r${run}`;
  const began = Date.now();
  const id = await startDesign(stack, design, key, moveUsers(`org-${key}`));
  return async () => {
    const result: unknown = await stack.client.workflow.getHandle(id).result();
    const wallMs = Date.now() - began;
    const observedPolls =
      design === 'bulkflow'
        ? ((result as BulkJobResult).providerJobs[0]?.polls ?? Number.NaN)
        : (result as { polls: number }).polls;
    const cost = await runHistoryCost(stack.client, id);
    return { design, polls, run, observedPolls, wallMs, ...cost };
  };
}

/** Least-squares slope of events (or bytes) per poll through the measured points. */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/** One run at 10,000 polls: bulkflow's minimum retry round trip makes each such run take minutes. */
function runsAt(polls: number, runs: number): number {
  return polls >= BIG ? 1 : runs;
}

async function measure(stack: BenchStack, sizes: readonly number[], runs: number, loopCap: number) {
  const waits: (() => Promise<Measured>)[] = [];
  let expectedJobs = 0;
  for (const polls of sizes) {
    stack.webex.setConfig({ pollsToComplete: polls });
    for (let run = 1; run <= runsAt(polls, runs); run += 1) {
      for (const design of DESIGNS) {
        if (design === 'workflow-loop' && polls > loopCap) continue;
        waits.push(await startOne(stack, design, polls, run));
        expectedJobs += 1;
      }
    }
    // pollsToComplete is fixed when the provider job is created: wait for all of this size before changing it.
    await waitFor(`${expectedJobs} provider jobs`, () => stack.webex.jobCount() >= expectedJobs, 120_000);
  }
  return Promise.all(waits.map((wait) => wait()));
}

function medianRow(all: readonly Measured[], design: Design, polls: number) {
  const runs = all.filter((m) => m.design === design && m.polls === polls);
  return {
    events: median(runs.map((m) => m.events)),
    bytes: median(runs.map((m) => m.bytes)),
    observedPolls: median(runs.map((m) => m.observedPolls)),
    wallMs: median(runs.map((m) => m.wallMs)),
    n: runs.length,
  };
}

export const historyScenario: Scenario = async ({ mode }) => {
  const { polls: sizes, runs, loopCap } = SIZES[mode].history;
  const stack = await startBenchStack({ name: 'history', inProcessWorker: { minDelayMs: 1 } });
  let measured: Measured[];
  try {
    measured = await measure(stack, sizes, runs, loopCap);
  } finally {
    await stack.stop();
  }
  for (const m of measured) {
    assertRan(m.observedPolls === m.polls, `${m.design} saw ${m.observedPolls} polls of a job that needed ${m.polls}`);
  }
  const loopPoints = measured.filter((m) => m.design === 'workflow-loop');
  const perPoll = {
    events: slope(loopPoints.map((m) => ({ x: m.polls, y: m.events }))),
    bytes: slope(loopPoints.map((m) => ({ x: m.polls, y: m.bytes }))),
  };
  const maxLoop = Math.max(...loopPoints.map((m) => m.polls));
  const capRow = medianRow(measured, 'workflow-loop', maxLoop);
  const rows: string[][] = [];
  for (const polls of sizes) {
    const base = medianRow(measured, 'bulkflow', polls);
    for (const design of DESIGNS) {
      const row = medianRow(measured, design, polls);
      const extrapolated = row.n === 0;
      const events = extrapolated ? capRow.events + perPoll.events * (polls - maxLoop) : row.events;
      const bytes = extrapolated ? capRow.bytes + perPoll.bytes * (polls - maxLoop) : row.bytes;
      const mark = extrapolated ? ' (extrapolated)' : '';
      rows.push([
        formatNumber(polls),
        design,
        extrapolated ? '—' : formatNumber(row.observedPolls),
        `${formatNumber(events)}${mark}${events > EVENT_LIMIT ? ' > 51,200 limit' : ''}`,
        `${formatBytes(bytes)}${mark}`,
        formatRatio(ratio(events, base.events)),
        formatRatio(ratio(bytes, base.bytes)),
        extrapolated ? '—' : formatNumber(row.wallMs / 1000, 1),
      ]);
    }
  }
  return {
    name: 'history',
    data: { sizes, runs, pollIntervalMs: POLL_INTERVAL_MS, loopCap, perPoll, measured },
    tables: [
      {
        title: 'Scenario 1 — history cost per job vs polls',
        columns: [
          'polls',
          'design',
          'polls seen',
          'events',
          'bytes',
          'events ÷ bulkflow',
          'bytes ÷ bulkflow',
          'wall s',
        ],
        rows,
        notes: [
          `Medians of ${runs} run(s) (${formatNumber(BIG)} polls: 1 run); all jobs in flight together, ` +
            `poll interval ${POLL_INTERVAL_MS} ms.`,
          'bytes = encoded protobuf size of the History message returned by fetchHistory().',
          `workflow-loop measured up to ${formatNumber(loopCap)} polls; larger sizes extrapolated linearly at ` +
            `${perPoll.events.toFixed(2)} events and ${formatNumber(perPoll.bytes)} B per poll (least squares ` +
            'over the measured points). Such a workflow is terminated by the server at 51,200 events.',
          'bulkflow counts include planning, the tenant permit, the start and the collection of per-user results; ' +
            'the baselines only start and poll.',
        ],
      },
    ],
  };
};
