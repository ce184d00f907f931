/**
 * The `temporal` CLI's connection flags on every `bulkflow` command: before or after the command's name, listed in
 * each command's help, winning over TEMPORAL_* variables, and refused by the name the user typed. Nothing connects:
 * each run stops at a setting that does not hold.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { buildProgram } from '../../../src/cli';
import { runCliInProcess } from '../../helpers/cli-in-process';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bulkflow-cli-temporal-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `bulkflow <args>` with `env` and returns the error it printed. */
async function errorOf(env: Record<string, string>, ...args: string[]): Promise<string> {
  const run = await runCliInProcess(env, args);
  if (run.code !== 1) throw new Error(`expected bulkflow ${args.join(' ')} to fail, it exited ${run.code}`);
  return run.stderr;
}

const JOB = 'webex.moveUsers-0123456789abcdef0123456789abcdef';

describe('bulkflow: the temporal CLI connection flags', () => {
  it('takes them after the command, as the temporal CLI does, and before it', async () => {
    expect(await errorOf({}, 'status', JOB, '--address', 'no-port')).toContain('--address: must be host:port');
    expect(await errorOf({}, '--address', 'no-port', 'status', JOB)).toContain('--address: must be host:port');
  });

  it('a flag wins over its TEMPORAL_* variable', async () => {
    const env = { TEMPORAL_ADDRESS: 'also-wrong', TEMPORAL_CONFIG_FILE: '/dev/null' };
    expect(await errorOf(env, 'list', '--address', 'still-no-port')).toContain('--address: must be host:port');
    expect(await errorOf(env, 'list')).toContain('TEMPORAL_ADDRESS: must be host:port');
  });

  it('reads the profile --profile names from the config file --config-file names', async () => {
    const file = join(dir, 'temporal.toml');
    writeFileSync(file, '[profile.staging]\naddress = "staging:7233"\n[profile.broken]\naddress = "no-port"\n');
    expect(await errorOf({}, 'list', '--config-file', file, '--profile', 'prod')).toContain(
      `--profile: no profile "prod" in ${file} (profiles there: staging, broken)`,
    );
    expect(await errorOf({}, 'list', '--config-file', file, '--profile', 'broken')).toContain(
      `address of profile "broken" in ${file}: must be host:port`,
    );
  });

  it('refuses a client certificate without its key, naming the flag', async () => {
    const cert = join(dir, 'client.crt');
    writeFileSync(cert, 'not read: the key is missing first');
    expect(await errorOf({}, 'list', '--address', '127.0.0.1:1', '--tls-cert-path', cert)).toContain(
      '--tls-cert-path: needs the client key as well',
    );
  });

  it("lists them in every command's help", () => {
    const program = buildProgram(
      { stdout: new PassThrough(), stderr: new PassThrough(), env: {}, readStdin: () => Promise.resolve('') },
      () => undefined,
    );
    const help = program.commands.find((command) => command.name() === 'status')?.helpInformation() ?? '';
    expect(help).toContain('Global Options:');
    for (const flag of ['--address', '--namespace', '--profile', '--api-key', '--tls-cert-path', '--tls-key-path'])
      expect(help).toContain(flag);
    expect(help).toContain('--tls-ca-path');
  });
});
