/**
 * The workflow bundles of an integration run. Each distinct set of workflows is bundled once, by global setup, into
 * a folder whose path reaches every jest worker through the environment; in-process workers, replays and worker
 * processes all load the same files (`{ codePath }`, as `BULKFLOW_WORKFLOW_BUNDLE` does in production).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundle } from './temporal';

const ROOT = resolve(__dirname, '..', '..');

/** Every set of workflows a test runs, by name. */
export const WORKFLOW_SETS = {
  /** bulkflow's own workflows, bundled as the production worker bundles them. */
  production: require.resolve(join(ROOT, 'src', 'workflows')),
  /** The semaphore with test-only requesters. */
  semaphore: require.resolve('./semaphore-workflows'),
  /** The SDK behaviour probes. */
  probe: require.resolve('./probe-workflows'),
  /** The benchmark's: bulkflow's workflows and the baselines (bench/lib/bundle.ts), for the smoke test's harness. */
  bench: require.resolve(join(ROOT, 'bench', 'workflows')),
} as const;

export type WorkflowSet = keyof typeof WORKFLOW_SETS;

const DIR_VARIABLE = 'BULKFLOW_TEST_BUNDLE_DIR';

function fileOf(dir: string, set: string): string {
  return join(dir, `${set}.js`);
}

/** Bundles every set into `dir` and tells the jest workers (started after global setup) where they are. */
export async function writeWorkflowBundles(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const [set, path] of Object.entries(WORKFLOW_SETS)) {
    const { code } = await bundle(path);
    writeFileSync(fileOf(dir, set), code);
  }
  process.env[DIR_VARIABLE] = dir;
}

/** The path of a prebuilt bundle (for `BULKFLOW_WORKFLOW_BUNDLE` of a worker process). */
export function workflowBundlePath(set: WorkflowSet): string {
  const dir = process.env[DIR_VARIABLE];
  if (!dir) throw new Error(`the integration global setup did not bundle the workflows (${DIR_VARIABLE} unset)`);
  const path = fileOf(dir, set);
  if (!existsSync(path)) throw new Error(`no prebuilt workflow bundle '${set}' at ${path}`);
  return path;
}

/** A prebuilt bundle, as `workflowBundle` of `Worker.create` and the replay functions take it. */
export function prebuiltBundle(set: WorkflowSet): { codePath: string } {
  return { codePath: workflowBundlePath(set) };
}
