/** Where the harness writes (git-ignored) and reads, and how it starts programs of its own code as processes. */
import { join, resolve } from 'node:path';
import { projectRoot } from '../../src/fs/project-root';

/** The checkout: results and the processes' working folder. */
export const ROOT = projectRoot(__dirname);
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

/**
 * The tree this code runs from, holding `src/` and `bench/`: the checkout when run from source (`tsx bench/index.ts`),
 * `.test-dist/` when the integration tests run the harness compiled (test/helpers/process-programs.ts).
 */
const CODE_ROOT = resolve(__dirname, '..', '..');
const COMPILED = __filename.endsWith('.js');

/**
 * How node starts the program at `path` (relative to the checkout, without the extension, e.g. `src/api/server`) as
 * the harness itself runs: compiled JavaScript from the same tree when the harness is compiled, else the TypeScript
 * source through tsx (which compiles every module again in every process, seconds of CPU each).
 */
export function programArgs(path: string): string[] {
  return COMPILED ? [join(CODE_ROOT, `${path}.js`)] : ['--require', 'tsx/cjs', join(CODE_ROOT, `${path}.ts`)];
}
