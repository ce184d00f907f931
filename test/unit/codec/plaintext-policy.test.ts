/**
 * Secure by default: a worker or an API on a Temporal beyond this machine refuses to start without master keys,
 * naming the variables, unless plaintext is allowed explicitly; on loopback it may run without.
 */
import { randomBytes } from 'node:crypto';
import { startApiServer } from '../../../src/api/server';
import { createFakeJobs } from '../api/fake-jobs';
import { assertPayloadsProtected, hostOf } from '../../../src/codec/plaintext-policy';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { createWorker } from '../../../src/worker-factory';
import { thrownBy } from '../../helpers/thrown';

const KEYS = { BULKFLOW_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`, BULKFLOW_TENANT_KEY_DIR: '/k' };

describe('plaintext policy', () => {
  it.each([
    ['temporal.example.com:7233', 'temporal.example.com'],
    ['127.0.0.1:7233', '127.0.0.1'],
    ['[::1]:7233', '[::1]'],
    ['localhost', 'localhost'],
  ])('reads the host of %s', (address, host) => {
    expect(hostOf(address)).toBe(host);
  });

  it.each(['127.0.0.1:7233', 'localhost:7233', '[::1]:7233'])('lets %s run without keys', (address) => {
    expect(() => assertPayloadsProtected({ address, allowPlaintext: false }, 'worker')).not.toThrow();
  });

  it('refuses a remote Temporal without keys, naming the variables, unless plaintext is allowed', () => {
    const remote = loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233' }).temporal;
    const err = thrownBy(() => assertPayloadsProtected(remote, 'worker')) as Error & { source: string };
    expect(err).toMatchObject({
      name: 'ConfigError',
      source: 'BULKFLOW_ENCRYPTION_KEY_FILE / BULKFLOW_ENCRYPTION_KEYS',
    });
    expect(err.message).toContain('BULKFLOW_ALLOW_PLAINTEXT=true');
    expect(err.message).toContain('temporal:7233');
    const allowed = loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233', BULKFLOW_ALLOW_PLAINTEXT: 'true' }).temporal;
    expect(() => assertPayloadsProtected(allowed, 'worker')).not.toThrow();
    const keyed = loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233', ...KEYS }).temporal;
    expect(() => assertPayloadsProtected(keyed, 'worker')).not.toThrow();
  });

  it('keeps a worker and the API from starting on a remote Temporal without keys, before connecting', async () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: 'temporal.invalid:7233' });
    await expect(createWorker({ config })).rejects.toMatchObject({ name: 'ConfigError' });
    const api = startApiServer({ config, jobs: createFakeJobs({}), log: createLogger('silent') });
    await expect(api).rejects.toMatchObject({ name: 'ConfigError' });
  });
});
