/** The embedded stack's descriptor: written private, read back, the live stack picked, explicit settings first. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTemporalConfig } from '../../src/config';
import {
  claimCheckPlace,
  descriptorSettings,
  pickStackDescriptor,
  readStackDescriptor,
  withEmbeddedStack,
  writeStackDescriptor,
} from '../../src/stack-descriptor';
import type { StackDescriptor } from '../../src/stack-descriptor';
import { thrownBy } from '../helpers/thrown';

function descriptor(overrides: Partial<StackDescriptor> = {}): StackDescriptor {
  return {
    kind: 'bulkflow-embedded-stack',
    pid: process.pid,
    startedAt: '2026-12-07T06:00:00.000Z',
    temporal: { address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'bulkflow' },
    urls: { api: 'http://127.0.0.1:8080' },
    keyFile: '/checkout/.data/simulated/encryption-keys.json',
    tenantKeyDir: '/checkout/.data/simulated/tenant-keys',
    claimCheckDir: '/checkout/.data/simulated/blobs',
    ...overrides,
  };
}

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

describe('the embedded stack descriptor', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stack-descriptor-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is written private (0600) and read back as written', async () => {
    const path = await writeStackDescriptor(dir, descriptor());
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readStackDescriptor(path)).toEqual({ path, descriptor: descriptor() });
  });

  it('is absent when there is no file, and refused naming the file and field when it does not read', () => {
    expect(readStackDescriptor(join(dir, 'stack.json'))).toBeUndefined();
    const path = join(dir, 'stack.json');
    writeFileSync(path, JSON.stringify({ ...descriptor(), temporal: {} }));
    expect(thrownBy(() => readStackDescriptor(path))).toMatchObject({ name: 'ConfigError' });
    expect(() => readStackDescriptor(path)).toThrow(/stack\.json: temporal\.address/);
  });

  it('prefers the stack whose process is alive over a newer one that is gone, else the newest', async () => {
    const live = await writeStackDescriptor(mkdtempSync(join(dir, 'a-')), descriptor());
    const gone = descriptor({ pid: deadPid(), startedAt: '2026-12-07T07:00:00.000Z' });
    const stale = await writeStackDescriptor(mkdtempSync(join(dir, 'b-')), gone);
    expect(pickStackDescriptor([stale, live])?.path).toBe(live);
    const older = descriptor({ pid: deadPid() });
    const staleOlder = await writeStackDescriptor(mkdtempSync(join(dir, 'c-')), older);
    expect(pickStackDescriptor([staleOlder, stale])?.path).toBe(stale);
    expect(pickStackDescriptor([join(dir, 'none.json')])).toBeUndefined();
  });

  it('supplies the address, namespace, task queue, blob store and keys when nothing is set', () => {
    expect(descriptorSettings({}, descriptor())).toEqual({
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      BULKFLOW_TASK_QUEUE: 'bulkflow',
      BULKFLOW_CLAIM_CHECK_DIR: '/checkout/.data/simulated/blobs',
      BULKFLOW_ENCRYPTION_KEY_FILE: '/checkout/.data/simulated/encryption-keys.json',
      BULKFLOW_TENANT_KEY_DIR: '/checkout/.data/simulated/tenant-keys',
    });
  });

  it('leaves every explicit setting alone, and the keys whole when any key variable is set', () => {
    const env = { BULKFLOW_TASK_QUEUE: 'mine', BULKFLOW_ENCRYPTION_KEYS: 'k1:abc', BULKFLOW_CLAIM_CHECK_DIR: '/b' };
    expect(descriptorSettings(env, descriptor())).toEqual({
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
    });
  });

  it("supplies the stack's bucket (where it is, no credential) to a client that names no blob store", () => {
    const claimCheckS3 = {
      bucket: 'acme-blobs',
      prefix: 'claim-check/',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
    };
    const settings = descriptorSettings({}, descriptor({ claimCheckDir: undefined, claimCheckS3 }));
    expect(settings).toMatchObject({
      BULKFLOW_CLAIM_CHECK_S3_BUCKET: 'acme-blobs',
      BULKFLOW_CLAIM_CHECK_S3_PREFIX: 'claim-check/',
      BULKFLOW_CLAIM_CHECK_S3_REGION: 'us-east-1',
      BULKFLOW_CLAIM_CHECK_S3_ENDPOINT: 'http://127.0.0.1:9000',
      BULKFLOW_CLAIM_CHECK_S3_FORCE_PATH_STYLE: 'true',
    });
    expect(Object.keys(settings).filter((name) => /^AWS_|CLAIM_CHECK_DIR/.test(name))).toEqual([]);
  });

  it("hands a client beside the stack the stack's own bucket, read back from the file as written", async () => {
    const stackConfig = loadTemporalConfig({
      BULKFLOW_CLAIM_CHECK_S3_BUCKET: 'acme-blobs',
      BULKFLOW_CLAIM_CHECK_S3_ENDPOINT: 'http://127.0.0.1:9000',
      BULKFLOW_CLAIM_CHECK_S3_FORCE_PATH_STYLE: 'true',
    });
    const keys = { keyFile: undefined, tenantKeyDir: undefined };
    const written = descriptor({ claimCheckDir: undefined, ...keys, ...claimCheckPlace(stackConfig.claimCheck) });
    const found = readStackDescriptor(await writeStackDescriptor(dir, written));
    const client = loadTemporalConfig(descriptorSettings({}, found?.descriptor ?? written));
    expect(client.claimCheck).toEqual(stackConfig.claimCheck);
  });

  it("adds no directory of the stack's to a client that names a bucket (one blob store, never both)", () => {
    const env = { BULKFLOW_CLAIM_CHECK_S3_BUCKET: 'acme-blobs' };
    expect(descriptorSettings(env, descriptor())).not.toHaveProperty('BULKFLOW_CLAIM_CHECK_DIR');
  });

  it("reads the stack's own cursor secret, so a cursor one CLI run prints is read by the next", () => {
    const cursorSecretFile = join(dir, 'cursor-secret');
    writeFileSync(cursorSecretFile, 'kept-secret-value\n', { mode: 0o600 });
    expect(descriptorSettings({}, descriptor({ cursorSecretFile }))['BULKFLOW_CURSOR_SECRET']).toBe(
      'kept-secret-value',
    );
    const own = { BULKFLOW_CURSOR_SECRET: 'mine' };
    expect(descriptorSettings(own, descriptor({ cursorSecretFile }))).not.toHaveProperty('BULKFLOW_CURSOR_SECRET');
    // A stack whose data folder was removed since: no secret, and no error.
    const gone = descriptor({ cursorSecretFile: join(dir, 'gone', 'cursor-secret') });
    expect(descriptorSettings({}, gone)).not.toHaveProperty('BULKFLOW_CURSOR_SECRET');
  });

  it('is not read at all when TEMPORAL_ADDRESS is set', async () => {
    await writeStackDescriptor(join(dir), descriptor());
    const env = { TEMPORAL_ADDRESS: 'temporal.example:7233', BULKFLOW_DEV_DATA_DIR: dir };
    expect(withEmbeddedStack(env, dir)).toEqual({ env });
  });

  it('completes an environment without an address from the descriptor under BULKFLOW_DEV_DATA_DIR', async () => {
    const path = await writeStackDescriptor(
      dir,
      descriptor({ temporal: { ...descriptor().temporal, address: '127.0.0.1:17233' } }),
    );
    const { env, stack } = withEmbeddedStack({ BULKFLOW_DEV_DATA_DIR: dir }, dir);
    expect(stack?.path).toBe(path);
    expect(env['TEMPORAL_ADDRESS']).toBe('127.0.0.1:17233');
  });
});
