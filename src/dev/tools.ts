/** Paths of the project-local Temporal binaries and the Debian tools installed by scripts/bootstrap.mjs. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const TOOLS_BIN = join(PROJECT_ROOT, '.tools', 'venv', 'bin');
export const TEMPORAL_CLI = join(TOOLS_BIN, 'temporal');
export const TEMPORAL_TEST_SERVER = join(TOOLS_BIN, 'temporal-test-server');
/** Debian's `prometheus` package (apt-get by the bootstrap): the metrics test scrapes a stack with it. */
export const PROMETHEUS = '/usr/bin/prometheus';

/** Returns the path of a bootstrap-installed tool. Thrown when it is missing: run `npm run bootstrap`. */
export function requireTool(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run bootstrap" (installs the project's tools)`);
  return path;
}

/**
 * Dynamic config for local servers. The dev server fires timers (and so activity retries) on a 1 s grid by
 * default; a finer grid lets a poll interval below 1 s be honoured (measured in test/integration/sdk-behaviour).
 */
export const FAST_TIMER_ARGS = ['--dynamic-config-value', 'history.timerProcessorMaxTimeShift="10ms"'];
