/** The benchmark workflow bundle (bulkflow's workflows + baselines), built once per harness run. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../src/data-converter';
import { TRACING_WORKFLOW_MODULES } from '../../src/tracing';
import { scratchDir } from './scratch';

let built: Promise<string> | undefined;

/** Path of the bundle file, in this process's scratch folder. */
export function benchBundlePath(): Promise<string> {
  built ??= (async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('../workflows'),
      // As the worker bundles its workflows: failures thrown in workflow code are encoded (and encrypted).
      failureConverterPath: FAILURE_CONVERTER_PATH,
      // As the worker bundles them: the OpenTelemetry workflow interceptors, whose spans the worker's sink takes.
      workflowInterceptorModules: [...TRACING_WORKFLOW_MODULES],
      logger: new DefaultLogger('WARN'),
    });
    const path = join(scratchDir(), 'bench-workflows.js');
    writeFileSync(path, code);
    return path;
  })();
  return built;
}
