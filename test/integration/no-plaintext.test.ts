/**
 * User data is never at rest in plaintext. One job of every operation runs with unique marker values in its user
 * fields (e-mail addresses, names, phone numbers, user and record ids), plus one whose provider refusal echoes a
 * marker into a failure message and one that fails in workflow code with a marker in its error, on a Temporal dev server of its own with a file-backed database, a worker process
 * whose logs go to a file, and the claim check writing blobs from 1 KiB. Every byte written — the SQLite files
 * (with -wal and -shm), the server's log, the blobs, the data keys, the worker's log — is then searched for the
 * markers, as written and in base64: none may show. One job's completion callback URL carries a marker in its path
 * and query, and its receiver fails twice before it accepts, so the worker logs about that callback. One job's provider
 * answer names a user who was not in the batch (a name and an e-mail address in its words), which the worker logs as
 * a warning. Last, a tenant is erased with two jobs between polls: the one that polls again fails at once, the
 * erasure command ends the other. Through the codec everything reads as before, and no search
 * attribute (which codecs never encode) holds a marker.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeHistory, historyFacts } from '../../src/audit';
import type { BulkJobResult, OperationId } from '../../src/domain/job';
import { freePort } from '../../src/dev/free-port';
import { receiverCallbackEnv, startReceiver } from '../helpers/receiver';
import type { Receiver } from '../helpers/receiver';
import { startDevServer } from '../../src/dev/temporal-dev-server';
import type { DevServer } from '../../src/dev/temporal-dev-server';
import { eraseScope } from '../../src/codec/key-admin';
import { fileModesOf } from '../../src/fs/shared-files';
import { tenantTag } from '../../src/job-id';
import { runCli } from '../helpers/cli-process';
import { jobId, rootFailure, waitFor } from '../helpers/jobs';
import { filesUnder, findValues, needlesOf } from '../helpers/plaintext-scan';
import { clientEnv, startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';
import { connectTemporal } from '../helpers/temporal';
import { rejectionOf } from '../helpers/thrown';
import { spawnWorker } from '../helpers/worker-process';
import type { WorkerProcess } from '../helpers/worker-process';

/** The text marker of this run: every user text field carries it. */
const T = `nq${randomBytes(6).toString('hex')}`;
const digits = (n: number): string => Array.from({ length: n }, () => String(randomInt(10))).join('');
const PHONES = ['', '', ''].map(() => `+1${digits(10)}`);
const ZOHO_IDS = ['', '', ''].map(() => `9${digits(18)}`);
/** What the activation-email simulator says about its 2nd and 3rd users (a failure and a skip): provider data. */
const RESEND_USERS = ['user2@example.com', 'user3@example.com', '00000000-0000-4000-8000-000000000002'];
const MARKERS = [T, ...PHONES.map((p) => p.slice(1)), ...ZOHO_IDS, ...RESEND_USERS];

const REQUESTS: ReadonlyArray<{ operation: OperationId; input: unknown }> = [
  {
    operation: 'webex.moveUsers',
    input: {
      users: PHONES.map((phoneNumber, i) => ({
        userId: `${i === 2 ? 'FAIL-' : ''}${T}-move-${i}`,
        locationId: `loc-${T}`,
        phoneNumber,
        extension: `7${digits(3)}`,
      })),
    },
  },
  {
    operation: 'webex.resendActivationEmails',
    input: { orgId: `T3JnTm9QbGFpbnRleHQ${randomBytes(4).toString('hex')}` },
  },
  {
    operation: 'oracle.syncUsers',
    input: {
      added: [0, 1].map((i) => ({
        loginId: `${T}.login.${i}`,
        firstName: `First${T}`,
        lastName: `Last${T}`,
        emailAddress: `${T}.oracle${i}@example.test`,
        employeeNumber: `E-${T}-${i}`,
        disabled: false,
        organization: { name: 'Plaintext Check Ltd' },
      })),
    },
  },
  {
    operation: 'fullstory.importUsers',
    input: {
      users: Array.from({ length: 30 }, (_, i) => ({
        uid: `${i === 4 ? 'FAIL-' : ''}${T}-fs-${i}`,
        email: `${T}.fs${i}@example.test`,
        display_name: `Name ${T} ${i}`,
      })),
    },
  },
  {
    operation: 'zoho.invitePortalUsers',
    input: {
      module: 'Contacts',
      invites: ZOHO_IDS.map((id) => ({ id, userTypeId: '5725767000000407001', type: 'invite' })),
    },
  },
];

