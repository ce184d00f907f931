/**
 * Starts ONE real Temporal dev server (the bootstrap-installed CLI) for the whole integration run, and while it starts
 * bundles each set of workflows once (test/helpers/workflow-bundles.ts) and compiles the programs tests start as
 * processes (test/helpers/process-programs.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { FAST_TIMER_ARGS, TEMPORAL_CLI, requireTool } from '../../src/dev/tools';
import { SEARCH_ATTRIBUTES } from '../../src/workflows/definitions';
import { compileForProcesses } from './process-programs';
import { writeWorkflowBundles } from './workflow-bundles';

declare global {
  var __BULKFLOW_TEST_ENV__: TestWorkflowEnvironment | undefined;
  var __BULKFLOW_TEST_BUNDLES__: string | undefined;
}

export default async function globalSetup(): Promise<void> {
  const bundles = mkdtempSync(join(tmpdir(), 'bulkflow-bundles-'));
  globalThis.__BULKFLOW_TEST_BUNDLES__ = bundles;
  const starting = TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: requireTool(TEMPORAL_CLI) },
      searchAttributes: Object.values(SEARCH_ATTRIBUTES),
      extraArgs: FAST_TIMER_ARGS,
    },
  });
  const bundling = Promise.all([writeWorkflowBundles(bundles), compileForProcesses()]);
  // Whichever fails, the other is awaited and the dev server stopped: jest runs no teardown after a failed setup.
  const [started, bundled] = await Promise.allSettled([starting, bundling]);
  if (started.status === 'rejected' || bundled.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.teardown();
    throw started.status === 'rejected' ? started.reason : (bundled as PromiseRejectedResult).reason;
  }
  const env = started.value;
  globalThis.__BULKFLOW_TEST_ENV__ = env;
  process.env['BULKFLOW_TEST_TEMPORAL_ADDRESS'] = env.address;
}
