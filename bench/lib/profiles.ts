/** Reads the newest CPU profile a worker process wrote (into `<results>/profiles`). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { topSelfTime } from './cpu-profile';
import type { CpuProfile, SelfTime } from './cpu-profile';
import { formatNumber } from './stats';
import type { Table } from './table';

/** The top self-time frames of the newest `<dir>/<prefix>*.cpuprofile`; empty when there is none (or no `dir`). */
export function latestProfile(dir: string | undefined, prefix: string, top = 12): SelfTime[] {
  if (dir === undefined || !existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.cpuprofile'))
    .sort();
  const last = files[files.length - 1];
  if (!last) return [];
  return topSelfTime(JSON.parse(readFileSync(join(dir, last), 'utf8')) as CpuProfile, top);
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