describe('no plaintext at rest', () => {
  let dir: string;
  let server: DevServer;
  let stack: Stack;
  let worker: WorkerProcess | undefined;
  let receiver: Receiver;
  const logFile = (): string => join(dir, 'worker.log');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulkflow-no-plaintext-'));
    server = await startDevServer({
      dbFilename: join(dir, 'temporal', 'temporal.db'),
      port: await freePort(),
      uiPort: 0,
      fastTimers: true,
    });
    receiver = await startReceiver([500, 503]);
    stack = await startStack({
      name: 'no-plaintext',
      temporal: await connectTemporal(server.address),
      inProcessWorker: false,
      env: {
        BULKFLOW_CLAIM_CHECK_THRESHOLD_BYTES: '1024',
        BULKFLOW_CALLBACK_SECRET: `callback-secret-${T}`,
        ...receiverCallbackEnv(Number(new URL(receiver.url).port)),
      },
      simulators: {
        'webex.moveUsers': { pollsToComplete: 2 },
        'webex.resendActivationEmails': { pollsToComplete: 2, orgUsers: 4, failUsers: [1], skipUsers: [2] },
        'oracle.syncUsers': { pollsToComplete: 2 },
        'fullstory.importUsers': { pollsToComplete: 2 },
        'zoho.invitePortalUsers': { pollsToComplete: 2 },
      },
    });
    // Bundles its own workflows at start, as src/worker.ts does in production.
    worker = await spawnWorker(stack.env, logFile());
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await stack?.close();
    await server?.stop();
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start: Start = (operation, input, callbackUrl, tuning = { pollIntervalMs: 20 }) =>
    stack.jobs.start(
      { operation, input },
      {
        idempotencyKey: jobId('no-plaintext'),
        requestedBy: 'privacy@example.test',
        tuning,
        ...(callbackUrl !== undefined && { callbackUrl }),
      },
    );

  it('finds the markers nowhere on disk, while every job reads in full through the codec', async () => {
    // The first job reports to a callback URL that names the marker (a receiver's own path and query may hold anything).
    const callbackUrl = `${receiver.url}/${T}-hook?ref=${T}-ref`;
    const ids = await Promise.all(
      REQUESTS.map(({ operation, input }, i) => start(operation, input, i === 0 ? callbackUrl : undefined)),
    );
    const results = await Promise.all(ids.map((id) => stack.jobs.result(id)));
    // A provider refusal that names a user: the failure message carries the marker, encrypted.
    stack.sim.faults.add('webex.moveUsers.start', {
      kind: 'status',
      status: 400,
      body: { error: [{ code: '1029', message: `User ${T}-refused is not in this organization` }] },
    });
    const refused = await start('webex.moveUsers', { users: [{ userId: `${T}-refused`, locationId: 'loc-r' }] });
    const refusal = await stack.jobs.result(refused);
    // A job that fails in workflow code, its error naming user input (a property name): the workflow's own failure
    // is encoded too, because the worker bundled its workflows with bulkflow's failure converter.
    const badName = `${T}-not-a-property-name`;
    const failing = await start('fullstory.importUsers', { users: [{ uid: `${T}-p`, properties: { [badName]: 1 } }] });
    const failure = rootFailure(await rejectionOf(stack.jobs.result(failing)));
    expect([failure.type, failure.message]).toEqual(['InvalidRequestError', expect.stringContaining(badName)]);
    const closing = (await stack.client.workflow.getHandle(failing).fetchHistory()).events?.at(-1);
    const stored = closing?.workflowExecutionFailedEventAttributes?.failure;
    expect([stored?.message, stored?.cause?.message]).toEqual(['Encoded failure', 'Encoded failure']);

    // The markers went in and come back out through the codec: inputs in history, results, items and audits.
    expect(results.map((r: BulkJobResult) => r.state)).toEqual([
      'partial',
      'partial',
      'succeeded',
      'partial',
      'succeeded',
    ]);
    const all = [...ids, refused, failing];
    const decoded = JSON.stringify([
      results,
      refusal,
      await Promise.all(all.map((id) => stack.jobs.audit(id))),
      await Promise.all(all.map((id) => startInput(stack, id))),
    ]);
    expect(MARKERS.filter((marker) => !decoded.includes(marker))).toEqual([]);
    expect(refusal.items[0]?.message).toContain(`${T}-refused`);
    // The callback was delivered on its third attempt, to the URL with the marker.
    expect(receiver.requests.map((r) => r.status)).toEqual([500, 503, 200]);

    // Search attributes are stored as they are (codecs never see them): none may hold user data.
    for (const id of all) {
      const { searchAttributes } = await stack.client.workflow.getHandle(id).describe();
      expect(findValuesIn(JSON.stringify(searchAttributes))).toEqual([]);
    }

    // A provider row naming a user who was not in the batch (a name and an e-mail address in the provider's words)
    // is kept as a warning in the encrypted result; the worker's log says only that there was one.
    const foreign = await runWithForeignRow(stack, start);
    expect(foreign.warnings).toEqual([expect.objectContaining({ kind: 'foreignRow', ref: FOREIGN_USER })]);
    expect(JSON.stringify(foreign.warnings)).toContain(FOREIGN_WORDS);
    await waitFor('the worker to log the foreign row', () => worker?.output().includes(FOREIGN_ROW_LOGGED));
    // A tenant erased with two jobs between polls: one stops at its next poll, the erasure command ends the other. The
    // failures and terminations that follow must not spill the tenant's data either.
    const erased = await eraseTenantWithOpenJobs(stack, start);
    expect(erased).toEqual({ failed: 'DataKeyNotFoundError', ended: 'TERMINATED' });

    // Everything at rest: stop the writers first, so the database and the log are complete.
    await worker?.stop('SIGTERM');
    worker = undefined;
    await server.stop();
    const files = filesUnder([dir, stack.dir]);
    expect(files.filter((f) => f.includes(join('temporal', 'temporal.db'))).length).toBeGreaterThanOrEqual(1);
    expect(statSync(join(dir, 'temporal', 'temporal.db')).size).toBeGreaterThan(100_000);
    expect(readdirSync(join(stack.dir, 'blobs')).length).toBeGreaterThan(0);
    expect(statSync(logFile()).size).toBeGreaterThan(0);
    expect(existsSync(join(stack.dir, 'tenant-keys'))).toBe(true);
    expect(findValues(files, MARKERS)).toEqual([]);
  });
});

