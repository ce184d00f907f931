/** A worker that holds keys refuses a job input that was recorded unencrypted, inline or behind the claim check. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Payload, SerializationContext } from '@temporalio/common';
import { encodeToPayload, loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { assertRecordedEncrypted } from '../../../src/activities/input-protection';
import { loadConfig } from '../../../src/config';
import type { AppConfig } from '../../../src/config';
import { buildDataConverter } from '../../../src/data-converter';
import type { PayloadProtection } from '../../../src/data-converter';
import { jobIdFor } from '../../../src/job-id';
import { masterKeys } from '../codec/keys';

const context: SerializationContext = { type: 'workflow', namespace: 'default', workflowId: jobIdFor('acme', 'ops') };
const small = { request: { operation: 'webex.moveUsers', input: { users: [{ userId: 'u1' }] } } };
const large = {
  request: { operation: 'webex.moveUsers', input: { users: Array(200).fill({ userId: 'u-0123456789' }) } },
};

describe('assertRecordedEncrypted', () => {
  let dir: string;
  let worker: { config: AppConfig };
  let keyed: PayloadProtection;
  let keyless: PayloadProtection;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'input-protection-'));
    const claimCheck = { dir: join(dir, 'blobs'), thresholdBytes: 1_024 };
    keyed = {
      encryption: { masterKeys: masterKeys('k1'), tenantKeyDir: join(dir, 'keys'), fileMode: 'private' },
      claimCheck,
    };
    keyless = { claimCheck };
    const config = loadConfig({});
    worker = { config: { ...config, temporal: { ...config.temporal, ...keyed } } };
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function recorded(by: PayloadProtection, value: unknown): Promise<Payload> {
    return encodeToPayload(loadDataConverter(buildDataConverter(by)), value, context);
  }

  it('passes an input a client with the keys wrote, inline or in a blob', async () => {
    await expect(assertRecordedEncrypted(worker, await recorded(keyed, small))).resolves.toBeUndefined();
    await expect(assertRecordedEncrypted(worker, await recorded(keyed, large))).resolves.toBeUndefined();
  });

  it.each([
    ['inline', small],
    ['in a blob', large],
  ])('refuses a plaintext input %s, naming the settings the client lacked', async (_where, value) => {
    const check = assertRecordedEncrypted(worker, await recorded(keyless, value));
    await expect(check).rejects.toMatchObject({ name: 'PlaintextInputError', retryable: false });
    await expect(check).rejects.toThrow(
      /BULKFLOW_ENCRYPTION_KEY_FILE.*BULKFLOW_TENANT_KEY_DIR.*BULKFLOW_CLAIM_CHECK_DIR.*BULKFLOW_CLAIM_CHECK_S3_BUCKET/,
    );
  });
});
