/**
 * Builds the workflow bundle a production worker loads (`BULKFLOW_WORKFLOW_BUNDLE`), once, at image build time:
 * `node dist/build-workflow-bundle.js dist/workflow-bundle.js`. A worker that loads it starts without webpack and
 * runs exactly the workflow code the image was built with (docs/deployment.md#the-workflow-bundle).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundleWorkflows } from './worker-factory';

/** Bundles bulkflow's workflows into `outFile` and returns its absolute path. */
export async function buildWorkflowBundle(outFile: string): Promise<string> {
  const path = resolve(outFile);
  const { code } = await bundleWorkflows();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, code);
  return path;
}

if (require.main === module) {
  const [outFile] = process.argv.slice(2);
  if (outFile === undefined) {
    process.stderr.write('usage: node dist/build-workflow-bundle.js <output file>\n');
    process.exit(2);
  }
  buildWorkflowBundle(outFile).then(
    (path) => process.stdout.write(`workflow bundle written to ${path}\n`),
    (err: unknown) => {
      process.stderr.write(`building the workflow bundle failed: ${String(err)}\n`);
      process.exit(1);
    },
  );
}
