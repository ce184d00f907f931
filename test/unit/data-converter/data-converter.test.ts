/**
 * The data converter as the SDK uses it: the SDK encodes through `payloadCodecs` in array order and decodes in
 * reverse (codec-helpers `encode`/`decode`), so with [encryption, claim check] a large payload is encrypted first and
 * its blob holds only ciphertext; failures carry their message as an encrypted payload.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { LoadedDataConverter, SerializationContext } from '@temporalio/common';
import {
  decodeFailure,
  decodeOptionalSinglePayload,
  encodeErrorToFailure,
  encodeToPayload,
  loadDataConverter,
} from '@temporalio/common/lib/internal-non-workflow';
import { CLAIM_CHECK_ENCODING } from '../../../src/claim-check';
import { ENCRYPTED_ENCODING } from '../../../src/codec';
import { buildDataConverter } from '../../../src/data-converter';
import type { SharedFileMode } from '../../../src/fs/shared-files';
import { jobIdFor } from '../../../src/job-id';
import { masterKeys } from '../codec/keys';

const MARKER = 'marker-9c41-bob@example.test';
const context: SerializationContext = { type: 'workflow', namespace: 'default', workflowId: jobIdFor('acme', 'ops') };
const decoder = new TextDecoder();

describe('buildDataConverter', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'data-converter-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function converter(fileMode: SharedFileMode = 'private', thresholdBytes = 1_024): LoadedDataConverter {
    return loadDataConverter(
      buildDataConverter({
        encryption: { masterKeys: masterKeys('k1'), tenantKeyDir: join(dir, 'keys'), fileMode },
        claimCheck: { dir: join(dir, 'blobs'), thresholdBytes, fileMode },
      }),
    );
  }

  function blobFiles(): string[] {
    const root = join(dir, 'blobs');
    return readdirSync(root, { recursive: true, encoding: 'utf8' })
      .map((name) => join(root, name))
      .filter((path) => statSync(path).isFile());
  }

  it('encrypts before the claim check: the blob holds an encrypted payload and no plaintext', async () => {
    const loaded = converter();
    const value = { users: Array.from({ length: 200 }, (_, i) => ({ email: `${i}-${MARKER}` })) };
    const stored = await encodeToPayload(loaded, value, context);
    expect(decoder.decode(stored.metadata?.['encoding'] ?? new Uint8Array())).toBe(CLAIM_CHECK_ENCODING);

    const [blob] = blobFiles();
    const inBlob = JSON.parse(readFileSync(blob as string, 'utf8')) as { metadata: { encoding: string } };
    expect(Buffer.from(inBlob.metadata.encoding, 'base64').toString()).toBe(ENCRYPTED_ENCODING);
    expect(readFileSync(blob as string, 'latin1')).not.toContain('marker-9c41');
    expect(await decodeOptionalSinglePayload(loaded, stored, context)).toEqual(value);
  });

  it.each([
    ['private', '0600', '0700'],
    ['group', '0640', '0750'],
  ] as const)('writes %s blobs and their directories with modes %s and %s', async (mode, file, directory) => {
    await encodeToPayload(converter(mode), { text: 'y'.repeat(5_000) }, context);
    const [blob] = blobFiles();
    const modeOf = (path: string): string => `0${(statSync(path).mode & 0o777).toString(8)}`;
    expect(modeOf(blob as string)).toBe(file);
    expect(modeOf(join(blob as string, '..'))).toBe(directory);
    expect(modeOf(join(dir, 'blobs'))).toBe(directory);
  });

  it("encodes a failure's message and stack trace as an encrypted payload, and reads them back", async () => {
    // Over the default threshold: the stack trace of a test is longer than a small one.
    const loaded = converter('private', 128 * 1024);
    const error = ApplicationFailure.nonRetryable(`user ${MARKER} refused`, 'ProviderRejectedError');
    const failure = await encodeErrorToFailure(loaded, error, context);
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace).toBe('');
    const attributes = failure.encodedAttributes;
    expect(decoder.decode(attributes?.metadata?.['encoding'] ?? new Uint8Array())).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(attributes?.data ?? []).toString('latin1')).not.toContain('marker-9c41');

    const decoded = await decodeFailure(loaded.payloadCodecs, failure, context);
    expect(loaded.failureConverter.failureToError(decoded, loaded.payloadConverter).message).toBe(
      `user ${MARKER} refused`,
    );
  });

  describe('a reader without the keys or the blob store', () => {
    it('names the key settings for an encrypted payload, not "Unknown encoding"', async () => {
      const stored = await encodeToPayload(converter(), { users: [MARKER] }, context);
      const keyless = loadDataConverter(
        buildDataConverter({ claimCheck: { dir: join(dir, 'blobs'), thresholdBytes: 1_024 } }),
      );
      const read = decodeOptionalSinglePayload(keyless, stored, context);
      await expect(read).rejects.toMatchObject({ name: 'PayloadKeysMissingError' });
      await expect(read).rejects.toThrow(/BULKFLOW_ENCRYPTION_KEY_FILE.*BULKFLOW_TENANT_KEY_DIR/);
    });

    it('names both blob-store settings for a payload kept in a blob', async () => {
      const stored = await encodeToPayload(converter(), { text: 'y'.repeat(5_000) }, context);
      const storeless = loadDataConverter(
        buildDataConverter({ encryption: { masterKeys: masterKeys('k1'), tenantKeyDir: dir, fileMode: 'private' } }),
      );
      const read = decodeOptionalSinglePayload(storeless, stored, context);
      await expect(read).rejects.toMatchObject({ name: 'ClaimCheckStoreMissingError' });
      await expect(read).rejects.toThrow(/BULKFLOW_CLAIM_CHECK_DIR or BULKFLOW_CLAIM_CHECK_S3_BUCKET/);
    });

    it('reads plaintext payloads as they are', async () => {
      const plain = loadDataConverter(buildDataConverter({}));
      const stored = await encodeToPayload(plain, { users: ['a'] }, context);
      expect(await decodeOptionalSinglePayload(plain, stored, context)).toEqual({ users: ['a'] });
    });
  });
});
