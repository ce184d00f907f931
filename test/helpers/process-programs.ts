/**
 * The worker and the CLI as the tests run them in child processes: `src` compiled to JavaScript once per integration
 * run by global setup, file for file into `.test-dist/` (as the build compiles it into `dist/` for production), so the
 * dozens of worker processes of the crash matrix and the CLI runs do not each compile the source again through tsx
 * (about 3 s of CPU per process). File for file, not one bundle: each module keeps its own `require.main` check and
 * `__dirname`, and packages resolve from the project's node_modules. The folder sits at the root, as `dist/` does, so
 * paths computed from a module's folder point where they do in production.
 */
import { existsSync, readdirSync } from 'node:fs';
import { devNull } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '..', '..');
const SRC = join(ROOT, 'src');
/** Where global setup compiles `src` (git-ignored; rewritten by every run, never removed: runs may overlap). */
export const TEST_DIST = join(ROOT, '.test-dist');

/** The programs tests start as processes, by their path under `src` without the extension. */
const PROGRAMS = {
  worker: 'worker',
  cli: join('cli', 'index'),
  dev: join('dev', 'index'),
  api: join('api', 'server'),
  codec: 'codec-server',
  'workflow-bundler': 'build-workflow-bundle',
} as const;

export type Program = keyof typeof PROGRAMS;

/** Compiles every module of `src` into {@link TEST_DIST}. */
export async function compileForProcesses(): Promise<void> {
  const entryPoints = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(SRC, file));
  await build({
    entryPoints,
    outbase: SRC,
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
