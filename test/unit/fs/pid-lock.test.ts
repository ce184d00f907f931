/** The pid lock: one live holder, named in the refusal; a dead holder's lock taken over; released on demand. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquirePidLock, isProcessAlive, lockHolderOf } from '../../../src/fs/pid-lock';

describe('acquirePidLock', () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pid-lock-'));
    path = join(dir, 'stack.lock');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes this process as the holder, private, and removes the file on release', async () => {
    const lock = await acquirePidLock(path, 'the data folder');
    expect(await lockHolderOf(path)).toEqual(expect.objectContaining({ pid: process.pid }));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await lock.release();
    expect(await lockHolderOf(path)).toBeUndefined();
  });

  it('refuses while a live process holds it, naming the process and the lock file', async () => {
    const lock = await acquirePidLock(path, 'the data folder');
    const second = acquirePidLock(path, 'the data folder');
    await expect(second).rejects.toMatchObject({ name: 'LockHeldError', holder: { pid: process.pid } });
    await expect(second).rejects.toThrow(`the data folder is in use by process ${process.pid}`);
    await expect(second).rejects.toThrow(path);
    await lock.release();
  });

  it('takes over the lock of a process that is gone, and a lock file that does not read', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    expect(isProcessAlive(gone)).toBe(false);
    writeFileSync(path, JSON.stringify({ pid: gone, startedAt: '2026-12-07T06:00:00Z', command: 'node old' }));
    await (await acquirePidLock(path, 'the data folder')).release();
    writeFileSync(path, '{"pid": 12');
    const lock = await acquirePidLock(path, 'the data folder');
    expect(await lockHolderOf(path)).toEqual(expect.objectContaining({ pid: process.pid }));
    await lock.release();
  });
});
