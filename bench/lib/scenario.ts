/** The shape every scenario has: it runs, and returns tables for the terminal and the docs, and raw data. */
import type { RunMode, ScenarioName } from './args';
import type { Table } from './table';

export interface ScenarioOptions {
  /** How big it runs (sizes.ts). */
  readonly mode: RunMode;
  /** Where worker processes write CPU profiles (`<results>/profiles`); absent: no profiling (`--no-profile`). */
  readonly profilesDir?: string;
  readonly capacityTiers?: readonly number[];
  /** The capacity scenario's worker cache (`--worker-cache`); absent: the worker's default. */
  readonly workerCache?: number;
}

export interface ScenarioResult {
  readonly name: ScenarioName;
  readonly tables: readonly Table[];
  /** Everything measured, per run, for the JSON file. */
  readonly data: unknown;
}

export type Scenario = (options: ScenarioOptions) => Promise<ScenarioResult>;

/**
 * Thrown when a scenario's own figures show that it did not run its path (nothing polled, a job that did not end
 * as the simulator was told): a broken scenario, which must fail, never a figure.
 */
export function assertRan(ran: boolean, what: string): void {
  if (!ran) throw new Error(`the scenario did not run its path: ${what}`);
}

/** `task`'s result; thrown when it takes longer than `ms` (the task itself goes on: stop what it started). */
export async function withDeadline<T>(what: string, ms: number, task: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not end within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([task(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves after `ms`. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every `everyMs` until it returns true. Thrown after `timeoutMs`, naming `what`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(everyMs);
  }
}

/** Runs `task` over `items` with at most `concurrency` in flight; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  return results;
}
