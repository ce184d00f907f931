/** Starts ONE real Temporal dev server (the bootstrap-installed CLI) for the whole integration run. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { FAST_TIMER_ARGS, TEMPORAL_CLI, requireTool } from '../../src/dev/tools';
import { SEARCH_ATTRIBUTES } from '../../src/workflows/definitions';

declare global {
  var __BULKFLOW_TEST_ENV__: TestWorkflowEnvironment | undefined;
}

export default async function globalSetup(): Promise<void> {
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: requireTool(TEMPORAL_CLI) },
      searchAttributes: Object.values(SEARCH_ATTRIBUTES),
      extraArgs: FAST_TIMER_ARGS,
    },
  });
  globalThis.__BULKFLOW_TEST_ENV__ = env;
  process.env['BULKFLOW_TEST_TEMPORAL_ADDRESS'] = env.address;
}
