/**
 * The `bulkflow` CLI spawned as a real process against the dev server (and, through the worker of this file's
 * stack, the simulators): exit codes by job state, JSON output, CSV errors by row and column, control, help.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BulkJobResult } from '../../src/domain/job';
import { runCli } from '../helpers/cli-process';
import type { CliRun } from '../helpers/cli-process';
import { jobId, waitFor } from '../helpers/jobs';
import { clientEnv, startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';
import { BulkJobClient, jobIdFor } from '../../src/client';
import type { ItemsPage, JobView } from '../../src/client';
import { uniqueTaskQueue } from '../helpers/temporal';

/** The `bulkflow start` commands of examples/README.md, as argument lists. */
const EXAMPLE_COMMANDS = readFileSync(join(__dirname, '..', '..', 'examples', 'README.md'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('bulkflow start '))
  .map((line) => line.split(/\s+/).slice(1));

describe('bulkflow CLI', () => {
  let stack: Stack;
  let dir: string;
  const requester = `cli-${randomUUID().slice(0, 8)}@example.test`;
  const orgId = `org-cli-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    // Every provider job done at its first poll: the examples prove the commands, not the simulators' pace.
    const atFirstPoll = { pollsToComplete: 1 };
    stack = await startStack({
      name: 'cli',
      simulators: {
        'webex.moveUsers': atFirstPoll,
        'webex.resendActivationEmails': atFirstPoll,
        'oracle.syncUsers': atFirstPoll,
        'fullstory.importUsers': atFirstPoll,
        'zoho.invitePortalUsers': atFirstPoll,
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'bulkflow-cli-'));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await stack.close();
  });

  beforeEach(() => {
    stack.sim.reset();
    stack.webexMove.setConfig({ pollsToComplete: 1 });
  });

  function cli(args: readonly string[], stdin?: string): Promise<CliRun> {
    const env = { ...clientEnv(stack), BULKFLOW_REQUESTED_BY: requester };
    return runCli(args, env, stdin);
  }

  function csv(name: string, rows: readonly string[]): string {
    const file = join(dir, name);
    writeFileSync(file, ['userId,locationId,phoneNumber,extension', ...rows].join('\n'));
    return file;
  }

  const start = (file: string, ...extra: string[]) =>
    cli(['start', 'webex.moveUsers', '--input', file, '--set', `orgId=${orgId}`, ...extra]);

  it.each([
    ['succeeded', 0, ['u1,loc-A,,1001', 'u2,loc-A,+14155550100,']],
    ['partial', 2, ['u1,loc-A,,1001', 'FAIL-u2,loc-A,,1002']],
    ['failed', 1, ['FAIL-u1,loc-A,,1001']],
  ])('start --wait --json prints only the %s result and exits %i', async (state, code, rows) => {
    const run = await start(csv(`${state}.csv`, rows), '--wait', '--json');

    expect(run.code).toBe(code);
    const result = JSON.parse(run.stdout) as BulkJobResult;
    expect(result).toMatchObject({ state, operation: 'webex.moveUsers', counts: { total: rows.length } });
    expect(result.items).toHaveLength(rows.length);
  });

  it('names the row and column of a bad CSV value, and starts nothing', async () => {
    const key = jobId('cli-bad');
    const run = await start(csv('bad.csv', ['u1,loc-A,,1001', 'u2,loc-A,555,', 'u3,,,1003']), '-k', key);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad.csv: row 2 (line 3), column "phoneNumber"');
    expect(run.stderr).toContain('bad.csv: row 3 (line 4), column "locationId"');
    expect(run.stdout).toBe('');
    await expect(stack.jobs.info(jobIdFor(orgId, requester, key))).rejects.toMatchObject({ name: 'JobNotFoundError' });
  });

  it('names an unknown column and a row with too many cells', async () => {
    const file = join(dir, 'columns.csv');
    writeFileSync(file, 'userId,locationId,office\nu1,loc-A,HQ\n');
    const unknown = await start(file);
    const ragged = await start(csv('ragged.csv', ['u1,loc-A,,1001,extra']));

    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('line 1, column 3: not a field of users[] items');
    expect(unknown.stderr).not.toContain('office');
    expect(ragged.code).toBe(1);
    expect(ragged.stderr).toMatch(/line 2/);
  });

  it('starts from JSON on stdin, then reads status, items, list and the result of the job', async () => {
    const input = JSON.stringify({
      orgId,
      users: [
        { userId: 'FAIL-a', locationId: 'l' },
        { userId: 'b', locationId: 'l' },
      ],
    });
    const started = await cli(['start', 'webex.moveUsers', '--input', '-', '--json'], input);
    expect(started.code).toBe(0);
    const { jobId: id } = JSON.parse(started.stdout) as { jobId: string };
    await stack.jobs.result(id);

    const result = await cli(['result', id]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('partial');
    const status = JSON.parse((await cli(['status', id, '--json'])).stdout) as { state: string; requestedBy: string };
    expect(status).toMatchObject({ state: 'partial', requestedBy: requester });
    const failed = JSON.parse((await cli(['items', id, '--outcome', 'failed', '--all', '--json'])).stdout) as unknown[];
    expect(failed).toEqual([expect.objectContaining({ ref: 'FAIL-a', outcome: 'failed' })]);
    const listed = await waitFor('the job in the listing', async () => {
      const run = await cli(['list', '--requested-by', requester, '--state', 'partial', '--json']);
      const page = JSON.parse(run.stdout) as { jobs: { jobId: string }[] };
      return page.jobs.some((j) => j.jobId === id) ? page : undefined;
    });
    expect(listed.jobs.length).toBeGreaterThan(0);
  });

  it('cancels a running job; watch then reports it cancelled with exit code 1', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 1_000_000 });
    const started = await start(csv('long.csv', ['u1,loc-A,,1001']), '--json');
    const { jobId: id } = JSON.parse(started.stdout) as { jobId: string };
    await waitFor('the provider job', () => stack.webexMove.jobCount() === 1);

    const cancel = await cli(['cancel', id]);
    const watch = await cli(['watch', id]);

    expect(cancel.code).toBe(0);
    expect(watch.code).toBe(1);
    expect(watch.stdout).toContain('cancelled');
    expect(watch.stdout).toContain(`cancelled by ${requester}`);
  });

  it('takes the idempotency key alone for a job id, and says what an id looks like when no job has the key', async () => {
    const key = jobId('cli-key');
    const started = await start(csv('key.csv', ['u1,loc-A,,1001']), '-k', key, '--json');
    const { jobId: id } = JSON.parse(started.stdout) as { jobId: string };
    await stack.jobs.result(id);

    const status = await waitFor('the job found by its key', async () => {
      const run = await cli(['status', key]);
      return run.code === 0 ? run : undefined;
    });
    const missing = await cli(['status', `${key}-x`]);

    expect(status.stdout).toContain(`job ${id}: succeeded`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`no job has the idempotency key ${key}-x either`);
    expect(missing.stderr).toContain('<tenant tag>.<caller tag>.<idempotency key>');
  });

  it('says that no worker has picked a job up, naming the task queue without pollers; terminated, it says so', async () => {
    const queue = uniqueTaskQueue('cli-no-worker');
    const idle = new BulkJobClient(stack.client, queue);
    const request = { operation: 'webex.moveUsers', input: { orgId, users: [{ userId: 'u1', locationId: 'l' }] } };
    const id = await idle.start(request, { requestedBy: requester });

    const status = await cli(['status', id]);
    await stack.client.workflow.getHandle(id).terminate('no worker: test done');
    const after = JSON.parse((await cli(['status', id, '--json'])).stdout) as JobView;

    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(
      new RegExp(`waiting: no worker has picked this job up for \\d+ s; the task queue ${queue} has no pollers`),
    );
    expect(after.state).toBe('terminated');
  });

  it('lists the users a cancelled job left not done, and an unfiltered listing covers every user', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 1_000_000 });
    // Two locations, two batches; one runs at a time, so the second never starts before the cancel.
    const started = await start(csv('two.csv', ['a1,loc-A,,1001', 'a2,loc-A,,1002', 'b1,loc-B,,1003']), '--json');
    const { jobId: id } = JSON.parse(started.stdout) as { jobId: string };
    await waitFor('the provider job', () => stack.webexMove.jobCount() === 1);
    await cli(['cancel', id]);
    await stack.jobs.result(id).catch(() => undefined);

    const pending = JSON.parse((await cli(['items', id, '--outcome', 'pending', '--json'])).stdout) as ItemsPage;
    const all = JSON.parse((await cli(['items', id, '--json'])).stdout) as ItemsPage;

    expect(pending.items.map((i) => i.ref)).toEqual(expect.arrayContaining(['b1']));
    expect(pending.items.every((i) => i.outcome === 'pending')).toBe(true);
    expect(pending.total).toBe(pending.items.length);
    expect([all.total, all.complete]).toEqual([3, true]);
    expect(all.items.map((i) => i.ref).sort()).toEqual(['a1', 'a2', 'b1']);
  });

  it.each(EXAMPLE_COMMANDS.map((args) => [args[1] ?? '?', args] as const))(
    'starts the example of %s on the simulators',
    async (operation, args) => {
      const run = await cli([...args, '--wait', '--json']);

      expect(run.stderr).toBe('');
      expect([0, 2]).toContain(run.code);
      expect(JSON.parse(run.stdout) as BulkJobResult).toMatchObject({ operation });
    },
  );

  it('shows help with an example for a command, and suggests the closest command for a typo', async () => {
    const help = await cli(['items', '--help']);
    const typo = await cli(['stauts', 'job-1']);

    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('--outcome');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('Did you mean status?');
  });
});
