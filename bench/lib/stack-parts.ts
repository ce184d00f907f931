/** The parts of a benchmark stack (stack.ts) as they start, and how they stop: once each, in one order. */
import { rmSync } from 'node:fs';
import type { SimulatorServer } from '../../src/simulator/server';
import type { StackConnection } from './client-connection';
import type { BenchServer } from './dev-server';
import type { OtlpCollector } from './otlp-collector';

/** What a stack has started and not yet stopped. */
export interface StackParts {
  /** Set by the first stop: a part that finishes starting afterwards is stopped at once. */
  stopped?: boolean;
  server?: BenchServer;
  sim?: SimulatorServer;
  blobDir?: string;
  client?: StackConnection;
  stopWorker?: () => Promise<void>;
  collector?: OtlpCollector;
}

/**
 * Stops what a stack has started, each part once, in the one safe order: the client stops retrying first (its
 * calls still in flight fail once the server goes, and are not retried into a closed channel), then the worker
 * while the server still answers, the simulators, the server, the client's channel once no retry is pending, and
 * the blob directory, and the span collector last (the worker flushes its spans into it as it stops). A part that fails to stop does not keep the others running: the first failure is thrown
 * after every part was stopped.
 */
export async function stopStack(parts: StackParts): Promise<void> {
  parts.stopped = true;
  const { server, sim, blobDir, client, stopWorker, collector } = parts;
  for (const key of ['server', 'sim', 'blobDir', 'client', 'stopWorker', 'collector'] as const) delete parts[key];
  const failures: unknown[] = [];
  const step = async (stop: (() => Promise<void> | void) | undefined): Promise<void> => {
    try {
      await stop?.();
    } catch (err) {
      failures.push(err);
    }
  };
  client?.stopRetrying();
  await step(stopWorker);
  await step(sim && (() => sim.close()));
  await step(server && (() => server.stop()));
  await step(client && (() => client.close()));
  await step(blobDir === undefined ? undefined : () => rmSync(blobDir, { recursive: true, force: true }));
  await step(collector && (() => collector.close()));
  if (failures.length > 0) throw failures[0];
}

/** Keeps a part that has just started; thrown when the stack was stopped meanwhile (the part is stopped too). */
export async function keep<K extends keyof StackParts>(parts: StackParts, key: K, part: StackParts[K]): Promise<void> {
  parts[key] = part;
  if (!parts.stopped) return;
  await stopStack(parts);
  throw new Error('the stack was stopped while it started');
}
