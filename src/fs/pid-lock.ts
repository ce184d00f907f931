/**
 * A lock file naming the process that holds it: created exclusively, holding the holder's pid, its command line and
 * when it took the lock. A lock whose holder is no longer alive (a `kill -9`, a crash) is stale and taken over, so a
 * crashed process never blocks the next one; a live holder is named in the refusal.
 */
import { unlink } from 'node:fs/promises';
import { z } from 'zod';
import { createExclusive, readIfPresent } from './shared-files';

const PRIVATE = { file: 0o600, dir: 0o700 };

const HolderSchema = z.object({
  pid: z.number().int().positive(),
  startedAt: z.string(),
  command: z.string(),
});

/** The process that holds a lock. */
export type LockHolder = z.infer<typeof HolderSchema>;

/** Thrown when a live process holds the lock `path`. */
export class LockHeldError extends Error {
  override readonly name = 'LockHeldError';
  constructor(
    readonly path: string,
    readonly holder: LockHolder,
    what: string,
  ) {
    super(
      `${what} is in use by process ${holder.pid} (${holder.command}, since ${holder.startedAt}); stop that ` +
        `process first, or delete ${path} if it is not a bulkflow process`,
    );
  }
}

/** True when a process with this pid exists (one of another user counts: signalling it is merely not permitted). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder written in the lock file `path`; undefined when there is none or it does not read as one. */
export async function lockHolderOf(path: string): Promise<LockHolder | undefined> {
  const text = await readIfPresent(path);
  if (text === undefined) return undefined;
  try {
    const parsed = HolderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // A lock file cut short by a crash mid-write: no holder.
    return undefined;
  }
}

export interface PidLock {
  readonly path: string;
  release(): Promise<void>;
}

/**
 * Takes the lock `path` for this process. A stale lock (its holder is gone, or the file does not read) is replaced.
 * Thrown when a live process holds it: `LockHeldError` naming the holder; `what` names the locked thing in it.
 */
export async function acquirePidLock(path: string, what: string): Promise<PidLock> {
  const me: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), command: process.argv.join(' ') };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await createExclusive(path, JSON.stringify(me), PRIVATE)) {
      return { path, release: () => unlink(path).catch(() => undefined) };
    }
    const holder = await lockHolderOf(path);
    if (holder && isProcessAlive(holder.pid)) throw new LockHeldError(path, holder, what);
    await unlink(path).catch(() => undefined);
  }
  // Two processes took over the same stale lock at once, and the other one won.
  const holder = await lockHolderOf(path);
  throw new LockHeldError(path, holder ?? { ...me, pid: 0, command: 'unknown' }, what);
}
