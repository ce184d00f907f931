/** How a simulated provider job advances: by status reads (deterministic, for tests) or by wall time (the demo). */
import { z } from 'zod';

/** Default wall time of a simulated job. */
export const DEFAULT_SIM_DURATION_MS = 2_500;

/** The progression fields every operation simulator's config has (spread into its schema). */
export const ProgressionConfigShape = {
  /** The job completes on its N-th status read. Wins over `durationMs`. */
  pollsToComplete: z.number().int().min(1).optional(),
  /** The job completes after this much wall time. */
  durationMs: z.number().int().min(0).optional(),
};

/** The progression fields of every simulator's configuration. */
export interface ProgressionConfig {
  readonly pollsToComplete?: number;
  readonly durationMs?: number;
}

/** How one job progresses, fixed when the job is created. */
export type SimProgression =
  | { readonly kind: 'polls'; readonly n: number }
  | { readonly kind: 'duration'; readonly ms: number };

/** The progression a new job gets under `config`. */
export function progressionOf(
  config: { readonly [K in keyof ProgressionConfig]?: ProgressionConfig[K] | undefined },
  defaultMs = DEFAULT_SIM_DURATION_MS,
): SimProgression {
  if (config.pollsToComplete !== undefined) return { kind: 'polls', n: config.pollsToComplete };
  return { kind: 'duration', ms: config.durationMs ?? defaultMs };
}

/** How far a job is, in [0, 1]: its status reads out of `n`, or its elapsed time out of `ms` (done at once for 0). */
export function progressShare(progression: SimProgression, reads: number, elapsedMs: number): number {
  const p = progression;
  const share = p.kind === 'polls' ? reads / p.n : p.ms === 0 ? 1 : elapsedMs / p.ms;
  return Math.min(1, Math.max(0, share));
}
