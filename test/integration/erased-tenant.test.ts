/**
 * A tenant erased while it has a running and a paused job, on the real dev server and simulators. Listings go on for
 * everyone (the admin's, a key that covers the erased tenant, another tenant's, `bulkflow list`), marking the erased
 * jobs; the tenant's jobs started after the erasure read in full. Its running and paused jobs can be cancelled
 * through the API and the CLI without decrypting anything, and a cancel frees the tenant's only Webex
 * activation-email permit at once. `bulkflow keys erase-tenant` itself ends the tenant's running jobs.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '../../src/api-keys-config';
import { JobListSchema, ProblemSchema } from '../../src/api/schemas';
import { startApiServer } from '../../src/api/server';
import type { ApiServer } from '../../src/api/server';
import { tenantTag } from '../../src/client';
import type { JobInfo } from '../../src/client';
import type { OperationId } from '../../src/domain/job';
import { createLogger } from '../../src/logger';
import { runCli } from '../helpers/cli-process';
import { eraseScope } from '../../src/codec/key-admin';
import { fileModesOf } from '../../src/fs/shared-files';
import { moveUsers, rootFailure, waitFor } from '../helpers/jobs';
import { rejectionOf } from '../helpers/thrown';
import { TEST_TOKEN, clientEnv, startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

const ADMIN_KEY = 'erased-tenant-admin-key-0123456789';
const A_AND_B_KEY = 'erased-tenant-a-and-b-key-0123456789';
const A_KEY = 'erased-tenant-a-key-0123456789';
/** A poll every 10 minutes: a job waits between polls with no activity running, as a long provider job does. */
const SLOW = { pollIntervalMs: 600_000 };
const FAST = { pollIntervalMs: 20 };

const org = (name: string): string => `org-${name}-${randomUUID().slice(0, 8)}`;

interface Answer {
  readonly status: number;
  readonly json: Record<string, unknown>;
}

