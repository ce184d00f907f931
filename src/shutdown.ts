/**
 * The one way a bulkflow process stops on SIGINT/SIGTERM (the API, the codec server, the simulator, the dev stack):
 * log, close what the process opened, exit 0, or exit 1 when closing failed. The worker needs none: the SDK's
 * runtime handles its signals.
 */

/** The signals a process stops on. */
export const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type ShutdownSignal = (typeof SHUTDOWN_SIGNALS)[number];

/** The part of `process` the hook uses (a fake stands in for it in tests). */
export interface SignalHost {
  once(signal: ShutdownSignal, listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

/** What the hook writes its two lines with (a pino logger is one): a leaf, it imports no logger of ours. */
export interface StopLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface StopOnSignalsOptions {
  /** Names the process in its log lines: `<name> stopping`, `<name> did not stop cleanly`. */
  readonly name: string;
  readonly log: StopLog;
  /** Closes what the process opened, in order. */
  readonly stop: () => Promise<void>;
}

/**
 * On SIGINT or SIGTERM (each heard once): logs `<name> stopping` with the signal, awaits `stop`, then exits 0; when
 * `stop` throws or rejects, logs `<name> did not stop cleanly` with the error and exits 1.
 */
export function stopOnSignals(options: StopOnSignalsOptions, host: SignalHost = process): void {
  const { name, log, stop } = options;
  const onSignal = (signal: NodeJS.Signals): void => {
    log.info({ signal }, `${name} stopping`);
    Promise.resolve()
      .then(stop)
      .then(
        () => host.exit(0),
        (err: unknown) => {
          log.error({ err }, `${name} did not stop cleanly`);
          host.exit(1);
        },
      );
  };
  for (const signal of SHUTDOWN_SIGNALS) host.once(signal, onSignal);
}
