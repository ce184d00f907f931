import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resetPeakRss, sampleProcess } from '../../../bench/lib/proc';

/** A Node process that touched 256 MiB and let it go (its peak RSS far above its RSS); resolves once it has. */
function pastPeak(): Promise<ChildProcess> {
  const script =
    "let b = Buffer.alloc(256 * 2 ** 20, 1); b = undefined; gc(); console.log('ready'); setInterval(() => {}, 1e3);";
  const child = spawn(process.execPath, ['--expose-gc', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ready, fail) => {
    child.stdout.once('data', () => ready(child));
    child.once('exit', (code) => fail(new Error(`exited with ${code}`)));
  });
}

describe('resetPeakRss', () => {
  let child: ChildProcess | undefined;
  afterEach(() => child?.kill());

  it("brings a process's peak RSS down to its current RSS, so the next peak read is of what follows", async () => {
    child = await pastPeak();
    const pid = child.pid ?? 0;
    const before = sampleProcess(pid);
    expect(before.peakRssBytes).toBeGreaterThan(before.rssBytes + 128 * 2 ** 20);
    resetPeakRss(pid);
    const after = sampleProcess(pid);
    expect(after.peakRssBytes).toBeLessThan(before.rssBytes + 16 * 2 ** 20);
  });
});
