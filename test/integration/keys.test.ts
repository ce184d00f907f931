/**
 * Master key rotation and per-tenant erasure on the real dev server, with a worker whose master keys come from a
 * key file. Rotation (`bulkflow keys rotate`) makes a new primary and rewraps the data keys: jobs written under the
 * old key read normally (result, items, audit, the codec server), with the old key gone from the file, and a job
 * that started before the rotation finishes after it. Erasure (`bulkflow keys erase-tenant`) makes one tenant's
 * payloads unreadable everywhere (history through the client, the audit, blobs), naming the key, while another
 * tenant's jobs read as before.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Payload } from '@temporalio/common';
import { JSONToPayload } from '@temporalio/common/lib/proto-utils';
import type { History, JSONPayload } from '@temporalio/common/lib/proto-utils';
import { buildApp } from '../../src/api/app';
import { sha256Hex } from '../../src/api-keys-config';
import { CLAIM_CHECK_ENCODING, FileBlobStore } from '../../src/claim-check';
import { BulkJobClient } from '../../src/client';
import { tenantTag } from '../../src/job-id';
import { keyFileText, readKeyFile } from '../../src/codec';
import { codecServerCodecs, payloadCodecsFor } from '../../src/data-converter';
import { fileModesOf } from '../../src/fs/shared-files';
import { wrappingUsage } from '../../src/codec/key-admin';
import { createKeyFile } from '../../src/codec/key-file-admin';
import { buildCodecApp } from '../../src/codec/server/app';
import { payloadToJson } from '../../src/codec/server/protocol';
import { loadTemporalConfig } from '../../src/config';
import { runCli } from '../helpers/cli-process';
import { moveUsers, waitFor } from '../helpers/jobs';
import { clientEnv, startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';
import { rejectionOf } from '../helpers/thrown';

const STATUS = 'webex.moveUsers.status';
const org = (name: string): string => `org-${name}-${randomUUID().slice(0, 8)}`;

/** The first payload of the start event (the job's input), as stored. */
function storedInput(history: History): Payload {
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!payload) throw new Error('no input in the start event');
  return payload;
}

/** The encoding a stored payload says it has. */
const encodingOf = (payload: Payload): string => Buffer.from(payload.metadata?.['encoding'] ?? []).toString();

