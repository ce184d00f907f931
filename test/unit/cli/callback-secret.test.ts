/** `bulkflow callback-secret <tenant>`: the secret a tenant's receivers check callbacks with, and nothing without one. */
import { createHmac } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { buildProgram, reportError } from '../../../src/cli';
import type { CliIo } from '../../../src/cli/context';

async function run(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  const [stdout, stderr] = [new PassThrough(), new PassThrough()];
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const io: CliIo = { stdout, stderr, env, readStdin: () => Promise.resolve('') };
  let code = -1;
  try {
    await buildProgram(io, (c) => (code = c))
      .exitOverride()
      .parseAsync(['node', 'bulkflow', 'callback-secret', ...args]);
  } catch (error) {
    reportError(io, error);
    code = 1;
  }
  return { code, out: out.join(''), err: err.join('') };
}

describe('bulkflow callback-secret', () => {
  const SECRET = 'deployment-callback-secret-0123';

  it("prints the tenant's secret, as documented, and a different one for another tenant", async () => {
    const expected = createHmac('sha256', SECRET).update('bulkflow-callback-tenant:org-a').digest('hex');
    const a = await run({ BULKFLOW_CALLBACK_SECRET: SECRET }, 'org-a');
    const b = await run({ BULKFLOW_CALLBACK_SECRET: SECRET }, 'org-b');
    expect([a.code, a.out]).toEqual([0, `${expected}\n`]);
    expect(b.out).not.toBe(a.out);
  });

  it('names BULKFLOW_CALLBACK_SECRET when it is not set', async () => {
    const { code, err } = await run({}, 'org-a');
    expect([code, err]).toEqual([1, expect.stringContaining('BULKFLOW_CALLBACK_SECRET')]);
  });
});
