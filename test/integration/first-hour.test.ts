/**
 * A new user's first hour beside `npm start` (src/dev/index.ts as a process of its own, on free ports and a data
 * folder of its own): the CLI, run from beside the stack with no bulkflow variable at all, reads a job started through
 * the API and pages a listing across runs; a reader without the keys is told which settings it needs; a job a keyless
 * client started is refused by the worker, visibly in `status`; a 100,000-user import is accepted through the API as
 * a CSV body and from the CLI, and smaller ones run to their end (the full runs are the bench's); a client without the
 * blob store is told the payload limit; a second stack on the same data folder is refused naming the holder, and a
 * busy port is named with its service and variable, without a stack trace.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_API_KEY } from '../../src/dev';
import type { JobView } from '../../src/client';
import type { BulkJobResult } from '../../src/domain/job';
import { readStackDescriptor } from '../../src/stack-descriptor';
import type { StackDescriptor } from '../../src/stack-descriptor';
import { runCli } from '../helpers/cli-process';
import { freeDevPorts, spawnDev } from '../helpers/dev-process';
import type { DevProcess } from '../helpers/dev-process';
import { moveUsers, waitFor } from '../helpers/jobs';

const STARTUP_MS = 90_000;

describe('the first hour beside npm start', () => {
  let root: string;
  let elsewhere: string;
  let dev: DevProcess;
  let stack: StackDescriptor;
  const orgId = `org-first-${randomUUID().slice(0, 8)}`;

  /** The CLI as a new user runs it: from the checkout beside the stack (or `cwd`), no bulkflow variable set. */
  const bulkflow = (args: readonly string[], env: Record<string, string> = {}, cwd = root) =>
    runCli(args, env, '', { cwd, bare: true });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bulkflow-first-hour-'));
    elsewhere = mkdtempSync(join(tmpdir(), 'bulkflow-elsewhere-'));
    dev = spawnDev({ ...(await freeDevPorts()), BULKFLOW_DEV_DATA_DIR: join(root, '.data') });
    const path = join(root, '.data', 'simulated', 'stack.json');
    stack = await waitFor(
      'the stack descriptor',
      () => {
        if (dev.child.exitCode !== null) throw new Error(`npm start exited:\n${dev.output().stderr}`);
        return readStackDescriptor(path)?.descriptor;
      },
      { timeoutMs: STARTUP_MS },
    );
  }, STARTUP_MS + 10_000);

  afterAll(async () => {
    expect(await dev.stop()).toBe(0);
    rmSync(root, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });

  async function startThroughApi(count: number): Promise<string> {
    const response = await fetch(new URL('/v1/jobs', stack.urls.api), {
      method: 'POST',
      headers: { authorization: `Bearer ${DEV_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'webex.moveUsers', input: { orgId, users: moveUsers(count, 'loc-A') } }),
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { jobId: string }).jobId;
  }

  it('lets the CLI read a job started through the API, with no variable set', async () => {
    const id = await startThroughApi(3);
    const result = await bulkflow(['result', id, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout) as BulkJobResult).toMatchObject({ state: 'succeeded', counts: { total: 3 } });
    const status = await bulkflow(['status', id]);
    expect(status.stdout).toContain('succeeded');
  });

  it('pages a listing across CLI runs: the cursor one run prints, the next one reads', async () => {
    await startThroughApi(1);
    await startThroughApi(1);
    const first = await bulkflow(['list', '--limit', '1']);
    expect(first.stderr).toBe('');
    const cursor = /more: --cursor (\S+)/.exec(first.stdout)?.[1];
    expect(cursor).toBeDefined();
    const next = await bulkflow(['list', '--limit', '1', '--cursor', cursor ?? '']);
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(/^1 jobs/m);
  });

  it('tells a reader without the keys which settings it needs, not "Unknown encoding"', async () => {
    const id = await startThroughApi(1);
    const run = await bulkflow(['status', id], { TEMPORAL_ADDRESS: stack.temporal.address }, elsewhere);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/BULKFLOW_ENCRYPTION_KEY_FILE.*BULKFLOW_TENANT_KEY_DIR/);
    expect(run.stderr).not.toContain('Unknown encoding');
  });

  it('refuses, in the worker, a job a client without keys started, and status says why', async () => {
    const input = join(elsewhere, 'users.json');
    writeFileSync(input, JSON.stringify({ orgId, users: moveUsers(2, 'loc-B') }));
    const keyless = { TEMPORAL_ADDRESS: stack.temporal.address };
    const started = await bulkflow(['start', 'webex.moveUsers', '--input', input, '--json'], keyless, elsewhere);
    expect(started.code).toBe(0);
    const { jobId } = JSON.parse(started.stdout) as { jobId: string };
    const view = await waitFor('the refusal', async () => {
      const status = await bulkflow(['status', jobId, '--json']);
      const parsed = JSON.parse(status.stdout) as JobView;
      return parsed.state === 'failed' ? parsed : undefined;
    });
    expect(view.error).toMatchObject({ type: 'PlaintextInputError' });
    expect(view.error?.message).toMatch(
      /BULKFLOW_ENCRYPTION_KEY_FILE.*BULKFLOW_TENANT_KEY_DIR.*BULKFLOW_CLAIM_CHECK_DIR/,
    );
    expect(view.counts.total).toBe(0);
  });

  /** `count` FullStory users as CSV, their uids tagged with `tag`. */
  function fullStoryCsv(count: number, tag: string): string {
    const rows = Array.from({ length: count }, (_, i) => `${tag}-${i},User ${i},user${i}@example.test`);
    return `uid,display_name,email\n${rows.join('\n')}\n`;
  }

  async function startCsvThroughApi(csv: string): Promise<string> {
    const response = await fetch(new URL('/v1/jobs?operation=fullstory.importUsers', stack.urls.api), {
      method: 'POST',
      headers: { authorization: `Bearer ${DEV_API_KEY}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { jobId: string }).jobId;
  }

  /** The job's result, as `bulkflow result --json` waits for it. */
  async function resultOf(jobId: string): Promise<BulkJobResult> {
    const run = await bulkflow(['result', jobId, '--json']);
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout) as BulkJobResult;
  }

  /** Cancels a job: the full 100,000-user runs to their end are the bench's (bench/scenarios/large-request.ts). */
  async function cancel(jobId: string): Promise<void> {
    const run = await bulkflow(['cancel', jobId]);
    expect(run.code).toBe(0);
  }

  it('takes a 100,000-user FullStory import through the API as a CSV body, and runs a 5,000-user one to its end', async () => {
    const big = await startCsvThroughApi(fullStoryCsv(100_000, 'api'));
    await cancel(big);

    const result = await resultOf(await startCsvThroughApi(fullStoryCsv(5_000, 'api-small')));
    expect(result).toMatchObject({ state: 'succeeded', counts: { total: 5_000, succeeded: 5_000 } });
  });

  it('starts a 100,000-user FullStory import with the CLI beside the stack with no variable set, and waits for a 5,000-user one', async () => {
    const big = join(root, 'users-100k.csv');
    writeFileSync(big, fullStoryCsv(100_000, 'cli'));
    const started = await bulkflow(['start', 'fullstory.importUsers', '--input', big, '--json']);
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    const { jobId } = JSON.parse(started.stdout) as { jobId: string };
    await cancel(jobId);

    const small = join(root, 'users-5k.csv');
    writeFileSync(small, fullStoryCsv(5_000, 'cli-small'));
    const run = await bulkflow(['start', 'fullstory.importUsers', '--input', small, '--wait', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as BulkJobResult;
    expect(result).toMatchObject({ state: 'succeeded', counts: { total: 5_000, succeeded: 5_000 } });
  });

  it('tells a client without the blob store that the input is over the payload limit, and the setting', async () => {
    const file = join(elsewhere, 'users.csv');
    writeFileSync(file, fullStoryCsv(40_000, 'keyless'));
    const run = await bulkflow(
      ['start', 'fullstory.importUsers', '--input', file],
      { TEMPORAL_ADDRESS: stack.temporal.address },
      elsewhere,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error: the job's input is [\d.]+ MiB \([\d,]+ bytes\) as a Temporal payload, over Temporal's limit of 2\.0 MiB \(2,097,152 bytes\): .*BULKFLOW_CLAIM_CHECK_DIR/,
    );
    expect(run.stderr).not.toContain('Failed to start Workflow');
  });

  it('refuses a second stack on the same data folder, naming the process that holds it', async () => {
    const second = spawnDev({ ...(await freeDevPorts()), BULKFLOW_DEV_DATA_DIR: join(root, '.data') });
    expect(await second.exited).toBe(1);
    const { stderr } = second.output();
    expect(stderr).toContain(`is in use by process ${String(dev.child.pid)}`);
    expect(stderr).toContain(join(root, '.data', 'simulated'));
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('names a busy port with its service and variable, without a stack trace', async () => {
    const apiPort = new URL(stack.urls.api).port;
    const ports = { ...(await freeDevPorts()), BULKFLOW_API_PORT: apiPort };
    const other = spawnDev({ ...ports, BULKFLOW_DEV_DATA_DIR: join(elsewhere, '.data') });
    expect(await other.exited).toBe(1);
    const { stderr, stdout } = other.output();
    expect(stderr).toContain(`port ${apiPort} (the HTTP API) is in use by another process`);
    expect(stderr).toContain('BULKFLOW_API_PORT');
    expect(`${stdout}${stderr}`).not.toMatch(/^\s+at /m);
  });
});
