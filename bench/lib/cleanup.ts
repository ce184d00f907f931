/**
 * Everything the harness starts (dev servers, worker processes, simulators) registers how to stop it here, so an
 * error, Ctrl-C or a normal end stops all of it, newest first.
 */
type Stopper = () => Promise<void> | void;

const stoppers = new Map<number, { name: string; stop: Stopper }>();
let nextId = 0;

/** Registers `stop`; returns a function that runs it once and unregisters it. */
export function onCleanup(name: string, stop: Stopper): () => Promise<void> {
  const id = nextId++;
  stoppers.set(id, { name, stop });
  return async () => {
    const entry = stoppers.get(id);
    if (!entry) return;
    stoppers.delete(id);
    await entry.stop();
  };
}

/** Stops everything still registered, newest first; failures are reported and do not stop the others. */
export async function cleanupAll(): Promise<void> {
  const entries = [...stoppers.entries()].reverse();
  stoppers.clear();
  for (const [, { name, stop }] of entries) {
    try {
      await stop();
    } catch (err) {
      console.error(`cleanup of ${name} failed:`, err);
    }
  }
}

/**
 * Runs a harness's `main` as the process: stops everything registered when it ends, fails or is interrupted
 * (Ctrl-C: exit 130, SIGTERM: 143), and exits with `main`'s code (0 when it returns none, 1 when it throws).
 */
export function runMain(main: () => Promise<number | void>): void {
  let stopping = false;
  const shutdown = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await cleanupAll();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(130));
  process.once('SIGTERM', () => void shutdown(143));
  main().then(
    (code) => shutdown(code ?? 0),
    async (err: unknown) => {
      console.error(err);
      await shutdown(1);
    },
  );
}
