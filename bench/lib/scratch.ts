/**
 * Where a harness process writes what is not a result: dev server databases, blob stores, the workflow bundle. One
 * folder per process, removed when the process ends, so two harnesses at once (a developer's run and the CI smoke
 * test, in the same worktree or not) never share a file.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { onHarnessCleanup } from './cleanup';
import { RESULTS_DIR } from './paths';

/**
 * Where scratch folders go: `BENCH_DB_DIR`, else tmpfs (/dev/shm) when there is one, else bench/results/tmp. On
 * this machine's virtual disk, SQLite's fsyncs cut the server's throughput of activity attempts to about a third
 * (measured: 55 vs 151 attempts/s), which would make the disk, not Temporal or bulkflow, the thing measured.
 */
export function scratchRoot(): string {
  const configured = process.env['BENCH_DB_DIR'];
  if (configured) return configured;
  return existsSync('/dev/shm') ? join('/dev/shm', 'bulkflow-bench') : join(RESULTS_DIR, 'tmp');
}

const RUN_FOLDER = /^run-(\d+)-/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the folders of harness processes that are gone without removing theirs (killed with SIGKILL). */
function removeOrphans(root: string): void {
  for (const name of readdirSync(root)) {
    const pid = Number(RUN_FOLDER.exec(name)?.[1] ?? Number.NaN);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid))
      rmSync(join(root, name), { recursive: true, force: true });
  }
}

let folder: string | undefined;

/** This process's scratch folder (`<root>/run-<pid>-XXXXXX`), made on first use and removed when the harness ends. */
export function scratchDir(): string {
  if (folder) return folder;
  const root = scratchRoot();
  mkdirSync(root, { recursive: true });
  removeOrphans(root);
  const made = mkdtempSync(join(root, `run-${process.pid}-`));
  folder = made;
  onHarnessCleanup('scratch folder', () => rmSync(made, { recursive: true, force: true }));
  return made;
}
