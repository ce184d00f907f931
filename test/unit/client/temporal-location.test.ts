/** Where a client's Temporal is: flags, variables, the `temporal` profile, and only then the embedded stack. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateTemporal } from '../../../src/client';
import { writeStackDescriptor } from '../../../src/stack-descriptor';

let dir: string;
let dataDir: string;
let profileFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bulkflow-location-'));
  dataDir = join(dir, 'data');
  await writeStackDescriptor(dataDir, {
    kind: 'bulkflow-embedded-stack',
    pid: process.pid,
    startedAt: new Date().toISOString(),
    temporal: { address: '127.0.0.1:17233', namespace: 'default', taskQueue: 'bulkflow' },
    urls: { api: 'http://127.0.0.1:8080' },
    keyFile: join(dataDir, 'encryption-keys.json'),
    tenantKeyDir: join(dataDir, 'tenant-keys'),
  });
  profileFile = join(dir, 'temporal.toml');
  writeFileSync(profileFile, '[profile.default]\naddress = "cluster.example.com:7233"\napi_key = "k"\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An environment beside the embedded stack, reading `configFile` as the `temporal` CLI's config file. */
function besideStack(configFile = '/dev/null'): Record<string, string> {
  return { BULKFLOW_DEV_DATA_DIR: dataDir, TEMPORAL_CONFIG_FILE: configFile };
}

describe('locateTemporal', () => {
  it('goes to the embedded stack only when no flag, variable or profile names a Temporal', () => {
    const located = locateTemporal(besideStack(), {}, dir);
    expect(located.endpoint).toEqual({ address: '127.0.0.1:17233', namespace: 'default' });
    expect(located.stack?.path).toBe(join(dataDir, 'stack.json'));
    // The stack's keys complete the environment, for the commands that decrypt.
    expect(located.env['BULKFLOW_TENANT_KEY_DIR']).toBe(join(dataDir, 'tenant-keys'));
  });

  it('a profile that names a Temporal wins over the embedded stack', () => {
    const located = locateTemporal(besideStack(profileFile), {}, dir);
    expect(located.endpoint).toEqual({
      address: 'cluster.example.com:7233',
      namespace: 'default',
      apiKey: 'k',
      tls: true,
    });
    expect(located.stack).toBeUndefined();
    expect(located.env['BULKFLOW_TENANT_KEY_DIR']).toBeUndefined();
  });

  it('a variable wins over the profile, and a flag over the variable', () => {
    const env = { ...besideStack(profileFile), TEMPORAL_ADDRESS: 'env.example.com:7233' };
    expect(locateTemporal(env, {}, dir).endpoint.address).toBe('env.example.com:7233');
    expect(locateTemporal(env, { address: 'flag.example.com:7233' }, dir).endpoint.address).toBe(
      'flag.example.com:7233',
    );
  });

  it("keeps a namespace a setting names on the embedded stack, and never the profile's TLS or API key", () => {
    const keyOnly = join(dir, 'key-only.toml');
    writeFileSync(keyOnly, '[profile.default]\napi_key = "cloud-key"\n');
    const located = locateTemporal({ ...besideStack(keyOnly), TEMPORAL_NAMESPACE: 'other' }, {}, dir);
    expect(located.endpoint).toEqual({ address: '127.0.0.1:17233', namespace: 'other' });
  });

  it('--disable-config-env with TEMPORAL_ADDRESS set still finds the embedded stack', () => {
    const env = { ...besideStack(), TEMPORAL_ADDRESS: 'ignored.example.com:7233' };
    expect(locateTemporal(env, { disableConfigEnv: true }, dir).endpoint.address).toBe('127.0.0.1:17233');
  });
});
