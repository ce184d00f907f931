/** Connection to the dev server started by global-setup, and workers for integration tests. */
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { NativeConnection } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { connectClient, plainEndpoint } from '../../src/temporal-connection';
import { connectWorker } from '../../src/temporal-connection/native';
import { bundleWorkflows } from '../../src/worker-factory';

let runtimeInstalled = false;

/** Keeps the SDK quiet in tests (warnings and errors only). */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Already installed by another suite in this jest worker process.
  }
}

export function testAddress(): string {
  const address = process.env['BULKFLOW_TEST_TEMPORAL_ADDRESS'];
  if (!address) throw new Error('the integration global setup did not start a Temporal dev server');
  return address;
}

export interface TestTemporal {
  readonly address: string;
  readonly client: Client;
  readonly nativeConnection: NativeConnection;
  close(): Promise<void>;
}

/** Connects to `address` (default: the dev server global-setup started). */
export async function connectTemporal(address = testAddress()): Promise<TestTemporal> {
  quietRuntime();
  // Plain text to the dev server: a developer's `temporal` profile or TEMPORAL_* variables never redirect a test.
  const connection = await connectClient(plainEndpoint(address));
  const nativeConnection = await connectWorker(plainEndpoint(address));
  return {
    address,
    client: new Client({ connection }),
    nativeConnection,
    async close() {
      await nativeConnection.close();
      await connection.close();
    },
  };
}

/** A task queue of its own per test file, so suites never steal each other's tasks. */
export function uniqueTaskQueue(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * Workflows bundled as the worker bundles them: with bulkflow's failure converter (failures encoded) and the
 * OpenTelemetry workflow interceptors.
 */
export function bundle(workflowsPath: string): Promise<WorkflowBundleWithSourceMap> {
  quietRuntime();
  return bundleWorkflows(workflowsPath);
}
