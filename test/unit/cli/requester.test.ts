/** The CLI's requester: the flag, else BULKFLOW_REQUESTED_BY, else user@host, each held to the requester rule. */
import { PassThrough } from 'node:stream';
import { requester } from '../../../src/cli/context';
import type { CliIo } from '../../../src/cli/context';

const io = (env: Record<string, string> = {}): CliIo => ({
  stdout: new PassThrough(),
  stderr: new PassThrough(),
  env,
  readStdin: () => Promise.resolve(''),
});

const fieldOf = (run: () => unknown): unknown => {
  try {
    run();
    return undefined;
  } catch (err) {
    return (err as { issues?: { field: string }[] }).issues?.map((i) => i.field);
  }
};

describe('requester', () => {
  it('takes the flag, else the variable, else user@host', () => {
    expect(requester(io({ BULKFLOW_REQUESTED_BY: 'svc' }), 'ann')).toBe('ann');
    expect(requester(io({ BULKFLOW_REQUESTED_BY: 'svc' }))).toBe('svc');
    expect(requester(io())).toMatch(/@/);
  });

  it('refuses a flag or a variable with control, bidi or quote characters, naming the one used', () => {
    expect(fieldOf(() => requester(io(), 'ann\u001b[31m'))).toEqual(['--requested-by']);
    expect(fieldOf(() => requester(io(), ''))).toEqual(['--requested-by']);
    expect(fieldOf(() => requester(io({ BULKFLOW_REQUESTED_BY: 'svc\u202e"' })))).toEqual(['BULKFLOW_REQUESTED_BY']);
  });
});
