/** The claim-check codec on a real directory: small payloads untouched, large ones by reference, integrity checked. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Payload } from '@temporalio/common';
import { CLAIM_CHECK_ENCODING, ClaimCheckCodec, FileBlobStore } from '../../../src/claim-check';

const THRESHOLD = 1_024;

describe('ClaimCheckCodec', () => {
  let dir: string;
  let codec: ClaimCheckCodec;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'claim-check-'));
    codec = new ClaimCheckCodec(new FileBlobStore(dir), THRESHOLD);
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const payload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
  const encodingOf = (p: Payload | undefined) =>
    new TextDecoder().decode(p?.metadata?.['encoding'] ?? new Uint8Array());

  it('leaves payloads at or under the threshold as they are', async () => {
    const small = payload({ users: ['a', 'b'] });
    expect(await codec.encode([small])).toEqual([small]);
  });

  it('replaces a large payload by a reference under the threshold, and decodes it back to the same value', async () => {
    const value = { users: Array.from({ length: 500 }, (_, i) => ({ uid: `user-${i}`, email: `u${i}@example.test` })) };
    const [encoded] = await codec.encode([payload(value)]);

    expect(encodingOf(encoded)).toBe(CLAIM_CHECK_ENCODING);
    expect(encoded?.data?.length).toBeLessThan(200);
    const [decoded] = await codec.decode([encoded as Payload]);
    expect(defaultPayloadConverter.fromPayload(decoded as Payload)).toEqual(value);
  });

  it('stores one blob for the same payload sent twice (content-addressed)', async () => {
    const big = payload({ text: 'x'.repeat(5_000) });
    const [first, second] = await codec.encode([big, big]);
    expect(first).toEqual(second);
  });

  it('refuses a blob whose bytes no longer match its digest', async () => {
    const [encoded] = await codec.encode([payload({ text: 'y'.repeat(5_000) })]);
    const { sha256 } = JSON.parse(new TextDecoder().decode(encoded?.data ?? new Uint8Array())) as { sha256: string };
    writeFileSync(join(dir, sha256.slice(0, 2), sha256), 'tampered');

    await expect(codec.decode([encoded as Payload])).rejects.toThrow(/does not match its digest/);
  });

  it('names the digest and the settings when a blob is missing, and keeps the directory out of the message', async () => {
    const [encoded] = await codec.encode([payload({ text: 'z'.repeat(5_000) })]);
    const { sha256 } = JSON.parse(new TextDecoder().decode(encoded?.data ?? new Uint8Array())) as { sha256: string };
    const other = new ClaimCheckCodec(new FileBlobStore(join(dir, 'elsewhere')), THRESHOLD);

    const err = await other.decode([encoded as Payload]).then(
      () => undefined,
      (e: unknown) => e as Error & { location?: string },
    );
    expect(err).toMatchObject({ name: 'BlobNotFoundError', location: join(dir, 'elsewhere') });
    expect(err?.message).toContain(sha256);
    expect(err?.message).toContain('BULKFLOW_CLAIM_CHECK_DIR or BULKFLOW_CLAIM_CHECK_S3_BUCKET');
    expect(err?.message).not.toContain(dir);
  });
});
