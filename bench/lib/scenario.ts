/** The shape every scenario has: it runs, and returns tables for the terminal and the docs, and raw data. */
import type { ScenarioName } from './args';
import type { Table } from './table';

export interface ScenarioOptions {
  readonly quick: boolean;
  readonly profile: boolean;
  readonly capacityTiers?: readonly number[];
}

export interface ScenarioResult {
  readonly name: ScenarioName;
  readonly tables: readonly Table[];
  /** Everything measured, per run, for the JSON file. */
  readonly data: unknown;
}

export type Scenario = (options: ScenarioOptions) => Promise<ScenarioResult>;

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
