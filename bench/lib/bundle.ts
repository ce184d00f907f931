/** The benchmark workflow bundle (bulkflow's workflows + baselines), built once per harness run. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../src/data-converter';
import { scratchDir } from './scratch';

let built: Promise<string> | undefined;

/** Names a bundle of these workflows built already (the CI smoke test's global setup builds it with the others). */
export const BUNDLE_VARIABLE = 'BENCH_WORKFLOW_BUNDLE';

/** Path of the bundle file: the one `BENCH_WORKFLOW_BUNDLE` names, else one built in this process's scratch folder. */
export function benchBundlePath(): Promise<string> {
  const prebuilt = process.env[BUNDLE_VARIABLE];
  if (prebuilt) return Promise.resolve(prebuilt);
  built ??= (async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('../workflows'),
      // As the worker bundles its workflows: failures thrown in workflow code are encoded (and encrypted).
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: new DefaultLogger('WARN'),
    });
    const path = join(scratchDir(), 'bench-workflows.js');
    writeFileSync(path, code);
    return path;
  })();
  return built;
}