describe('master keys and tenant keys', () => {
  let stack: Stack;
  let dir: string;
  let keyFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulkflow-keys-'));
    keyFile = join(dir, 'keys.json');
    await createKeyFile(keyFile, fileModesOf('private'), 'A');
    stack = await startStack({
      name: 'keys',
      env: {
        BULKFLOW_ENCRYPTION_KEYS: '',
        BULKFLOW_ENCRYPTION_KEY_FILE: keyFile,
        // Blobs from 1 KiB: an erased tenant's blobs must be unreadable too.
        BULKFLOW_CLAIM_CHECK_THRESHOLD_BYTES: '1024',
      },
    });
  });

  afterAll(async () => {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (orgId: string, users = moveUsers(3, 'loc-A', [1])): Promise<string> =>
    stack.jobs.start({ operation: 'webex.moveUsers', input: { orgId, users } }, { requestedBy: 'keys@example.test' });

  it('reads jobs written under the old master key after a rotation, and finishes a job started before it', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 1 });
    const before = await start(org('rotate-before'));
    const beforeResult = await stack.jobs.result(before);
    const storedBefore = storedInput(await stack.client.workflow.getHandle(before).fetchHistory());

    // A job under way: its second status poll is held, after a first one that heartbeat its checkpoint.
    stack.webexMove.setConfig({ pollsToComplete: 2 });
    stack.sim.faults.add(STATUS, { kind: 'hold', accept: false }, 1, 1);
    const during = await stack.jobs.start(
      { operation: 'webex.moveUsers', input: { orgId: org('rotate-during'), users: moveUsers(2, 'loc-B') } },
      { requestedBy: 'keys@example.test', tuning: { pollIntervalMs: 20 } },
    );
    await waitFor('the second poll held', () => stack.sim.faults.held(STATUS) === 1);
    expect((await stack.jobs.progress(during)).polling).toHaveLength(1);

    const rotate = await runCli(['keys', 'rotate', '--id', 'B'], clientEnv(stack));
    expect([rotate.code, rotate.stderr]).toEqual([0, '']);
    expect(rotate.stdout).toContain('new primary master key B');
    expect(await wrappingUsage(join(stack.dir, 'tenant-keys'))).toEqual({ B: expect.any(Number) as number });

    // The worker, started with A alone, reads the rewrapped keys (it reads its key file again) and finishes.
    stack.sim.faults.release(STATUS, 'answer');
    expect((await stack.jobs.result(during)).state).toBe('succeeded');

    // With A retired from the key file, the job written under A reads in full: payloads were never rewritten.
    const keys = readKeyFile(keyFile);
    expect([keys.primary, [...keys.keys.keys()].sort()]).toEqual(['B', ['A', 'B']]);
    writeFileSync(keyFile, keyFileText({ primary: 'B', keys: new Map([['B', keys.keys.get('B') as Buffer]]) }));
    const config = loadTemporalConfig(clientEnv(stack));
    const reader = await BulkJobClient.connectTo(config);
    try {
      expect(await reader.result(before)).toEqual(beforeResult);
      expect((await reader.items(before)).items.map((i) => i.ref)).toEqual(beforeResult.items.map((i) => i.ref));
      expect((await reader.audit(before)).failures).toEqual([expect.objectContaining({ ref: 'FAIL-user-loc-A-1' })]);
    } finally {
      await reader.close();
    }
    const stored = storedInput(await stack.client.workflow.getHandle(before).fetchHistory());
    expect(stored).toEqual(storedBefore);

    const { decode, encode } = codecServerCodecs(config);
    const token = 'keys-test-codec-token-0123456789';
    const codec = buildCodecApp({ codecs: decode, encodeCodecs: encode, namespace: 'default', uiOrigins: [], token });
    const decoded = await codec.inject({
      method: 'POST',
      url: '/decode',
      headers: { 'x-namespace': 'default', authorization: `Bearer ${token}` },
      payload: { payloads: [payloadToJson(stored)] },
    });
    await codec.close();
    const [payload] = decoded.json<{ payloads: { data: string }[] }>().payloads;
    expect(Buffer.from(payload?.data ?? '', 'base64').toString()).toContain('FAIL-user-loc-A-1');
  });

  it("erases one tenant: its history, audit and blobs no longer read, naming the key; another tenant's do", async () => {
    stack.webexMove.setConfig({ pollsToComplete: 1 });
    const [x, y] = [org('erased'), org('kept')];
    const erased = await start(x, moveUsers(20, 'loc-X', [2]));
    const kept = await start(y);
    await Promise.all([stack.jobs.result(erased), stack.jobs.result(kept)]);
    const keyId = `${tenantTag(x)}/1`;
    const history = await stack.client.workflow.getHandle(erased).fetchHistory();
    expect(encodingOf(storedInput(history))).toBe(CLAIM_CHECK_ENCODING);

    const refused = await runCli(['keys', 'erase-tenant', x], clientEnv(stack));
    expect(refused.code).toBe(1);
    const erase = await runCli(['keys', 'erase-tenant', x, '--yes'], clientEnv(stack));
    expect([erase.code, erase.stdout]).toEqual([0, `erased data key ${keyId}\n`]);

    // History through the client, the audit (client, API, CLI): unreadable, naming the key.
    for (const read of [
      () => stack.jobs.result(erased),
      () => stack.jobs.audit(erased),
      () => stack.jobs.get(erased),
    ]) {
      const err = await rejectionOf(read());
      expect(err.message).toContain(keyId);
    }
    const key = 'keys-api-key-0123456789abcdef';
    const app = buildApp({ jobs: stack.jobs, keys: [{ caller: 'auditor', keySha256: sha256Hex(key), tenants: '*' }] });
    const api = await app.inject({
      method: 'GET',
      url: `/v1/jobs/${erased}/audit`,
      headers: { authorization: `Bearer ${key}` },
    });
    await app.close();
    expect(api.statusCode).toBe(410);
    expect(api.body).toContain(keyId);
    const cli = await runCli(['audit', erased], clientEnv(stack));
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(keyId);

    // The blob of its input holds only a payload encrypted under the erased key.
    const ref = JSON.parse(Buffer.from(storedInput(history).data ?? []).toString()) as {
      sha256: string;
      bytes: number;
    };
    const blob = await new FileBlobStore(join(stack.dir, 'blobs')).get(ref);
    const inBlob = JSONToPayload(JSON.parse(Buffer.from(blob).toString()) as JSONPayload);
    const [encryption] = payloadCodecsFor(loadTemporalConfig(clientEnv(stack)));
    await expect(encryption?.decode([inBlob])).rejects.toMatchObject({ name: 'DataKeyNotFoundError', keyId });

    // The other tenant reads as before.
    expect((await stack.jobs.audit(kept)).failures).toEqual([expect.objectContaining({ ref: 'FAIL-user-loc-A-1' })]);
    expect((await stack.jobs.result(kept)).state).toBe('partial');
  });
});
