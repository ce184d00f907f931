/** Builders and waiters for integration tests. Waiters poll a condition; they never sleep a fixed time. */
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';

export interface MoveUser {
  userId: string;
  locationId: string;
  phoneNumber?: string;
  extension?: string;
}

/** `count` users moving to `locationId`; users at the given indexes get a userId the simulator fails. */
export function moveUsers(count: number, locationId: string, failing: readonly number[] = []): MoveUser[] {
  return Array.from({ length: count }, (_, i) => ({
    userId: `${failing.includes(i) ? 'FAIL-' : ''}user-${locationId}-${i}`,
    locationId,
    extension: String(1000 + i),
  }));
}

export function jobId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** Waits until `check` returns a value (not undefined/false), polling every `everyMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 30_000, everyMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The ApplicationFailure behind a failed workflow (through an ActivityFailure when there is one). */
export function rootFailure(err: unknown): ApplicationFailure {
  if (!(err instanceof WorkflowFailedError)) throw err;
  const cause = err.cause instanceof ActivityFailure ? err.cause.cause : err.cause;
  if (!(cause instanceof ApplicationFailure)) throw err;
  return cause;
}

/** Gaps in ms between consecutive timestamps. */
export function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] ?? t));
}