type Start = (
  operation: OperationId,
  input: unknown,
  callbackUrl?: string,
  tuning?: { pollIntervalMs: number },
) => Promise<string>;

/** The user a provider's row names although the batch never held them, and the provider's words about them. */
const FOREIGN_USER = `${T}-stranger`;
const FOREIGN_WORDS = `Jane ${T} Doe <${T}.stranger@example.test> is not in this organization`;
/** What the worker logs of a foreign row (src/activities/item-rules.ts): the kind, never the row. */
const FOREIGN_ROW_LOGGED = 'a provider result row names no item of the batch';

/** A Webex move whose error page names, besides nothing of the batch, a user who was never in it. */
async function runWithForeignRow(stack: Stack, start: Start): Promise<BulkJobResult> {
  stack.sim.faults.add(
    'webex.moveUsers.errors',
    {
      kind: 'status',
      status: 200,
      body: {
        items: [
          {
            itemNumber: 1,
            item: FOREIGN_USER,
            error: { key: '400', message: [{ description: FOREIGN_WORDS, code: '19605' }] },
          },
        ],
      },
    },
    1,
  );
  const id = await start('webex.moveUsers', { users: [{ userId: `${T}-mover`, locationId: `loc-${T}` }] });
  return stack.jobs.result(id);
}

/**
 * Two jobs of one tenant, the first carrying the marker: one polls every 5 s, one every 10 minutes. Once both have polled, the
 * tenant's key is erased: the first stops at its next poll (its input no longer opens), then `bulkflow keys
 * erase-tenant` ends the second. Returns how each ended.
 */
async function eraseTenantWithOpenJobs(stack: Stack, start: Start): Promise<{ failed: string; ended: string }> {
  const orgId = `T3JnRXJhc2Vk${randomBytes(4).toString('hex')}`;
  const input = { orgId, users: [{ userId: `${T}-erased`, locationId: `loc-${T}`, phoneNumber: PHONES[0] }] };
  // Two operations: each takes the org's only permit of its own.
  const [stopping, waiting] = await Promise.all([
    start('webex.moveUsers', input, undefined, { pollIntervalMs: 5_000 }),
    start('webex.resendActivationEmails', { orgId }, undefined, { pollIntervalMs: 600_000 }),
  ]);
  const polled = async (id: string): Promise<boolean> => (await stack.jobs.get(id)).polling.length > 0;
  await waitFor('both jobs to poll', async () => (await polled(stopping)) && polled(waiting));
  const encryption = stack.config.temporal.encryption;
  if (!encryption) throw new Error('the stack encrypts');
  await eraseScope(encryption.tenantKeyDir, tenantTag(orgId), fileModesOf('private'));
  const failure = rootFailure(await rejectionOf(stack.jobs.result(stopping)));
  const erase = await runCli(['keys', 'erase-tenant', orgId, '--yes'], clientEnv(stack));
  expect(erase.stdout).toContain(`ended job ${waiting}`);
  return { failed: failure.type ?? '', ended: (await stack.jobs.info(waiting)).status };
}

/** The input a job's workflow started with, decoded from its history through the stack's codecs. */
async function startInput(stack: Stack, id: string): Promise<unknown> {
  const history = await stack.client.workflow.getHandle(id).fetchHistory();
  const facts = historyFacts(await decodeHistory(history, stack.client.options.loadedDataConverter.payloadCodecs));
  return facts.find((fact) => fact.kind === 'started')?.input;
}

/** The markers that show in `text` (as written or in base64). */
function findValuesIn(text: string): string[] {
  const bytes = Buffer.from(text);
  return MARKERS.filter((marker) => needlesOf(marker).some((needle) => bytes.includes(needle)));
}
