import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTokenCommand } from '../../../../src/providers/credentials/token-command';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulkflow-token-command-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A node one-liner as a token command (no shell: program and arguments). */
function node(script: string, ...args: string[]): string[] {
  return [process.execPath, '-e', script, ...args];
}

describe('runTokenCommand', () => {
  it('answers what the command prints, trimmed, and runs it anew each time (a rotated secret is picked up)', async () => {
    const file = path.join(dir, 'vault');
    const command = node('process.stdout.write(require("fs").readFileSync(process.argv[1], "utf8"))', file);
    writeFileSync(file, '  first-token\n');
    expect(await runTokenCommand('webex', command)).toBe('first-token');
    writeFileSync(file, 'second-token');
    expect(await runTokenCommand('webex', command)).toBe('second-token');
  });

  it('passes arguments as they are, with no shell to interpret them', async () => {
    expect(await runTokenCommand('zoho', node('process.stdout.write(process.argv[1])', '$HOME;`x`'))).toBe('$HOME;`x`');
  });

  it('names the setting and the exit code of a failing command, never what it printed', async () => {
    const failing = node('process.stdout.write("half-secret"); process.stderr.write("secret-detail"); process.exit(3)');
    const err = await runTokenCommand('webex', failing).then(
      () => new Error('expected a failure'),
      (e: unknown) => e as Error,
    );
    expect(err.message).toBe('webex connection: tokenCommand failed (exit code 3)');
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toMatch(/secret/);
  });

  it('refuses a command that prints nothing', async () => {
    await expect(runTokenCommand('zoho', node('process.stdout.write("  \\n")'))).rejects.toThrow(
      'zoho connection: tokenCommand failed (printed nothing)',
    );
  });

  it('names the error code of a program that does not exist', async () => {
    await expect(runTokenCommand('webex', [path.join(dir, 'no-such-program')])).rejects.toThrow(
      'webex connection: tokenCommand failed (ENOENT)',
    );
  });
});
