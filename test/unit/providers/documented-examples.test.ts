/**
 * Every documented example request body (`test/fixtures/providers/*-request.json`) works end to end: the bulkflow
 * input that carries the same users and fields is accepted, and the bodies bulkflow then sends to the provider's
 * simulator over HTTP, put back together across batches, equal the example value for value.
 */
import type { OperationId } from '../../../src/domain/job';
import { getOperation } from '../../../src/providers/registry';
import { fixtureNames, loadFixture } from '../../helpers/fixtures';
import { startOperationHarness } from '../../helpers/operation-harness';
import { recordingHttp } from '../../helpers/recording-http';

type Body = Record<string, unknown>;
type Json = Record<string, unknown>;

interface Example {
  readonly operation: OperationId;
  /** The bulkflow input carrying the example's users and fields. */
  readonly input: (example: Json) => unknown;
  /** The bodies sent for the batches of one job, as one body (undoes batching). */
  readonly unbatch: (bodies: readonly Body[]) => Json;
}

const list = (body: Body, key: string): Json[] => (body[key] ?? []) as Json[];

const EXAMPLES: Readonly<Record<string, Example>> = {
  'webex-move-users-request.json': {
    operation: 'webex.moveUsers',
    // Our input names each user's target location; the wire groups users by location.
    input: (example) => ({
      users: list(example, 'usersList').flatMap((entry) =>
        (entry['users'] as Json[]).map((user) => ({ ...user, locationId: entry['locationId'] })),
      ),
    }),
    unbatch: (bodies) => ({ usersList: bodies.flatMap((body) => list(body, 'usersList')) }),
  },
  // Our input is Oracle's own `UserDataStore`.
  'oracle-primavera-admin-create-user-request.json': {
    operation: 'oracle.syncUsers',
    input: (example) => example,
    unbatch: (bodies) => {
      const lists = ['added', 'modified', 'deleted'].map((key) => [key, bodies.flatMap((b) => list(b, key))] as const);
      return Object.fromEntries(lists.filter(([, users]) => users.length > 0));
    },
  },
  'fullstory-users-batch-create-request.json': {
    operation: 'fullstory.importUsers',
    input: (example) => ({ users: list(example, 'requests') }),
    unbatch: (bodies) => ({ requests: bodies.flatMap((body) => list(body, 'requests')) }),
  },
  'zoho-portal-bulk-invite-request.json': {
    operation: 'zoho.invitePortalUsers',
    // The module is a path segment, not part of the body.
    input: (example) => ({
      module: 'Contacts',
      invites: list(example, 'portal_invite')
        .flatMap((entry) => entry['data'] as Json[])
        .map(({ id, user_type_id, type, language }) => ({ id, userTypeId: user_type_id, type, language })),
    }),
    unbatch: (bodies) => ({
      portal_invite: [{ data: bodies.flatMap((body) => list(body, 'portal_invite').flatMap((e) => e['data'])) }],
    }),
  },
};

describe('documented example requests', () => {
  it('covers every *-request.json fixture', () => {
    expect(fixtureNames('').filter((name) => name.endsWith('-request.json'))).toEqual(Object.keys(EXAMPLES).sort());
  });

  it.each(Object.entries(EXAMPLES))('%s: accepted as input, and sent as documented', async (name, example) => {
    const documented = loadFixture(name) as Json;
    const operation = getOperation(example.operation);
    const parsed = operation.inputSchema.safeParse(example.input(documented));
    expect(parsed.error).toBeUndefined();

    const harness = await startOperationHarness(example.operation);
    try {
      const { http, sent } = recordingHttp(harness.ctx.http);
      const ctx = { ...harness.ctx, http };
      for (const batch of operation.plan(parsed.data)) {
        const started = await operation.start(ctx, batch, { idempotencyKey: `example/${batch.index}`, dryRun: false });
        expect(started.kind).toBe('started');
      }
      const bodies = sent.filter((request) => request.method === 'POST').map((request) => request.json as Body);
      expect(example.unbatch(bodies)).toEqual(documented);
    } finally {
      await harness.close();
    }
  });
});
