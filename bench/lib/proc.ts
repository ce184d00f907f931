/** CPU time and memory of another process, read from /proc (Linux). */
import { readFileSync, writeFileSync } from 'node:fs';
import { clockTicks } from './clock-ticks';

export interface ProcSample {
  /** User + system CPU time consumed so far, in ms. */
  readonly cpuMs: number;
  readonly rssBytes: number;
  /** Peak resident set size so far (VmHWM). */
  readonly peakRssBytes: number;
  readonly at: number;
}

function kbField(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match?.[1] ? Number(match[1]) * 1024 : Number.NaN;
}

/** Samples `pid`. Thrown when the process is gone. */
export function sampleProcess(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    cpuMs: (ticks * 1000) / clockTicks(),
    rssBytes: kbField(status, 'VmRSS'),
    peakRssBytes: kbField(status, 'VmHWM'),
    at: Date.now(),
  };
}

/**
 * Resets `pid`'s peak RSS (VmHWM) to its current RSS (Linux `clear_refs`, value 5), so the next peak read is the
 * peak of what follows: one worker's peak per job when several jobs run on it one after another.
 * Thrown when the process is gone or not ours.
 */
export function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** CPU used between two samples as a share of one core (1.0 = one core busy). */
export function coresUsed(from: ProcSample, to: ProcSample): number {
  const wall = to.at - from.at;
  return wall > 0 ? (to.cpuMs - from.cpuMs) / wall : Number.NaN;
}
