import { oracleSyncUsers } from '../../../../src/providers/oracle-sync-users';
import type { OperationContext } from '../../../../src/providers/types';
import { batchOf, user } from './sim-context';

const options = { idempotencyKey: 'k1', dryRun: false };

describe('oracleSyncUsers start answers outside the simulator’s repertoire', () => {
  /** A context whose client answers every request with `status`, `headers` and `text`. */
  const answering = (status: number, headers: Record<string, string>, text: string): OperationContext => ({
    http: {
      provider: 'oracle',
      send: async (req) => ({
        status,
        headers: new Headers(headers),
        url: `http://oracle.test${req.path}`,
        text,
        receivedAt: Date.now(),
      }),
    },
    log: { info: () => undefined, warn: () => undefined },
    authScheme: 'Basic',
  });
  const batch = batchOf({ added: [user('JSMITH')] });

  it('ignores the Location of a 201 that points at a created user, reading the id from the body', async () => {
    const ctx = answering(201, { location: '/cloudapi/restapi/user/JSMITH' }, '{"jobId":42}');
    expect(await oracleSyncUsers.start(ctx, batch, options)).toEqual({ kind: 'started', providerJobId: '42' });
  });

  it('takes the id from the status Location of a 201', async () => {
    const ctx = answering(201, { location: '/cloudapi/restapi/user/status/77' }, '');
    expect(await oracleSyncUsers.start(ctx, batch, options)).toEqual({ kind: 'started', providerJobId: '77' });
  });

  it('resolves a Location relative to the request URL', async () => {
    const ctx = answering(202, { location: 'user/status/88' }, '');
    expect(await oracleSyncUsers.start(ctx, batch, options)).toEqual({ kind: 'started', providerJobId: '88' });
  });
});
