/**
 * The programs tests start as processes (the worker, the CLI, `npm start`'s stack, the benchmark harness): `src` and
 * `bench` compiled to JavaScript once per integration run by global setup, file for file into `.test-dist/src/` and
 * `.test-dist/bench/` (as the build compiles `src` into `dist/` for production), so the dozens of worker processes of
 * the crash matrix, the CLI runs and the benchmark smoke's harness and its processes do not each compile the source
 * again through tsx (about 3 s of CPU per process). File for file, not one bundle: each module keeps its own
 * `require.main` check and `__dirname`, and packages resolve from the project's node_modules. The checkout's root is
 * found from a module's folder by its package.json (src/fs/project-root.ts), so it is the same from either tree.
 */
import { existsSync, readdirSync } from 'node:fs';
import { devNull } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '..', '..');
/** The trees compiled, relative to the checkout. */
const TREES = ['src', 'bench'];
/** Where global setup compiles them (git-ignored; rewritten by every run, never removed: runs may overlap). */
export const TEST_DIST = join(ROOT, '.test-dist');

/** The programs tests start as processes, by their path in the checkout without the extension. */
const PROGRAMS = {
  worker: join('src', 'worker'),
  cli: join('src', 'cli', 'index'),
  dev: join('src', 'dev', 'index'),
  api: join('src', 'api', 'server'),
  codec: join('src', 'codec-server'),
  'workflow-bundler': join('src', 'build-workflow-bundle'),
  /** The benchmark harness (bench/index.ts), which starts its own programs from the same tree (bench/lib/paths.ts). */
  bench: join('bench', 'index'),
} as const;

export type Program = keyof typeof PROGRAMS;

/** Compiles every module of `src` and `bench` into {@link TEST_DIST}, each under its own folder. */
export async function compileForProcesses(): Promise<void> {
  const entryPoints = TREES.flatMap((tree) =>
    readdirSync(join(ROOT, tree), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
      .map((file) => join(ROOT, tree, file)),
  );
  await build({
    entryPoints,
    outbase: ROOT,
    outdir: TEST_DIST,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'error',
  });
}

/**
 * How node starts `program`: its compiled module, with source maps so stack traces name the `.ts` lines.
 * Thrown when global setup did not compile it (only integration tests start processes).
 */
export function processArgs(program: Program): string[] {
  const path = join(TEST_DIST, `${PROGRAMS[program]}.js`);
  if (!existsSync(path)) throw new Error(`the integration global setup did not compile the ${program} (${path})`);
  return ['--enable-source-maps', path];
}

/**
 * `env` without the developer's `TEMPORAL_*` variables, and naming an empty `temporal` CLI config file: a program
 * the tests start reaches the Temporal the test names and no other, whatever the developer's own `temporal` setup.
 */
export function withoutTemporalSetup(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept = Object.entries(env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('TEMPORAL_'),
  );
  return { ...Object.fromEntries(kept), TEMPORAL_CONFIG_FILE: devNull };
}
