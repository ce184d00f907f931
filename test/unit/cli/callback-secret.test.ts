/** `bulkflow callback-secret <tenant>`: the secret a tenant's receivers check callbacks with, and nothing without one. */
import { createHmac } from 'node:crypto';
import { runCliInProcess } from '../../helpers/cli-in-process';

async function run(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runCliInProcess(env, ['callback-secret', ...args]);
  return { code, out: stdout, err: stderr };
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
