/** The encryption codec on a real key directory: round trip, tamper detection, key selection, clear errors. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Payload, SerializationContext } from '@temporalio/common';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA, isEncrypted, keyIdOf } from '../../../src/codec';
import type { EncryptionCodec } from '../../../src/codec';
import { jobIdFor, tenantTag } from '../../../src/job-id';
import { rejectionOf as thrown } from '../../helpers/thrown';
import { codecOn, masterKeys } from './keys';

const MARKER = 'marker-3f9a1c-alice@example.test';
const value = { users: [{ email: MARKER, displayName: 'Alice Marker-3f9a1c', phone: '+31 20 555 0199' }] };
const toPayload = (v: unknown): Payload => defaultPayloadConverter.toPayload(v);
const fromPayload = (p: Payload | undefined): unknown => defaultPayloadConverter.fromPayload(p as Payload);
const workflow = (workflowId: string): SerializationContext => ({ type: 'workflow', namespace: 'default', workflowId });
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('latin1');

describe('EncryptionCodec', () => {
  let dir: string;
  let codec: EncryptionCodec;
  const jobOfAcme = jobIdFor('acme', 'ops@example.test');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'codec-'));
    codec = codecOn(join(dir, 'keys'), masterKeys('k1'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('decodes what it encoded, payload by payload, metadata and all', async () => {
    const payloads = [toPayload(value), toPayload(null), toPayload(new Uint8Array([0, 1, 255])), toPayload('x')];
    const encoded = await codec.encode(payloads, workflow(jobOfAcme));
    expect(encoded.every(isEncrypted)).toBe(true);
    expect(await codec.decode(encoded)).toEqual(payloads);
  });

  it('leaves no plaintext byte of the value or its encoding in the encrypted payload', async () => {
    const [encoded] = await codec.encode([toPayload(value)], workflow(jobOfAcme));
    const stored =
      text(encoded?.data) +
      Object.values(encoded?.metadata ?? {})
        .map(text)
        .join('');
    for (const fragment of [MARKER, 'alice', 'Marker-3f9a1c', '555 0199', 'json/plain', 'users']) {
      expect(stored).not.toContain(fragment);
    }
  });

  it("picks the tenant's data key from the tenant tag of the context's workflow id (workflow and activity)", async () => {
    const [fromWorkflow] = await codec.encode([toPayload(value)], workflow(jobOfAcme));
    const activity: SerializationContext = {
      type: 'activity',
      namespace: 'default',
      workflowId: jobOfAcme,
      isLocal: false,
    };
    const [fromActivity] = await codec.encode([toPayload(value)], activity);
    const [otherTenant] = await codec.encode([toPayload(value)], workflow(jobIdFor('globex', 'ops@example.test')));
    expect(keyIdOf(fromWorkflow as Payload)).toBe(`${tenantTag('acme')}/1`);
    expect(keyIdOf(fromActivity as Payload)).toBe(`${tenantTag('acme')}/1`);
    expect(keyIdOf(otherTenant as Payload)).toBe(`${tenantTag('globex')}/1`);
  });

  it.each([
    ['no context', undefined],
    ['a tenant semaphore', workflow('semaphore/bulkflow/webex.moveUsers:org-1')],
    ['a job id from before the rule', workflow('move-amsterdam-2026-11')],
    ['an activity without a workflow id', { type: 'activity', namespace: 'default', isLocal: true } as const],
  ])('uses the system data key for %s', async (_name, context) => {
    const [encoded] = await codec.encode([toPayload(value)], context);
    expect(keyIdOf(encoded as Payload)).toBe('system/1');
    expect(fromPayload((await codec.decode([encoded as Payload]))[0])).toEqual(value);
  });

  it('passes payloads that are not encrypted through decode untouched (histories from before encryption)', async () => {
    const plain = toPayload(value);
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('refuses a payload whose ciphertext was altered, naming the key', async () => {
    const [encoded] = await codec.encode([toPayload(value)], workflow(jobOfAcme));
    const data = Buffer.from(encoded?.data ?? []);
    data[20] = (data[20] ?? 0) ^ 1;
    const err = await thrown(codec.decode([{ ...encoded, data }]));
    expect(err).toMatchObject({ name: 'DecryptionError', keyId: `${tenantTag('acme')}/1` });
    expect(err.message).toContain(`${tenantTag('acme')}/1`);
  });

  it("refuses a payload relabelled with another tenant's key id", async () => {
    const [acme] = await codec.encode([toPayload(value)], workflow(jobOfAcme));
    const [globex] = await codec.encode([toPayload(1)], workflow(jobIdFor('globex', 'ops')));
    const relabelled = {
      ...acme,
      metadata: { ...acme?.metadata, [KEY_ID_METADATA]: globex?.metadata?.[KEY_ID_METADATA] ?? new Uint8Array() },
    };
    expect(await thrown(codec.decode([relabelled]))).toMatchObject({ name: 'DecryptionError' });
  });

  it('names an unknown data key id in its error', async () => {
    const unknown = `${tenantTag('nobody')}/7`;
    const payload = {
      metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: Buffer.from(unknown) },
      data: Buffer.alloc(40),
    };
    const err = await thrown(codec.decode([payload]));
    expect(err).toMatchObject({ name: 'DataKeyNotFoundError', keyId: unknown });
    expect(err.message).toContain(unknown);
  });

  it('names a key id that no data key can have', async () => {
    const payload = {
      metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: Buffer.from('../k1') },
    };
    expect(await thrown(codec.decode([payload]))).toMatchObject({ name: 'MalformedKeyIdError', keyId: '../k1' });
  });

  it('reads payloads of one tenant with another process on the same key directory', async () => {
    const keys = masterKeys('k1');
    const writer = codecOn(join(dir, 'shared'), keys);
    const reader = codecOn(join(dir, 'shared'), keys);
    const encoded = await writer.encode([toPayload(value)], workflow(jobOfAcme));
    expect(fromPayload((await reader.decode(encoded))[0])).toEqual(value);
  });
});
