/**
 * Reading a job's audit: the histories of every run of its continue-as-new chain, oldest first, turned into the
 * redacted timeline of src/audit. Histories are the system of record; nothing else is consulted.
 */
import type { Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { decodeHistory, timelineFromHistories } from '../audit';
import type { AuditTimeline } from '../audit';
import { describeJob } from './job-reader';

/** A guard against a malformed chain (a run pointing back at an earlier one). */
const MAX_RUNS = 100_000;

function startedAttributes(history: History) {
  return history.events?.[0]?.workflowExecutionStartedEventAttributes ?? undefined;
}

function nextRunId(history: History): string | undefined {
  const last = history.events?.at(-1);
  return last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
}

/**
 * The histories of job `jobId`'s runs, oldest first: from the first run of the chain, following each
 * continue-as-new to the latest run. Thrown when there is no such job: `JobNotFoundError`.
 */
export async function fetchJobHistories(client: Client, jobId: string): Promise<History[]> {
  const latestRunId = (await describeJob(client, jobId)).runId;
  const latest = await client.workflow.getHandle(jobId, latestRunId).fetchHistory();
  const firstRunId = startedAttributes(latest)?.firstExecutionRunId;
  if (!firstRunId || firstRunId === latestRunId) return [latest];
  const histories: History[] = [];
  let runId: string | undefined = firstRunId;
  while (runId && runId !== latestRunId && histories.length < MAX_RUNS) {
    const history: History = await client.workflow.getHandle(jobId, runId).fetchHistory();
    histories.push(history);
    runId = nextRunId(history);
  }
  return [...histories, latest];
}

/** The audit timeline of job `jobId` (running or finished). Thrown when there is no such job: `JobNotFoundError`. */
export async function readAudit(client: Client, jobId: string): Promise<AuditTimeline> {
  const codecs = client.options.loadedDataConverter.payloadCodecs;
  const histories = await fetchJobHistories(client, jobId);
  return timelineFromHistories(jobId, await Promise.all(histories.map((h) => decodeHistory(h, codecs))));
}
