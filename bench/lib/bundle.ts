/** The benchmark workflow bundle (bulkflow's workflows + baselines), built once per harness run. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../src/data-converter';
import { RESULTS_DIR } from './paths';

let built: Promise<string> | undefined;

/** Path of the bundle file (bench/results/tmp/bench-workflows.js). */
export function benchBundlePath(): Promise<string> {
  built ??= (async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('../workflows'),
      // As the worker bundles its workflows: failures thrown in workflow code are encoded (and encrypted).
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: new DefaultLogger('WARN'),
    });
    const dir = join(RESULTS_DIR, 'tmp');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'bench-workflows.js');
    writeFileSync(path, code);
    return path;
  })();
  return built;
}