describe('an erased tenant', () => {
  let stack: Stack;
  let api: ApiServer;
  const orgA = org('a');
  const orgB = org('b');
  const orgC = org('c');
  /** The requester of every job here: listings filter on it, the dev server being shared with other files. */
  const who = `erasure-${randomUUID().slice(0, 8)}@example.test`;

  const configDir = mkdtempSync(join(tmpdir(), 'bulkflow-erased-'));

  /**
   * Webex connections of their own, `resend-1` … `resend-5`, one per activation-email job held between two polls: the
   * provider's 429 with a 10-minute `Retry-After` closes the connection that met it for every job of the worker
   * (docs/decisions.md, "One cooldown per provider rate-limit scope"), and every other job must still reach its provider.
   */
  const RESEND_CONNECTIONS = 5;
  let resendConnectionsUsed = 0;
  function resendConnections(url: string): string {
    const file = join(configDir, 'connections.json');
    const connection = { baseUrl: url, token: TEST_TOKEN, tenants: '*' };
    const webex = Object.fromEntries(
      Array.from({ length: RESEND_CONNECTIONS }, (_, i) => [`resend-${i + 1}`, connection]),
    );
    writeFileSync(file, JSON.stringify({ connections: { webex } }));
    return file;
  }

  beforeAll(async () => {
    stack = await startStack({
      name: 'erased-tenant',
      env: (url) => ({ BULKFLOW_CONFIG: resendConnections(url) }),
      simulators: {
        'webex.moveUsers': { pollsToComplete: 2 },
        'webex.resendActivationEmails': { durationMs: 200, orgUsers: 2 },
      },
    });
    const keys = [
      { caller: 'admin', keySha256: sha256Hex(ADMIN_KEY), tenants: '*' as const },
      { caller: 'a-and-b', keySha256: sha256Hex(A_AND_B_KEY), tenants: [orgA, orgB, orgC] },
      { caller: 'a-only', keySha256: sha256Hex(A_KEY), tenants: [orgA] },
    ];
    api = await startApiServer({
      config: { ...stack.config, api: { port: 0, host: '127.0.0.1', keys } },
      jobs: stack.jobs,
      log: createLogger('silent'),
    });
  });

  afterAll(async () => {
    await api.close();
    await stack.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  async function call(method: string, path: string, key: string): Promise<Answer> {
    const response = await fetch(new URL(path, api.url), { method, headers: { authorization: `Bearer ${key}` } });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  const start = (operation: OperationId, input: unknown, tuning = FAST, connection = 'default'): Promise<string> =>
    stack.jobs.start({ operation, connection, input }, { requestedBy: who, tuning });

  /** True once the job polled its provider job (its checkpoint is kept for the next poll, 10 minutes later). */
  const polled = async (id: string): Promise<boolean> => (await stack.jobs.get(id)).polling.length > 0;

  /**
   * A job of `orgId` that holds the org's only activation-email permit, between two polls of its provider job: its
   * first poll is told to come back in 10 minutes, while the provider job ends, so the org is free at Webex again.
   */
  async function runningResend(orgId: string): Promise<string> {
    stack.sim.faults.add('webex.resendActivationEmails.status', { kind: 'status', status: 429, retryAfter: '600' });
    resendConnectionsUsed += 1;
    if (resendConnectionsUsed > RESEND_CONNECTIONS) throw new Error('more held activation-email jobs than connections');
    const id = await start('webex.resendActivationEmails', { orgId }, SLOW, `resend-${resendConnectionsUsed}`);
    await waitFor('the activation-email job to poll its provider job', async () => polled(id));
    return id;
  }

  /** A Move Users job of `orgId`, paused while its provider job runs. */
  async function pausedMove(orgId: string): Promise<string> {
    const id = await start('webex.moveUsers', { orgId, users: moveUsers(2, 'loc-P') }, SLOW);
    await waitFor('the move job to poll its provider job', async () => polled(id));
    await stack.jobs.pause(id, who);
    await waitFor('the move job to be paused', async () => (await stack.jobs.info(id)).state === 'paused');
    return id;
  }

  /** The jobs of this file a key lists through the API. */
  async function listed(key: string): Promise<JobInfo[]> {
    const answer = await call('GET', `/v1/jobs?requestedBy=${encodeURIComponent(who)}&limit=1000`, key);
    expect(answer.status).toBe(200);
    return JobListSchema.parse(answer.json).jobs as JobInfo[];
  }

  const erasedIn = (jobs: readonly JobInfo[]): string[] => jobs.filter((j) => j.dataErased).map((j) => j.jobId);
  const idsOf = (jobs: readonly JobInfo[]): string[] => jobs.map((j) => j.jobId).sort();

  it('lists for everyone after the erasure, and cancels its running and paused jobs through the API and the CLI', async () => {
    const ofA = await start('webex.moveUsers', { orgId: orgA, users: moveUsers(1, 'loc-A') });
    await stack.jobs.result(ofA);
    const running = await runningResend(orgB);
    const paused = await pausedMove(orgB);

    // Offline: the key only, as when Temporal did not answer; the jobs are left running.
    const erase = await runCli(['keys', 'erase-tenant', orgB, '--yes', '--offline'], clientEnv(stack));
    expect([erase.code, erase.stdout]).toEqual([0, expect.stringMatching(/^erased data key t[0-9a-f]{16}\/1\n$/)]);
    // The tenant's jobs under its next key: each waits for the org's only permit of its operation, which the erased
    // running and paused jobs hold.
    const moveAfter = await start('webex.moveUsers', { orgId: orgB, users: moveUsers(1, 'loc-N') });
    const resendAfter = await start('webex.resendActivationEmails', { orgId: orgB });

    const byAdmin = await listed(ADMIN_KEY);
    const byAAndB = await listed(A_AND_B_KEY);
    const byA = await listed(A_KEY);
    expect(idsOf(byAdmin)).toEqual([ofA, running, paused, moveAfter, resendAfter].sort());
    expect(erasedIn(byAdmin).sort()).toEqual([running, paused].sort());
    expect(byAdmin.find((j) => j.jobId === paused)).toMatchObject({ state: 'paused', tenant: orgB });
    expect([idsOf(byAAndB), erasedIn(byAAndB).sort()]).toEqual([idsOf(byAdmin), [running, paused].sort()]);
    expect(idsOf(byA)).toEqual([ofA]);
    // A job under the tenant's next key reads in full; an erased one answers 410.
    expect((await call('GET', `/v1/jobs/${moveAfter}`, A_AND_B_KEY)).status).toBe(200);
    const gone = await call('GET', `/v1/jobs/${paused}`, A_AND_B_KEY);
    expect([gone.status, ProblemSchema.parse(gone.json).code]).toEqual([410, 'DataKeyNotFoundError']);

    const cli = await runCli(['list', '--requested-by', who], clientEnv(stack));
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`${paused}\tpaused (data erased)\t`);

    const cancelled = await call('POST', `/v1/jobs/${running}/cancel`, A_AND_B_KEY);
    expect(cancelled.status).toBe(202);
    const cancel = await runCli(['cancel', paused, '--requested-by', who], clientEnv(stack));
    expect([cancel.code, cancel.stderr]).toEqual([0, '']);

    expect((await stack.jobs.info(running)).status).toBe('TERMINATED');
    expect((await stack.jobs.info(paused)).status).toBe('TERMINATED');
    // Both permits came back with the cancels, not at the semaphores' 5-minute checks.
    const results = await Promise.all([stack.jobs.result(moveAfter), stack.jobs.result(resendAfter)]);
    expect(results.map((r) => r.state)).toEqual(['succeeded', 'succeeded']);
  });

  it('refuses to pause or resume an erased job, naming the erasure', async () => {
    const orgD = org('d');
    const paused = await pausedMove(orgD);
    await runCli(['keys', 'erase-tenant', orgD, '--yes', '--offline'], clientEnv(stack));

    const resume = await call('POST', `/v1/jobs/${paused}/resume`, ADMIN_KEY);
    expect([resume.status, ProblemSchema.parse(resume.json).code]).toEqual([410, 'DataKeyNotFoundError']);
    expect((await call('POST', `/v1/jobs/${paused}/cancel`, ADMIN_KEY)).status).toBe(202);
  });

  it("ends the tenant's running and paused jobs with the erasure, and frees their permits", async () => {
    const running = await runningResend(orgC);
    const paused = await pausedMove(orgC);

    const erase = await runCli(['keys', 'erase-tenant', orgC, '--yes', '--requested-by', who], clientEnv(stack));
    expect(erase.code).toBe(0);
    const ended = erase.stdout.split('\n').filter((line) => line.startsWith('ended job '));
    expect(ended.sort()).toEqual(
      [running, paused].map((id) => `ended job ${id} (its data can no longer be read)`).sort(),
    );
    expect((await stack.jobs.info(running)).status).toBe('TERMINATED');
    expect((await stack.jobs.info(paused)).status).toBe('TERMINATED');
    const next = await Promise.all([
      start('webex.resendActivationEmails', { orgId: orgC }),
      start('webex.moveUsers', { orgId: orgC, users: moveUsers(1, 'loc-C') }),
    ]);
    const results = await Promise.all(next.map((id) => stack.jobs.result(id)));
    expect(results.map((r) => r.state)).toEqual(['succeeded', 'succeeded']);
  });

  it("ends only the jobs whose key is gone: the tenant's jobs under its next key run on", async () => {
    const orgE = org('e');
    const paused = await pausedMove(orgE);
    await runCli(['keys', 'erase-tenant', orgE, '--yes', '--offline'], clientEnv(stack));
    const later = await runningResend(orgE);

    expect(await stack.jobs.endErasedJobs(tenantTag(orgE), who)).toEqual([paused]);
    expect((await stack.jobs.info(paused)).status).toBe('TERMINATED');
    expect((await stack.jobs.info(later)).status).toBe('RUNNING');
    await stack.jobs.cancel(later, who);
  });

  it('fails a job at its first poll after the erasure instead of retrying the poll', async () => {
    const orgF = org('f');
    const id = await start('webex.moveUsers', { orgId: orgF, users: moveUsers(1, 'loc-F') }, { pollIntervalMs: 3_000 });
    await waitFor('the job to poll its provider job', () => polled(id));
    const encryption = stack.config.temporal.encryption;
    if (!encryption) throw new Error('the stack encrypts');
    await eraseScope(encryption.tenantKeyDir, tenantTag(orgF), fileModesOf('private'));

    // Before, the poll was retried for the whole segment (over half an hour): the job now fails at the first one.
    const failure = rootFailure(await rejectionOf(stack.jobs.result(id)));
    expect(failure.type).toBe('DataKeyNotFoundError');
    expect((await stack.jobs.info(id)).dataErased).toBe(true);
  });
});
