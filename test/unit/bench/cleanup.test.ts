import { cleanupAll, inCleanupScope, onCleanup } from '../../../bench/lib/cleanup';

/** A promise and the function that resolves it: a task that keeps running until the test lets it go. */
function gate(): { promise: Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('inCleanupScope', () => {
  it('stops what the task left running when it ends, newest first', async () => {
    const stopped: string[] = [];
    await inCleanupScope('scenario', async () => {
      onCleanup('server', () => void stopped.push('server'));
      onCleanup('worker', () => void stopped.push('worker'));
    });
    expect(stopped).toEqual(['worker', 'server']);
  });

  it('stops what a failing task left running, and rethrows its error', async () => {
    const stopped: string[] = [];
    const failing = inCleanupScope('scenario', async () => {
      onCleanup('server', () => void stopped.push('server'));
      throw new Error('scenario broke');
    });
    await expect(failing).rejects.toThrow('scenario broke');
    expect(stopped).toEqual(['server']);
  });

  it('never stops what another scope started', async () => {
    const stopped: string[] = [];
    await inCleanupScope('harness', async () => {
      onCleanup('harness folder', () => void stopped.push('harness folder'));
      await inCleanupScope('first', async () => {
        onCleanup('first server', () => void stopped.push('first server'));
      });
      await inCleanupScope('second', async () => {
        onCleanup('second server', () => void stopped.push('second server'));
        throw new Error('second broke');
      }).catch(() => undefined);
      expect(stopped).toEqual(['first server', 'second server']);
    });
    expect(stopped).toEqual(['first server', 'second server', 'harness folder']);
  });

  it('keeps the scope of a task across its awaits', async () => {
    const stopped: string[] = [];
    await inCleanupScope('scenario', async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      onCleanup('late server', () => void stopped.push('late server'));
    });
    expect(stopped).toEqual(['late server']);
  });

  it('stops at once, and throws, what a task starts after its scope ended', async () => {
    const stopped: string[] = [];
    const later = gate();
    let straggler: Promise<unknown> = Promise.resolve();
    await inCleanupScope('scenario', async () => {
      // Still running when the scope ends, as a scenario past its deadline.
      straggler = later.promise.then(() => onCleanup('straggler', () => void stopped.push('straggler')));
    });
    later.release();
    await expect(straggler).rejects.toThrow('straggler was started after scenario had ended');
    expect(stopped).toEqual(['straggler']);
  });

  it('runs a stopper once, whether called by its owner or by the scope', async () => {
    let stops = 0;
    await inCleanupScope('scenario', async () => {
      const stop = onCleanup('server', () => void (stops += 1));
      await stop();
      await stop();
    });
    expect(stops).toBe(1);
  });
});

// Last: it ends the harness's own scope for the rest of this file.
describe('cleanupAll', () => {
  it('stops every scope still open, newest first, then stops at once what registers afterwards', async () => {
    const stopped: string[] = [];
    const scenario = gate();
    const running = inCleanupScope('scenario', async () => {
      onCleanup('scenario server', () => void stopped.push('scenario server'));
      await scenario.promise;
    });
    onCleanup('harness folder', () => void stopped.push('harness folder'));
    await cleanupAll();
    expect(stopped).toEqual(['scenario server', 'harness folder']);
    expect(() => onCleanup('late', () => void stopped.push('late'))).toThrow(
      'late was started after harness had ended',
    );
    scenario.release();
    await running;
    expect(stopped).toEqual(['scenario server', 'harness folder', 'late']);
  });
});
