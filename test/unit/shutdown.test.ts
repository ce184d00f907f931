import { EventEmitter } from 'node:events';
import { stopOnSignals } from '../../src/shutdown';
import type { ShutdownSignal, SignalHost } from '../../src/shutdown';

interface Logged {
  readonly level: 'info' | 'error';
  readonly obj: unknown;
  readonly msg: string;
}

/** A stand-in for `process`: signals are emitted by hand, and `exited` resolves with the first exit code. */
function fakeHost(): { host: SignalHost; emit(signal: ShutdownSignal): void; exited: Promise<number> } {
  const signals = new EventEmitter();
  let exit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  return {
    host: { once: (signal, listener) => signals.once(signal, listener), exit: (code) => exit(code) },
    emit: (signal) => signals.emit(signal, signal),
    exited,
  };
}

function recordingLog(): { log: { info: jest.Mock; error: jest.Mock }; lines: Logged[] } {
  const lines: Logged[] = [];
  const record = (level: Logged['level']) =>
    jest.fn((obj: unknown, msg: string) => {
      lines.push({ level, obj, msg });
    });
  return { log: { info: record('info'), error: record('error') }, lines };
}

describe('stopOnSignals', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('on %s logs, runs stop and exits 0', async (signal) => {
    const { host, emit, exited } = fakeHost();
    const { log, lines } = recordingLog();
    const stop = jest.fn(() => Promise.resolve());
    stopOnSignals({ name: 'test server', log, stop }, host);
    expect(stop).not.toHaveBeenCalled();
    emit(signal);
    expect(await exited).toBe(0);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([{ level: 'info', obj: { signal }, msg: 'test server stopping' }]);
  });

  it('exits 1 and logs the error when stop rejects', async () => {
    const { host, emit, exited } = fakeHost();
    const { log, lines } = recordingLog();
    const failure = new Error('close failed');
    stopOnSignals({ name: 'test server', log, stop: () => Promise.reject(failure) }, host);
    emit('SIGTERM');
    expect(await exited).toBe(1);
    expect(lines.at(-1)).toEqual({ level: 'error', obj: { err: failure }, msg: 'test server did not stop cleanly' });
  });

  it('exits 1 and logs the error when stop throws before returning a promise', async () => {
    const { host, emit, exited } = fakeHost();
    const { log, lines } = recordingLog();
    const failure = new Error('nothing to close');
    const stop = (): Promise<void> => {
      throw failure;
    };
    stopOnSignals({ name: 'test server', log, stop }, host);
    emit('SIGINT');
    expect(await exited).toBe(1);
    expect(lines.at(-1)).toEqual({ level: 'error', obj: { err: failure }, msg: 'test server did not stop cleanly' });
  });

  it('hears each signal once', async () => {
    const { host, emit, exited } = fakeHost();
    const { log } = recordingLog();
    const stop = jest.fn(() => Promise.resolve());
    stopOnSignals({ name: 'test server', log, stop }, host);
    emit('SIGTERM');
    emit('SIGTERM');
    await exited;
    expect(stop).toHaveBeenCalledTimes(1);
  });
});
