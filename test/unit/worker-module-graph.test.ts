/**
 * The worker never loads simulator code: the simulators are test and demo tools, and a worker that loads them ships
 * them into production. The worker's entry modules are required in a fresh Node process (tsx's CommonJS loader, as
 * the crash tests run workers) and every module that process loaded is checked.
 */
import { spawnSync } from 'node:child_process';
import { join, relative, resolve, sep } from 'node:path';
import { OPERATION_IDS } from '../../src/domain/job';

const ROOT = resolve(__dirname, '..', '..');

/** What the worker process loads: its entry (which builds the worker through the factory) and the activities. */
const WORKER_ENTRIES = ['src/worker.ts', 'src/worker-factory.ts', 'src/activities/index.ts'];

/** Loads `entries` in a fresh process and returns every loaded file, relative to the repository, with `/`. */
function loadedModules(entries: readonly string[]): string[] {
  const script = [
    ...entries.map((entry) => `require(${JSON.stringify(join(ROOT, entry))});`),
    'process.stdout.write(JSON.stringify(Object.keys(require.cache)));',
  ].join('\n');
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '--eval', script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`loading ${entries.join(', ')} failed:\n${run.stderr}`);
  const files = JSON.parse(run.stdout) as string[];
  return files.map((file) => relative(ROOT, file).split(sep).join('/'));
}

/**
 * Simulator code: the simulator core, the registry and process entry above it (`src/simulator-*.ts`), and each
 * operation's simulator (its folder, or a `simulator*.ts` file).
 */
function isSimulatorModule(file: string): boolean {
  return /^src\/simulator(\/|-)/.test(file) || /^src\/providers\/[^/]+\/simulator(\/|[-.])/.test(file);
}

describe('the worker module graph', () => {
  let modules: string[];

  beforeAll(() => {
    modules = loadedModules(WORKER_ENTRIES);
  });

  it('loads the worker, its factory, the activities and every provider operation', () => {
    expect(modules).toEqual(expect.arrayContaining([...WORKER_ENTRIES, 'src/providers/registry.ts']));
    expect(modules.filter((file) => /^src\/providers\/[^/]+\/operation\.ts$/.test(file))).toHaveLength(
      OPERATION_IDS.length,
    );
  });

  it('contains no simulator module', () => {
    expect(modules.filter(isSimulatorModule)).toEqual([]);
  });
});
