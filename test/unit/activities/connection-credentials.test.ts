import { ConnectionCredentials, withRenewalLog } from '../../../src/activities/connection-credentials';
import type { Connection } from '../../../src/connections-config';
import type { RenewableAuth, Renewal } from '../../../src/http/types';
import { operations } from '../../../src/providers/registry';

const zoho = operations['zoho.invitePortalUsers'];

describe('ConnectionCredentials', () => {
  it('builds one credential per connection, shared by every activity of the worker', () => {
    const credentials = new ConnectionCredentials();
    const connection: Connection = { baseUrl: 'https://www.zohoapis.com', tokenCommand: ['print-token'] };
    const other: Connection = { baseUrl: 'https://www.zohoapis.com', tokenCommand: ['print-token'] };
    const first = credentials.credentialOf(zoho, connection);
    expect(credentials.credentialOf(zoho, connection)).toBe(first);
    expect(credentials.credentialOf(zoho, other)).not.toBe(first);
  });

  it('throws the ConfigError of a connection without a token source', () => {
    expect(() => new ConnectionCredentials().credentialOf(zoho, { baseUrl: 'https://x.example' })).toThrow(
      'invalid configuration: zoho connection',
    );
  });
});

describe('withRenewalLog', () => {
  function logged(renewal: Renewal) {
    const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
    const log = {
      info: (obj: Record<string, unknown>, msg: string) => lines.push({ level: 'info', obj, msg }),
      warn: (obj: Record<string, unknown>, msg: string) => lines.push({ level: 'warn', obj, msg }),
    };
    const inner: RenewableAuth = {
      header: () => Promise.resolve('Bearer old-secret'),
      accepted: () => undefined,
      renewAfter: () => Promise.resolve(renewal),
    };
    const auth = withRenewalLog(inner, log, { provider: 'webex', connection: 'default' }) as RenewableAuth;
    return { auth, lines };
  }

  it('logs a renewal with the connection name and never a token', async () => {
    const { auth, lines } = logged({ kind: 'renewed', value: 'Bearer new-secret' });
    expect(await auth.renewAfter('Bearer old-secret')).toEqual({ kind: 'renewed', value: 'Bearer new-secret' });
    expect(lines).toEqual([
      { level: 'info', obj: { provider: 'webex', connection: 'default' }, msg: expect.any(String) },
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it.each(['stands', 'notYet'] as const)('warns when the refused credential %s', async (kind) => {
    const { auth, lines } = logged({ kind });
    expect(await auth.renewAfter('Bearer old-secret')).toEqual({ kind });
    expect(lines.map((line) => line.level)).toEqual(['warn']);
  });
});
