/**
 * Every value an operation puts into a URL reaches the provider as the same value: path segments are encoded
 * (encodeURIComponent), so an id holding `/`, `+`, `=` or `..` can neither walk the path nor be read as another id.
 * Each test sends such an id over real HTTP and reads, from the simulator, the value its route decoded.
 */
import type { OperationId, PlannedBatch } from '../../../src/domain/job';
import { operations } from '../../../src/providers/registry';
import { startOperationHarness } from '../../helpers/operation-harness';
import type { OperationHarness } from '../../helpers/operation-harness';

/** Standard base64 has `/`, `+` and `=`; `..` between slashes would walk up a path that is not encoded. */
const TRICKY = 'Y2lz/../a+b/c==';

function batchOf(id: OperationId, input: unknown): PlannedBatch {
  const operation = operations[id];
  const [batch] = operation.plan(operation.inputSchema.parse(input) as never);
  if (!batch) throw new Error('nothing planned');
  return batch;
}

/** Polls `jobId` (unknown to the simulator: it answers not found) and returns the request the simulator logged. */
async function pollUnknown<Id extends OperationId>(
  h: OperationHarness<Id>,
  id: Id,
  jobId: string,
  batch: PlannedBatch,
) {
  await operations[id].poll(h.ctx, jobId, batch).catch(() => undefined);
  const [request] = h.requests('status');
  return request;
}

describe('ids in URLs', () => {
  let h: OperationHarness<OperationId> | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('webex.moveUsers: sends the org id as a query value and the job id as one encoded path segment', async () => {
    const harness = await startOperationHarness('webex.moveUsers');
    h = harness;
    const batch = batchOf('webex.moveUsers', { orgId: 'Y2lz/a+b/c==', users: [{ userId: 'u1', locationId: 'l1' }] });
    await operations['webex.moveUsers'].start(harness.ctx, batch, { idempotencyKey: 'k', dryRun: false });
    expect(harness.sim.getJobs().map((job) => job.orgId)).toEqual(['Y2lz/a+b/c==']);
    const polled = await pollUnknown(harness, 'webex.moveUsers', TRICKY, batch);
    expect(polled).toMatchObject({
      path: `/v1/telephony/config/jobs/person/moveLocation/${encodeURIComponent(TRICKY)}`,
    });
    expect(polled?.subject).toBe(`job:${TRICKY}`);
  });

  it('webex.resendActivationEmails: puts the org id and the job id into the path, each encoded', async () => {
    const harness = await startOperationHarness('webex.resendActivationEmails', { pollsToComplete: 2 });
    h = harness;
    const batch = batchOf('webex.resendActivationEmails', { orgId: 'Y2lz/a+b/c==' });
    await operations['webex.resendActivationEmails'].start(harness.ctx, batch, { idempotencyKey: 'k', dryRun: false });
    expect(harness.sim.getJobs().map((job) => job.orgId)).toEqual(['Y2lz/a+b/c==']);
    const polled = await pollUnknown(harness, 'webex.resendActivationEmails', TRICKY, batch);
    expect(polled?.path).toContain(`/organizations/${encodeURIComponent('Y2lz/a+b/c==')}/jobs/`);
    expect(polled?.subject).toBe(`job:${TRICKY}`);
  });

  it('oracle.syncUsers: puts the job id into the status path as one encoded segment', async () => {
    const harness = await startOperationHarness('oracle.syncUsers');
    h = harness;
    const user = {
      loginId: 'A1',
      firstName: 'A',
      lastName: 'B',
      emailAddress: 'a1@company.example',
      disabled: false,
      organization: { name: 'sfo' },
    };
    const polled = await pollUnknown(
      harness,
      'oracle.syncUsers',
      TRICKY,
      batchOf('oracle.syncUsers', { added: [user] }),
    );
    expect(polled).toMatchObject({ endpoint: 'oracle.syncUsers.status', subject: `job:${TRICKY}` });
  });

  it('fullstory.importUsers: puts the job id (base64, with / + =) into the path as one encoded segment', async () => {
    const harness = await startOperationHarness('fullstory.importUsers');
    h = harness;
    const batch = batchOf('fullstory.importUsers', { users: [{ uid: 'u1' }] });
    const polled = await pollUnknown(harness, 'fullstory.importUsers', TRICKY, batch);
    expect(polled).toMatchObject({ path: `/v2/users/batch/${encodeURIComponent(TRICKY)}`, subject: `job:${TRICKY}` });
  });

  it('zoho.invitePortalUsers: puts the module into the path and the job id into the query, both encoded', async () => {
    const harness = await startOperationHarness('zoho.invitePortalUsers');
    h = harness;
    const invite = { id: '5020928000002387005', userTypeId: '5020928000000187001', type: 'invite' };
    const batch = batchOf('zoho.invitePortalUsers', { module: 'Custom_Module1', invites: [invite] });
    const polled = await pollUnknown(harness, 'zoho.invitePortalUsers', TRICKY, batch);
    expect(polled).toMatchObject({ path: '/crm/v8/Custom_Module1/actions/portal_invite', query: { job_id: TRICKY } });
  });
});
