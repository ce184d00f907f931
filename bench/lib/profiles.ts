/**
 * Reads the newest CPU profiles a worker process wrote (into `<results>/profiles/<name>-<stamp>/`, one file per
 * thread as `node --cpu-prof` names them: `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`, thread 0 the main
 * thread). The SDK runs workflow code in threads of its own, so their profiles are where workflow tasks spend CPU.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { topSelfTime } from './cpu-profile';
import type { CpuProfile, SelfTime } from './cpu-profile';
import { formatNumber } from './stats';
import type { Table } from './table';

/** The thread id in a profile file name node gave it; `undefined` for any other name. */
export function threadOf(file: string): number | undefined {
  const match = /^CPU\.\d+\.\d+\.\d+\.(\d+)\.\d+\.cpuprofile$/.exec(file);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** The profile files of the newest `<dir>/<prefix>*` folder, by thread id. */
function newestProfiles(dir: string | undefined, prefix: string): Map<number, string> {
  if (dir === undefined || !existsSync(dir)) return new Map();
  const folders = readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && statSync(join(dir, f)).isDirectory())
    .sort();
  const last = folders[folders.length - 1];
  if (!last) return new Map();
  return new Map(
    readdirSync(join(dir, last)).flatMap((file) => {
      const thread = threadOf(file);
      return thread === undefined ? [] : [[thread, join(dir, last, file)] as const];
    }),
  );
}

function summary(file: string, top: number): SelfTime[] {
  return topSelfTime(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top);
}

/** The top self-time frames of the newest profile's main thread; empty when there is none (or no `dir`). */
export function latestProfile(dir: string | undefined, prefix: string, top = 12): SelfTime[] {
  const main = newestProfiles(dir, prefix).get(0);
  return main === undefined ? [] : summary(main, top);
}

/** The top self-time frames of each other thread of the newest profile (the SDK's workflow threads), by thread id. */
export function latestThreadProfiles(
  dir: string | undefined,
  prefix: string,
  top = 12,
): Array<{ readonly thread: number; readonly top: SelfTime[] }> {
  return [...newestProfiles(dir, prefix)]
    .filter(([thread]) => thread !== 0)
    .sort((a, b) => a[0] - b[0])
    .map(([thread, file]) => ({ thread, top: summary(file, top) }));
}

/** The table of a worker's top self-time frames (none when there is no profile). */
export function profileTables(title: string, hot: readonly SelfTime[]): Table[] {
  if (hot.length === 0) return [];
  return [
    {
      title,
      columns: ['function (file:line)', 'self ms', 'share'],
      rows: hot.map((h) => [h.frame, formatNumber(h.selfMs), `${(h.share * 100).toFixed(1)}%`]),
    },
  ];
}
