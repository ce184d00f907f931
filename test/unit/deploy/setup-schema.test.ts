/**
 * deploy/temporal/setup-schema.sh (the `temporal-schema` job of docker-compose.yml) with a stub `temporal-sql-tool`
 * in PATH: no PostgreSQL runs here, so what is checked is the script's own logic — which commands it runs for which
 * database, that a database that exists is not an error, and that any other failure stops it.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/dev/tools';

const SCRIPT = join(PROJECT_ROOT, 'deploy', 'temporal', 'setup-schema.sh');

interface Run {
  readonly code: number;
  readonly calls: string[];
  readonly stderr: string;
}

/** Runs the script with a stub tool that logs its arguments and fails the calls whose arguments contain `failing`. */
function runSetup(failing: string | undefined, env: Record<string, string> = {}): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'bulkflow-schema-'));
  const log = join(dir, 'calls.log');
  const stub = join(dir, 'temporal-sql-tool');
  writeFileSync(
    stub,
    [
      '#!/bin/sh',
      `echo "$*" >> '${log}'`,
      failing ? `case "$*" in *'${failing}'*) echo "stub refuses: $*" >&2; exit 1;; esac` : '',
      'exit 0',
    ].join('\n'),
  );
  chmodSync(stub, 0o755);
  writeFileSync(log, '');
  const base = {
    PATH: `${dir}:/usr/bin:/bin`,
    POSTGRES_SEEDS: 'postgresql',
    POSTGRES_USER: 'temporal',
    SQL_PASSWORD: 'x',
  };
  return new Promise((done) => {
    execFile('/bin/sh', [SCRIPT], { env: { ...base, ...env } }, (err, _stdout, stderr) => {
      const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      done({ code: err ? Number(err.code ?? 1) : 0, calls, stderr });
    });
  });
}

const PREFIX = '--plugin postgres12 --ep postgresql -p 5432 -u temporal --db';
const SCHEMA = '/etc/temporal/schema/postgresql/v12';

describe('deploy/temporal/setup-schema.sh', () => {
  it('creates both databases, sets them up at 0.0 and updates them from the image’s versioned schema', async () => {
    const run = await runSetup(undefined);
    expect(run.code).toBe(0);
    expect(run.calls).toEqual([
      `${PREFIX} temporal create`,
      `${PREFIX} temporal setup-schema -v 0.0`,
      `${PREFIX} temporal update-schema -d ${SCHEMA}/temporal/versioned`,
      `${PREFIX} temporal_visibility create`,
      `${PREFIX} temporal_visibility setup-schema -v 0.0`,
      `${PREFIX} temporal_visibility update-schema -d ${SCHEMA}/visibility/versioned`,
    ]);
  });

  it('goes on when the databases exist already (every run after the first)', async () => {
    const run = await runSetup(' create');
    expect(run.code).toBe(0);
    expect(run.calls.filter((call) => call.includes('update-schema'))).toHaveLength(2);
  });

  it('stops at the first failed schema step, so the server never starts on a half-upgraded schema', async () => {
    const run = await runSetup('temporal update-schema');
    expect(run.code).not.toBe(0);
    expect(run.calls.at(-1)).toBe(`${PREFIX} temporal update-schema -d ${SCHEMA}/temporal/versioned`);
    expect(run.calls.some((call) => call.includes('temporal_visibility'))).toBe(false);
  });

  it('refuses to run without the database settings, naming the missing one', async () => {
    const run = await runSetup(undefined, { POSTGRES_SEEDS: '' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('POSTGRES_SEEDS');
    expect(run.calls).toEqual([]);
  });
});
