/** Clock ticks per second of /proc CPU counters (`getconf CLK_TCK`), read once. */
import { execFileSync } from 'node:child_process';

let ticks: number | undefined;

export function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      // getconf is missing on minimal images; 100 is the Linux default on every common architecture.
      ticks = 100;
    }
  }
  return ticks;
}
