/**
 * Answers nobody scripted, end to end on the real dev server with the simulators over HTTP: a row naming a user who
 * was not in the batch, pages that contradict the provider's counts, and status and item answers outside each
 * operation's contract (the job fails clearly, once, instead of polling again).
 */
import type { BulkJobResult, OperationId } from '../../src/domain/job';
import { jobId, moveUsers } from '../helpers/jobs';
import { startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

const FAST = { pollIntervalMs: 20 };
const ORG_ID = Buffer.from('ciscospark://us/ORGANIZATION/16706775-4543-4fd3-8677-0ba01f254ef4')
  .toString('base64')
  .replace(/=+$/, '');

/** One valid input per operation (the Oracle user as Oracle's own example sends it: no `disabled`). */
const INPUTS: Readonly<Record<OperationId, unknown>> = {
  'webex.moveUsers': { users: moveUsers(1, 'loc-A') },
  'webex.resendActivationEmails': { orgId: ORG_ID },
  'oracle.syncUsers': {
    added: [
      {
        loginId: 'JSMITH',
        firstName: 'JIM',
        lastName: 'SMITH',
        emailAddress: 'jim.smith@company.example',
        organization: { name: 'sfo', type: 'Company' },
      },
    ],
  },
  'fullstory.importUsers': { users: [{ uid: 'u1' }] },
  'zoho.invitePortalUsers': {
    module: 'Contacts',
    invites: [{ id: '5020928000000001001', userTypeId: '5020928000000523003', type: 'invite' }],
  },
};

interface Drift {
  readonly operation: OperationId;
  /** The endpoint that answers outside the contract, and how many of its requests go through first. */
  readonly endpoint: string;
  readonly skip: number;
  readonly body: unknown;
  readonly path: string;
}

const STATUS_DRIFTS: readonly Drift[] = [
  { operation: 'webex.moveUsers', endpoint: 'status', skip: 0, body: { id: 'j' }, path: 'latestExecutionStatus' },
  {
    operation: 'webex.resendActivationEmails',
    endpoint: 'status',
    skip: 0,
    body: { id: 'j', latestExecutionStatus: 'STARTED' },
    path: 'counts',
  },
  { operation: 'oracle.syncUsers', endpoint: 'status', skip: 0, body: { added: [{}] }, path: 'added[0].loginId' },
  { operation: 'fullstory.importUsers', endpoint: 'status', skip: 0, body: { job: {} }, path: 'job.id' },
  {
    operation: 'zoho.invitePortalUsers',
    endpoint: 'status',
    skip: 0,
    body: { portal_invite: [{ data: null }] },
    path: 'portal_invite[0].status',
  },
];

const ITEM_DRIFTS: readonly Drift[] = [
  {
    operation: 'webex.moveUsers',
    endpoint: 'errors',
    skip: 0,
    body: { items: [{ error: {} }] },
    path: 'items[0].itemNumber',
  },
  {
    operation: 'webex.resendActivationEmails',
    endpoint: 'errors',
    skip: 0,
    body: { items: [{ itemNumber: 1 }] },
    path: 'items[0].error',
  },
  { operation: 'oracle.syncUsers', endpoint: 'status', skip: 1, body: { added: 'JSMITH' }, path: 'added' },
  {
    operation: 'fullstory.importUsers',
    endpoint: 'errors',
    skip: 0,
    body: { results: [{ code: 7 }] },
    path: 'results[0].code',
  },
  {
    operation: 'zoho.invitePortalUsers',
    endpoint: 'status',
    skip: 1,
    body: { portal_invite: [{ status: 'completed', data: [{ details: {} }] }] },
    path: 'portal_invite[0].data[0].code',
  },
];

describe('provider answers nobody scripted', () => {
  let stack: Stack;

  beforeAll(async () => {
    const each = { pollsToComplete: 1 };
    stack = await startStack({
      name: 'provider-answers',
      simulators: {
        'webex.moveUsers': each,
        'webex.resendActivationEmails': each,
        'oracle.syncUsers': each,
        'fullstory.importUsers': each,
        'zoho.invitePortalUsers': each,
      },
    });
  });

  afterAll(async () => {
    await stack.close();
  });

  beforeEach(() => {
    stack.sim.reset();
  });

  async function run(operation: OperationId): Promise<{ id: string; result: BulkJobResult }> {
    const id = await stack.jobs.start(
      { operation, input: INPUTS[operation] },
      { idempotencyKey: jobId('answers'), requestedBy: 'ops@example.test', tuning: FAST },
    );
    return { id, result: await stack.jobs.result(id) };
  }

  const requests = (operation: OperationId, endpoint: string) =>
    stack.sim.log.entries({ endpoint: `${operation}.${endpoint}` });

  const errorsPage = (item: string) => ({
    kind: 'status' as const,
    status: 200,
    body: { items: [{ itemNumber: 9, item, error: { key: '400', message: [{ description: 'no', code: '19605' }] } }] },
  });

  it('keeps a row naming a user not in the batch out of the items: total 1 = 1 succeeded, and a warning', async () => {
    stack.sim.faults.add('webex.moveUsers.errors', errorsPage('someone-else'));
    const { id, result } = await run('webex.moveUsers');

    expect(result.state).toBe('succeeded');
    expect(result.counts).toEqual({ total: 1, succeeded: 1, failed: 0, skipped: 0, pending: 0 });
    expect(result.items).toEqual([{ ref: 'user-loc-A-0', outcome: 'succeeded' }]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ kind: 'foreignRow', batch: 0, ref: 'someone-else', outcome: 'failed', code: '19605' }),
    ]);
    const audit = await stack.jobs.audit(id);
    expect(audit.warnings).toEqual(result.warnings);
    expect(audit.entries.find((e) => e.kind === 'collected')).toMatchObject({ warnings: 1 });
  });

  it('never reports success over a failure the error pages name, keeping both figures when they contradict the counts', async () => {
    stack.sim.faults.add('webex.moveUsers.errors', errorsPage('user-loc-A-0'));
    const { result } = await run('webex.moveUsers');

    expect(result.providerJobs[0]?.providerStatus).toBe('COMPLETED/COMPLETED');
    expect(result.state).toBe('failed');
    expect(result.counts).toEqual({ total: 1, succeeded: 0, failed: 1, skipped: 0, pending: 0 });
    expect(result.warnings).toEqual([
      expect.objectContaining({
        kind: 'countsDisagree',
        providerCounts: { total: 1, succeeded: 1, failed: 0, skipped: 0, pending: 0 },
        itemCounts: { total: 1, succeeded: 0, failed: 1, skipped: 0, pending: 0 },
      }),
    ]);
  });

  const drifts = [
    ...STATUS_DRIFTS.map((d) => [`${d.operation} status answer`, d.path, d] as const),
    ...ITEM_DRIFTS.map((d) => [`${d.operation} item answer`, d.path, d] as const),
  ];
  it.each(drifts)(
    '%s outside the contract at %s: the job fails clearly, with one request and no retry',
    async (_name, path, drift) => {
      stack.sim.faults.add(
        `${drift.operation}.${drift.endpoint}`,
        { kind: 'status', status: 200, body: drift.body },
        1,
        drift.skip,
      );
      const { result } = await run(drift.operation);

      expect(result.state).toBe('failed');
      expect(result.error).toEqual({ type: 'ProviderContractError', message: expect.stringContaining(`at ${path}:`) });
      expect(requests(drift.operation, drift.endpoint)).toHaveLength(drift.skip + 1);
    },
  );
});
