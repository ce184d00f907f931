/**
 * The history cost of a workflow: events, and bytes as the encoded protobuf size of the `History` message the
 * server returns (what it stores and sends), plus the largest single event (≈ the largest payload).
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface HistoryCost {
  readonly events: number;
  readonly bytes: number;
  readonly largestEventBytes: number;
  /** Runs in the continue-as-new chain that were summed. */
  readonly runs: number;
}

const { History, HistoryEvent } = temporal.api.history.v1;

/** Cost of one run (the latest when `runId` is absent). */
export async function runHistoryCost(client: Client, workflowId: string, runId?: string): Promise<HistoryCost> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const events = history.events ?? [];
  let largestEventBytes = 0;
  for (const event of events) {
    largestEventBytes = Math.max(largestEventBytes, HistoryEvent.encode(event).finish().length);
  }
  return { events: events.length, bytes: History.encode(history).finish().length, largestEventBytes, runs: 1 };
}

/** Run ids of every run of `workflowId` (a continue-as-new chain), as visibility lists them. */
export async function chainRunIds(client: Client, workflowId: string): Promise<string[]> {
  const runIds: string[] = [];
  for await (const execution of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    runIds.push(execution.runId);
  }
  return runIds;
}

/** Cost of every run of `workflowId` (a continue-as-new chain), summed; the largest event over all runs. */
export async function chainHistoryCost(client: Client, workflowId: string): Promise<HistoryCost> {
  const runIds = await chainRunIds(client, workflowId);
  if (runIds.length === 0) return runHistoryCost(client, workflowId);
  const costs = await Promise.all(runIds.map((runId) => runHistoryCost(client, workflowId, runId)));
  return costs.reduce((sum, c) => ({
    events: sum.events + c.events,
    bytes: sum.bytes + c.bytes,
    largestEventBytes: Math.max(sum.largestEventBytes, c.largestEventBytes),
    runs: sum.runs + 1,
  }));
}
