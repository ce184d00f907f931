/**
 * A Temporal CLI dev server of the benchmark's own: free port, fresh file-backed database, no UI, a fine timer grid
 * and the timer queue's read-rate limit lifted (see SERVER_TUNING).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../src/dev/free-port';
import { startDevServer } from '../../src/dev/temporal-dev-server';
import { scratchDir } from './scratch';

/**
 * Dynamic config on top of src/dev/tools.ts FAST_TIMER_ARGS. The stock dev server reads its timer queue at most
 * ~20 times a second (`history.timerProcessorMaxPollRPS`), which put a ~100-300 ms floor under every activity
 * retry — that is, under every bulkflow poll — once a short burst was used up (measured: 198 ms vs 13.7 ms per
 * retry of a trivial activity). Production clusters tune these; the benchmark lifts them so it measures bulkflow.
 */
export const SERVER_TUNING = [
  'history.timerProcessorMaxTimeShift="10ms"',
  'history.timerProcessorMaxPollRPS=2000',
  'history.timerProcessorMaxPollHostRPS=20000',
  'history.transferProcessorMaxPollRPS=2000',
  'history.transferProcessorMaxPollHostRPS=20000',
];

export interface BenchServer {
  readonly address: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a dev server with a fresh database in `<scratch>/<name>-<port>` (see scratch.ts). The caller stops it: a
 * stack as part of its own ordered stop (stack.ts). Thrown when it does not answer; then nothing is left running.
 */
export async function startBenchServer(name: string): Promise<BenchServer> {
  const port = await freePort();
  const dir = join(scratchDir(), `${name}-${port}`);
  rmSync(dir, { recursive: true, force: true });
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  const server = await startDevServer({
    dbFilename: join(dir, 'temporal.db'),
    port,
    uiPort: 0,
    extraArgs: SERVER_TUNING.flatMap((value) => ['--dynamic-config-value', value]),
  }).catch((err: unknown) => {
    removeDir();
    throw err;
  });
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    // Its database is removed the next moment: a graceful stop (about a second per server) would buy nothing.
    if (!stopped) server.process.kill('SIGKILL');
    return (stopped ??= server.stop().then(removeDir));
  };
  const pid = server.process.pid;
  if (pid === undefined) {
    await stop();
    throw new Error('dev server has no pid');
  }
  return { address: server.address, pid, stop };
}
