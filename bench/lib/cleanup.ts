/**
 * Everything the harness starts (dev servers, worker processes, stacks) registers how to stop it here, in the
 * cleanup scope it was started in. A scenario runs in a scope of its own, stopped when the scenario ends, however
 * it ends: a scenario's cleanup never touches what another started. An error, Ctrl-C, a crash or the normal end
 * stops every scope, newest first.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

type Stopper = () => Promise<void> | void;

interface Scope {
  readonly name: string;
  readonly entries: Map<number, { readonly name: string; readonly stop: Stopper }>;
  /** Stopped: what registers now (a scenario still running past its end) is stopped at once. */
  closed: boolean;
}

const root: Scope = { name: 'harness', entries: new Map(), closed: false };
const scopes = new Set<Scope>([root]);
const current = new AsyncLocalStorage<Scope>();
let nextId = 0;

/**
 * Registers `stop` in the current scope; returns a function that runs it once and unregisters it. Thrown when the
 * scope was already stopped (its scenario has ended): `stop` then runs at once.
 */
export function onCleanup(name: string, stop: Stopper): () => Promise<void> {
  const scope = current.getStore() ?? root;
  const id = nextId++;
  scope.entries.set(id, { name, stop });
  const run = async (): Promise<void> => {
    if (scope.entries.delete(id)) await stop();
  };
  if (scope.closed) {
    run().catch((err: unknown) => console.error(`cleanup of ${name} failed:`, err));
    throw new Error(`${name} was started after ${scope.name} had ended; stopped it`);
  }
  return run;
}

/** Registers `stop` with the harness itself, whatever scope is current: for what every scenario shares. */
export function onHarnessCleanup(name: string, stop: Stopper): () => Promise<void> {
  return current.run(root, () => onCleanup(name, stop));
}

async function stopScope(scope: Scope): Promise<void> {
  scope.closed = true;
  const entries = [...scope.entries.entries()].reverse();
  scope.entries.clear();
  for (const [, { name, stop }] of entries) {
    try {
      await stop();
    } catch (err) {
      console.error(`cleanup of ${name} failed:`, err);
    }
  }
}

/** Runs `task` in a cleanup scope of its own, and stops whatever it left registered when it ends or throws. */
export async function inCleanupScope<T>(name: string, task: () => Promise<T>): Promise<T> {
  const scope: Scope = { name, entries: new Map(), closed: false };
  scopes.add(scope);
  try {
    return await current.run(scope, task);
  } finally {
    await stopScope(scope);
    scopes.delete(scope);
  }
}

/** Stops everything still registered in every scope, newest first; failures are reported and do not stop the others. */
export async function cleanupAll(): Promise<void> {
  for (const scope of [...scopes].reverse()) await stopScope(scope);
}

/**
 * Runs a harness's `main` as the process: stops everything registered when it ends, fails, crashes (an uncaught
 * exception or rejection: exit 1) or is interrupted (Ctrl-C: exit 130, SIGTERM: 143), and exits with `main`'s
 * code (0 when it returns none, 1 when it throws).
 */
export function runMain(main: () => Promise<number | void>): void {
  let stopping = false;
  const shutdown = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await cleanupAll();
    process.exit(code);
  };
  const crash = (err: unknown): void => {
    console.error('crashed:', err);
    void shutdown(1);
  };
  // `on`, not `once`: Ctrl-C reaches the process twice under tsx (the terminal's, then tsx's relay), and a second
  // signal with no listener left would end the process in the middle of its cleanup.
  process.on('SIGINT', () => void shutdown(130));
  process.on('SIGTERM', () => void shutdown(143));
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  main().then(
    (code) => shutdown(code ?? 0),
    async (err: unknown) => {
      console.error(err);
      await shutdown(1);
    },
  );
}
