/**
 * The tenant key store on a real directory: keys are created once however many writers race, files are private,
 * erasure and rotation take effect in every store that shares the directory.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Payload, SerializationContext } from '@temporalio/common';
import { DataKeyStore, keyFileText, keyIdOf } from '../../../src/codec';
import { eraseScope, rewrapAll, wrappingUsage } from '../../../src/codec/key-admin';
import { jobIdFor, tenantTag } from '../../../src/job-id';
import { fileModesOf } from '../../../src/fs/shared-files';
import { rejectionOf } from '../../helpers/thrown';
import { codecOn, masterKeys, subset } from './keys';

const ROOT = resolve(__dirname, '..', '..', '..');
const PRIVATE = fileModesOf('private');
const acme = tenantTag('acme');
const ofAcme: SerializationContext = { type: 'workflow', namespace: 'default', workflowId: jobIdFor('acme', 'ops') };
const ofGlobex: SerializationContext = { type: 'workflow', namespace: 'default', workflowId: jobIdFor('globex', 'o') };
const payload = (v: unknown): Payload => defaultPayloadConverter.toPayload(v);
const valueOf = (p: Payload[]): unknown => defaultPayloadConverter.fromPayload(p[0] as Payload);
const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('DataKeyStore', () => {
  let root: string;
  let dir: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'key-store-'));
    dir = join(root, 'tenant-keys');
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('creates one key per scope when many stores race for it, each using the winner', async () => {
    const keys = masterKeys('k1');
    const stores = Array.from({ length: 12 }, () => new DataKeyStore(dir, keys, PRIVATE));
    const created = await Promise.all(stores.map((store) => store.current(acme)));
    expect(new Set(created.map((k) => `${k.id}:${k.key.toString('hex')}`)).size).toBe(1);
    expect(readdirSync(dir)).toEqual([`${acme}.key.json`]);
  });

  it('creates one key per scope when several processes race for it', async () => {
    const keys = masterKeys('k1');
    const keysPath = join(root, 'keys.json');
    writeFileSync(keysPath, keyFileText(keys));
    const script = [
      `const { DataKeyStore, readKeyFile } = require(${JSON.stringify(join(ROOT, 'src/codec'))});`,
      `const { fileModesOf } = require(${JSON.stringify(join(ROOT, 'src/fs/shared-files'))});`,
      `const store = new DataKeyStore(${JSON.stringify(dir)}, readKeyFile(${JSON.stringify(keysPath)}), fileModesOf('private'));`,
      `store.current(${JSON.stringify(acme)}).then((k) => process.stdout.write(k.id + ':' + k.key.toString('hex')));`,
    ].join('\n');
    // All four start together; each creates the key unless another process linked its file first.
    const runs = await Promise.all(
      Array.from({ length: 4 }, () =>
        promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', '--eval', script], { cwd: ROOT }),
      ),
    );
    expect(runs.map((run) => run.stderr)).toEqual(['', '', '', '']);
    expect(new Set(runs.map((run) => run.stdout)).size).toBe(1);
    expect(runs[0]?.stdout).toMatch(new RegExp(`^${acme}/1:[0-9a-f]{64}$`));
  });

  it('keeps the directory 0700 and key files 0600, or 0750 and 0640 for a group', async () => {
    await new DataKeyStore(dir, masterKeys('k1'), PRIVATE).current(acme);
    expect([modeOf(dir), modeOf(join(dir, `${acme}.key.json`))]).toEqual([0o700, 0o600]);
    const shared = join(root, 'shared');
    await new DataKeyStore(shared, masterKeys('k1'), fileModesOf('group')).current(acme);
    expect([modeOf(shared), modeOf(join(shared, `${acme}.key.json`))]).toEqual([0o750, 0o640]);
  });

  it('stores the data key wrapped: the file names its master key, never holds the key in the clear', async () => {
    const key = await new DataKeyStore(dir, masterKeys('k1'), PRIVATE).current(acme);
    const file = readFileSync(join(dir, `${acme}.key.json`), 'utf8');
    expect(JSON.parse(file)).toMatchObject({ v: 1, id: `${acme}/1`, wrappedBy: 'k1' });
    expect(file).not.toContain(key.key.toString('base64'));
    expect(file).not.toContain(key.key.toString('hex'));
  });

  it('names the master key a data key is wrapped by when this process does not have it', async () => {
    const keys = masterKeys('k1', 'k2');
    const encoded = await codecOn(dir, keys).encode([payload('x')], ofAcme);
    const err = await rejectionOf(codecOn(dir, subset(keys, 'k2')).decode(encoded));
    expect(err).toMatchObject({ name: 'UnknownMasterKeyError', keyId: 'k1', dataKeyId: `${acme}/1` });
  });

  it("erases one tenant's key: its payloads no longer decode anywhere, other tenants' still do", async () => {
    const keys = masterKeys('k1');
    const codec = codecOn(dir, keys);
    const acmePayloads = await codec.encode([payload('acme secret')], ofAcme);
    const globexPayloads = await codec.encode([payload('globex data')], ofGlobex);
    expect(valueOf(await codec.decode(acmePayloads))).toBe('acme secret'); // now cached in memory

    expect(await eraseScope(dir, acme, PRIVATE)).toBe(`${acme}/1`);
    for (const reader of [codec, codecOn(dir, keys)]) {
      const err = await rejectionOf(reader.decode(acmePayloads));
      expect(err).toMatchObject({ name: 'DataKeyNotFoundError', keyId: `${acme}/1` });
      expect(valueOf(await reader.decode(globexPayloads))).toBe('globex data');
    }
    // The tenant's next payloads get a new key, which never answers for the erased one.
    const [next] = await codec.encode([payload('new')], ofAcme);
    expect(keyIdOf(next as Payload)).toBe(`${acme}/2`);
    expect(await rejectionOf(codec.decode(acmePayloads))).toMatchObject({ name: 'DataKeyNotFoundError' });
  });

  it('rotates: rewrapped under a new primary, old payloads read without the old master key', async () => {
    const keys = masterKeys('k1', 'k2');
    const encoded = await codecOn(dir, subset(keys, 'k1')).encode([payload('written under k1')], ofAcme);
    expect(await wrappingUsage(dir)).toEqual({ k1: 1 });

    expect(await rewrapAll(dir, subset(keys, 'k2', 'k1'), PRIVATE)).toEqual({ rewrapped: 1, wrappedBy: { k2: 1 } });
    expect(await wrappingUsage(dir)).toEqual({ k2: 1 });
    expect(valueOf(await codecOn(dir, subset(keys, 'k2')).decode(encoded))).toBe('written under k1');
  });

  it('follows a rotation in a running process by reading its key file again', async () => {
    const keys = masterKeys('k1', 'k2');
    let reloads = 0;
    const running = codecOn(dir, subset(keys, 'k1'), () => {
      reloads += 1;
      return subset(keys, 'k2', 'k1');
    });
    const encoded = await running.encode([payload('before')], ofAcme);
    await rewrapAll(dir, subset(keys, 'k2', 'k1'), PRIVATE);
    expect(valueOf(await running.decode(encoded))).toBe('before');
    expect(reloads).toBe(1);
  });

  it('refuses a second administration while one holds the lock', async () => {
    await new DataKeyStore(dir, masterKeys('k1'), PRIVATE).current(acme);
    writeFileSync(join(dir, '.admin.lock'), '1 now');
    expect(await rejectionOf(eraseScope(dir, acme, PRIVATE))).toMatchObject({ name: 'KeyStoreBusyError' });
  });

  it("refuses a key file copied onto another tenant's name", async () => {
    const keys = masterKeys('k1');
    await new DataKeyStore(dir, keys, PRIVATE).current(acme);
    const globex = tenantTag('globex');
    writeFileSync(join(dir, `${globex}.key.json`), readFileSync(join(dir, `${acme}.key.json`)));
    const err = await rejectionOf(new DataKeyStore(dir, keys, PRIVATE).current(globex));
    expect(err).toMatchObject({ name: 'DataKeyFileError' });
    expect(err.message).toContain(`holds key ${acme}/1`);
    expect([err.message.includes(`${globex}.key.json`), err.message.includes(dir)]).toEqual([true, false]);
  });
});
