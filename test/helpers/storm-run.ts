/**
 * Running storm and soak jobs, and everything their runs must show (shared by test/integration/storms.test.ts,
 * test/integration/soak.test.ts and `npm run soak`).
 */
import type { BulkJobClient } from '../../src/client';
import type { BulkJobResult, OperationId } from '../../src/domain/job';
import type { LedgerJob } from '../../src/simulator/ledger';
import type { RequestLogEntry } from '../../src/simulator/request-log';
import { rootFailure } from './jobs';
import { ledgerMismatches } from './ledger-checks';
import { permanentRetries, stallsWaitedOut, windowViolations } from './storm-checks';
import { inputRefs, isWholeTenant } from './storm-jobs';
import { PERMANENT_KINDS, REFUSAL_ERRORS, UNKNOWN_OUTCOME_KINDS } from './storm-plan';
import { KINDS } from '../../src/simulator/storm-kinds';

/** One job of a run: its result, or the error it stopped with. */
export interface JobRun {
  readonly operation: OperationId;
  readonly input: unknown;
  readonly jobId: string;
  readonly result?: BulkJobResult;
  readonly stopped?: { readonly type: string; readonly message: string };
}

export interface JobSpec {
  readonly operation: OperationId;
  readonly connection: string;
  readonly input: unknown;
  readonly idempotencyKey: string;
}

/** Timing of storm jobs: polls are quick, and attempts time out well before a stall ends. */
export const STORM_TUNING = { pollIntervalMs: 50, attemptTimeoutMs: 3_000 };

/** Starts every job, then awaits each: its result, or the failure it stopped with. */
export async function runJobs(jobs: BulkJobClient, specs: readonly JobSpec[], requestedBy: string): Promise<JobRun[]> {
  const started = await Promise.all(
    specs.map(async (spec) => {
      const request = { operation: spec.operation, connection: spec.connection, input: spec.input };
      const jobId = await jobs.start(request, {
        idempotencyKey: spec.idempotencyKey,
        requestedBy,
        tuning: STORM_TUNING,
      });
      return { spec, jobId };
    }),
  );
  return Promise.all(
    started.map(async ({ spec, jobId }): Promise<JobRun> => {
      const base = { operation: spec.operation, input: spec.input, jobId };
      try {
        return { ...base, result: await jobs.result(jobId) };
      } catch (err) {
        const failure = rootFailure(err);
        return { ...base, stopped: { type: failure.type ?? failure.name, message: failure.message } };
      }
    }),
  );
}

/** The log of `operation`'s endpoints, in arrival order. */
export function operationLog(entries: readonly RequestLogEntry[], operation: OperationId): RequestLogEntry[] {
  return entries.filter((e) => e.endpoint.startsWith(`${operation}.`)).sort((a, b) => a.receivedAt - b.receivedAt);
}

/**
 * Everything wrong with a run of `operation`'s jobs: requests inside a Retry-After window, permanent answers sent
 * again, stalls waited out, results that disagree with the provider's ledger, jobs stopped for another reason than
 * an unreadable answer to a start, and finished jobs that lost an item.
 */
export function runProblems(
  operation: OperationId,
  runs: readonly JobRun[],
  log: readonly RequestLogEntry[],
  ledger: readonly LedgerJob[],
): string[] {
  const mine = runs.filter((run) => run.operation === operation);
  const show = (what: string, list: readonly unknown[]): string[] =>
    list.length === 0 ? [] : [`${what}: ${JSON.stringify(list, null, 1)}`];
  const stopped = mine.filter((run) => run.stopped);
  const starts = log.filter((e) => e.endpoint.endsWith('.start'));
  const malformedStarts = starts.filter((e) => e.stormKind === KINDS.malformed.name);
  // A start sent again after an answer that left its outcome unknown, then refused for good: ambiguous too.
  const refusedAfterUnknown = starts.filter(
    (e, i) =>
      e.stormKind === KINDS.unknown4xx.name &&
      starts.slice(0, i).some((b) => b.subject === e.subject && UNKNOWN_OUTCOME_KINDS.has(b.stormKind ?? '')),
  );
  const loudStarts = malformedStarts.length + refusedAfterUnknown.length;
  const results = mine.flatMap((run) => run.result ?? []);
  const wholeTenant = isWholeTenant(operation);
  return [
    ...show('requests inside a Retry-After window', windowViolations(log)),
    ...show('permanent answers sent again', permanentRetries(log, PERMANENT_KINDS)),
    ...show('stalls waited out', stallsWaitedOut(log, KINDS.stall.name)),
    ...ledgerMismatches({
      results,
      ledger,
      refusalErrors: REFUSAL_ERRORS,
      wholeTenant,
      unreported: new Set(stopped.flatMap((run) => inputRefs(run.operation, run.input))),
    }),
    ...stopped
      .filter((run) => run.stopped?.type !== 'AmbiguousStartError')
      .map((run) => `${run.jobId} stopped with ${run.stopped?.type ?? '?'}: ${run.stopped?.message ?? ''}`),
    ...(stopped.length > loudStarts
      ? [
          `${stopped.length} jobs stopped, but only ${malformedStarts.length} starts were answered unreadably ` +
            `and ${refusedAfterUnknown.length} refused for good after an unknown outcome: ` +
            stopped.map((run) => `${run.jobId}: ${run.stopped?.message ?? '?'}`).join('; '),
        ]
      : []),
    ...mine
      .filter((run) => run.result && !wholeTenant && run.result.counts.total !== inputRefs(operation, run.input).length)
      .map((run) => `${run.jobId}: ${run.result?.counts.total ?? 0} items counted, its input has more`),
  ];
}
