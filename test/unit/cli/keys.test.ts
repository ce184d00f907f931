/**
 * `bulkflow keys …` run in-process on a temporary key file and tenant key store: a generated file is private and
 * never overwritten, rotate makes a new primary and rewraps, erase-tenant asks for --yes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { defaultPayloadConverter } from '@temporalio/common';
import { reportError } from '../../../src/cli';
import type { CliIo } from '../../../src/cli/context';
import { jobIdFor, tenantTag } from '../../../src/job-id';
import { readKeyFile } from '../../../src/codec';
import { payloadCodecsFor } from '../../../src/data-converter';
import { loadTemporalConfig } from '../../../src/config';
import { writeStackDescriptor } from '../../../src/stack-descriptor';
import { runCliInProcess } from '../../helpers/cli-in-process';
import type { InProcessRun } from '../../helpers/cli-in-process';

function keys(env: Record<string, string>, ...args: string[]): Promise<InProcessRun> {
  return runCliInProcess(env, ['keys', ...args]);
}

describe('bulkflow keys', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-keys-'));
    env = { BULKFLOW_ENCRYPTION_KEY_FILE: join(dir, 'keys.json'), BULKFLOW_TENANT_KEY_DIR: join(dir, 'tenant-keys') };
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** A payload of tenant `acme` written with the environment's keys, as a worker would. */
  async function writtenForAcme(): Promise<Parameters<ReturnType<typeof payloadCodecsFor>[number]['decode']>[0]> {
    const [codec] = payloadCodecsFor(loadTemporalConfig(env));
    const context = { type: 'workflow', namespace: 'default', workflowId: jobIdFor('acme', 'ops') } as const;
    return (await codec?.encode([defaultPayloadConverter.toPayload('acme data')], context)) ?? [];
  }

  it('generates a private key file, and never overwrites one', async () => {
    const run = await keys(env, 'generate', env['BULKFLOW_ENCRYPTION_KEY_FILE'] as string);
    expect(run.code).toBe(0);
    expect(statSync(join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
    expect(readKeyFile(join(dir, 'keys.json')).primary).toBe('k1');
    const before = readFileSync(join(dir, 'keys.json'), 'utf8');
    const again = await keys(env, 'generate', join(dir, 'keys.json'));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already');
    expect(readFileSync(join(dir, 'keys.json'), 'utf8')).toBe(before);
  });

  it("works on the embedded stack's keys with nothing set, through its descriptor", async () => {
    await keys(env, 'generate', join(dir, 'keys.json'));
    const dataDir = join(dir, 'data', 'simulated');
    await writeStackDescriptor(dataDir, {
      kind: 'bulkflow-embedded-stack',
      pid: process.pid,
      startedAt: new Date().toISOString(),
      temporal: { address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'bulkflow' },
      urls: { api: 'http://127.0.0.1:8080' },
      keyFile: join(dir, 'keys.json'),
      tenantKeyDir: join(dir, 'tenant-keys'),
    });
    const run = await keys({ BULKFLOW_DEV_DATA_DIR: join(dir, 'data') }, 'rotate');
    expect(run.stderr).toBe('');
    expect(readKeyFile(join(dir, 'keys.json')).primary).toBe('k2');
  });

  it('says where Temporal was looked for when it does not answer: the embedded stack, else the address', async () => {
    const unreachable = new Error('Failed to connect before the deadline');
    const stderrOf = (io: CliIo): string => {
      const chunks: string[] = [];
      io.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
      reportError(io, unreachable);
      return chunks.join('');
    };
    const io = (ioEnv: Record<string, string>): CliIo => ({
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      env: ioEnv,
      readStdin: () => Promise.resolve(''),
    });
    const path = await writeStackDescriptor(join(dir, 'data'), {
      kind: 'bulkflow-embedded-stack',
      pid: process.pid,
      startedAt: new Date().toISOString(),
      temporal: { address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'bulkflow' },
      urls: { api: 'http://127.0.0.1:8080' },
    });
    expect(stderrOf(io({ BULKFLOW_DEV_DATA_DIR: join(dir, 'data') }))).toContain(
      `is the embedded stack of ${path} running?`,
    );
    expect(stderrOf(io({ TEMPORAL_ADDRESS: '127.0.0.1:1' }))).toContain(
      'is Temporal reachable at 127.0.0.1:1? See --address, TEMPORAL_ADDRESS or the profile',
    );
  });

  it('prints a key for the environment with --env', async () => {
    const run = await keys(env, 'generate', '--env', '--id', 'k7');
    expect(run.stdout).toMatch(/^k7:[A-Za-z0-9+/]{43}=\n$/);
  });

  it('rotates: a new primary in the key file, every data key rewrapped, old payloads still read', async () => {
    await keys(env, 'generate', join(dir, 'keys.json'));
    const payloads = await writtenForAcme();
    const run = await keys(env, 'rotate');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('new primary master key k2');
    expect(run.stdout).toContain('rewrapped 1 data key(s); k2 (primary): 1 data key(s)');
    expect(readKeyFile(join(dir, 'keys.json')).primary).toBe('k2');
    expect((await keys(env, 'status')).stdout).toBe('k2 (primary): 1 data key(s)\n');

    const [codec] = payloadCodecsFor(loadTemporalConfig(env));
    const [decoded] = (await codec?.decode(payloads)) ?? [];
    expect(defaultPayloadConverter.fromPayload(decoded ?? {})).toBe('acme data');
    const rewrap = await keys(env, 'rewrap');
    expect(rewrap.stdout).toContain('wrapping no data key: k1');
  });

  it('erases a tenant only with --yes, and then its payloads name the missing key', async () => {
    await keys(env, 'generate', join(dir, 'keys.json'));
    const payloads = await writtenForAcme();
    const keyFile = join(dir, 'tenant-keys', `${tenantTag('acme')}.key.json`);

    const asked = await keys(env, 'erase-tenant', 'acme');
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('--yes');
    expect(existsSync(keyFile)).toBe(true);

    // Offline: no Temporal here to end running jobs on (test/integration/erased-tenant.test.ts does).
    const erased = await keys(env, 'erase-tenant', tenantTag('acme'), '--tag', '--yes', '--offline');
    expect([erased.code, erased.stdout]).toEqual([0, `erased data key ${tenantTag('acme')}/1\n`]);
    expect(existsSync(keyFile)).toBe(false);
    const [codec] = payloadCodecsFor(loadTemporalConfig(env));
    await expect(codec?.decode(payloads)).rejects.toMatchObject({ name: 'DataKeyNotFoundError' });
  });

  it('refuses to rotate keys that come from the environment, saying what to do instead', async () => {
    const run = await keys(
      { ...env, BULKFLOW_ENCRYPTION_KEY_FILE: '', BULKFLOW_ENCRYPTION_KEYS: `k1:${'A'.repeat(43)}=` },
      'rotate',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bulkflow keys generate --env');
  });
});
