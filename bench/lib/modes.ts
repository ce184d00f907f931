/** Comparing runs of two modes of one measurement (encryption off and on): medians per mode and their ratio. */
import { median, ratio } from './stats';

export interface ModeComparison {
  readonly off: number;
  readonly on: number;
  /** on ÷ off (1 = no cost; below 1 = slower with the mode on, for a rate). */
  readonly ratio: number;
}

/** The median of `pick` over the runs of each mode, and on ÷ off. */
export function compareModes<R extends { readonly encrypted: boolean }>(
  runs: readonly R[],
  pick: (run: R) => number,
): ModeComparison {
  const off = median(runs.filter((r) => !r.encrypted).map(pick));
  const on = median(runs.filter((r) => r.encrypted).map(pick));
  return { off, on, ratio: ratio(on, off) };
}

/** The order of the modes in run `run` (1-based): alternating, so neither always runs first on a warm machine. */
export function modeOrder(run: number): readonly [boolean, boolean] {
  return run % 2 === 1 ? [false, true] : [true, false];
}
