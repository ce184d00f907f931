import { ActivationEmailsJobSchema } from '../../../../../src/providers/webex-resend-activation-emails/schemas';
import {
  ALREADY_RUNNING_MESSAGE,
  createWebexResendActivationEmailsSimulator,
  type WebexResendActivationEmailsSimulator,
} from '../../../../../src/providers/webex-resend-activation-emails/simulator';
import { startSimulator, type SimulatorServer } from '../../../../../src/simulator';
import { ORG_ID, OTHER_ORG_ID, simulatorCalls } from '../sim-context';

describe('Webex activation email resend simulator', () => {
  let server: SimulatorServer;
  let sim: WebexResendActivationEmailsSimulator;
  beforeEach(async () => {
    sim = createWebexResendActivationEmailsSimulator({ pollsToComplete: 4 });
    server = await startSimulator({ simulators: [sim] });
  });
  afterEach(async () => {
    await server.close();
  });

  const { post, startJob, status, finish } = simulatorCalls(() => server.url);

  it('keeps a ledger of each job: the org users by item number, then sent, failed or skipped', async () => {
    sim.setConfig({ pollsToComplete: 2, orgUsers: 3, failUsers: [1], skipUsers: [2] });
    const id = await startJob();
    expect(sim.ledger()).toEqual([expect.objectContaining({ id, finished: false })]);
    expect(sim.ledger()[0]?.users.every((u) => u.outcome === 'pending')).toBe(true);
    await finish(id);
    expect(sim.ledger()[0]).toMatchObject({
      finished: true,
      users: [
        { ref: 'item-1', outcome: 'succeeded' },
        { ref: 'item-2', outcome: 'failed' },
        { ref: 'item-3', outcome: 'skipped' },
      ],
    });
  });

  it('answers a start with 202 and a STARTING job shaped like the documented example', async () => {
    const { status: code, json } = await post();
    expect(code).toBe(202);
    expect(ActivationEmailsJobSchema.parse(json)).toMatchObject({
      name: 'resendinviteemail',
      latestExecutionStatus: 'STARTING',
      latestExecutionExitCode: 'UNKNOWN',
      targetCustomerId: ORG_ID,
      counts: { userResendInviteSent: 0, userResendInviteFailed: 0, userResendInviteSkipped: 0, totalUsers: 0 },
      allowAdminInviteEmails: true,
      jobExecutionStatus: [{ timeElapsed: expect.stringMatching(/^PT[\d.]+S$/) }],
    });
  });

  it('refuses a second start for the same org while its job runs with 409 and a Webex error body', async () => {
    await startJob();
    const { status: code, json } = await post();
    expect(code).toBe(409);
    expect(json).toEqual({
      message: ALREADY_RUNNING_MESSAGE,
      errors: [{ description: ALREADY_RUNNING_MESSAGE }],
      trackingId: expect.stringMatching(/^NA_/),
    });
    expect(sim.jobCount()).toBe(1);
  });

  it('answers the configured conflict status instead of 409', async () => {
    sim.setConfig({ pollsToComplete: 4, conflictStatus: 400 });
    await startJob();
    expect((await post()).status).toBe(400);
  });

  it('starts a job for another org while the first org is busy', async () => {
    await startJob();
    expect((await post(OTHER_ORG_ID)).status).toBe(202);
  });

  it('starts again once the org job has finished', async () => {
    await finish(await startJob());
    expect((await post()).status).toBe(202);
  });

  it('lists the users in the report step, then processes them, over the configured status reads', async () => {
    const id = await startJob();
    const seen = [await status(id), await status(id), await status(id), await status(id)].map((job) => [
      job.latestExecutionStatus,
      job.counts.totalUsers,
      job.jobExecutionStatus[0]?.stepExecutionStatuses?.map((s) => `${s.name}:${s.statusMessage}`),
    ]);
    expect(seen).toEqual([
      ['STARTED', 0, ['resendinviteemailGenerateUserReport:STARTED']],
      [
        'STARTED',
        120,
        ['resendinviteemailGenerateUserReport:COMPLETED', 'resendinviteemailProcessUsersFromReport:STARTED'],
      ],
      [
        'STARTED',
        120,
        ['resendinviteemailGenerateUserReport:COMPLETED', 'resendinviteemailProcessUsersFromReport:STARTED'],
      ],
      [
        'COMPLETED',
        120,
        ['resendinviteemailGenerateUserReport:COMPLETED', 'resendinviteemailProcessUsersFromReport:COMPLETED'],
      ],
    ]);
  });

  it('shows counts progressing while users are processed', async () => {
    const id = await startJob();
    await status(id);
    await status(id);
    const half = await status(id);
    expect(
      half.counts.userResendInviteSent + half.counts.userResendInviteFailed + half.counts.userResendInviteSkipped,
    ).toBe(60);
  });

  it('ends COMPLETED_WITH_ERRORS with the default few skips and failures', async () => {
    const job = await finish(await startJob());
    expect([job.latestExecutionExitCode, job.counts]).toEqual([
      'COMPLETED_WITH_ERRORS',
      { userResendInviteSent: 115, userResendInviteFailed: 2, userResendInviteSkipped: 3, totalUsers: 120 },
    ]);
    expect(job.jobExecutionStatus[0]?.endTime).toBeDefined();
  });

  it('ends COMPLETED when users are only skipped, as in the documented example', async () => {
    sim.setConfig({ pollsToComplete: 1, orgUsers: 5, failUsers: [], skipUsers: [0] });
    const job = await finish(await startJob());
    expect([job.latestExecutionStatus, job.latestExecutionExitCode, job.counts.userResendInviteSkipped]).toEqual([
      'COMPLETED',
      'COMPLETED',
      1,
    ]);
  });

  it('ends FAILED / FAILED with a failed report step when configured to fail the job', async () => {
    sim.setConfig({ pollsToComplete: 2, failJob: true });
    const job = await finish(await startJob());
    expect([job.latestExecutionStatus, job.latestExecutionExitCode, job.counts.totalUsers]).toEqual([
      'FAILED',
      'FAILED',
      0,
    ]);
    expect(job.jobExecutionStatus[0]?.stepExecutionStatuses?.[0]?.statusMessage).toBe('FAILED');
  });

  it('completes by wall time when configured with durationMs', async () => {
    sim.setConfig({ durationMs: 0 });
    expect((await status(await startJob())).latestExecutionStatus).toBe('COMPLETED');
  });

  it('renders allowAdminInviteEmails as configured', async () => {
    sim.setConfig({ allowAdminInviteEmails: false });
    expect(ActivationEmailsJobSchema.parse((await post()).json).allowAdminInviteEmails).toBe(false);
  });

  it('reports its jobs to tests', async () => {
    const id = await startJob();
    expect(sim.getJobs()).toEqual([
      expect.objectContaining({ id, orgId: ORG_ID, status: 'STARTING', exitCode: 'UNKNOWN', reads: 0 }),
    ]);
  });

  it('sets and reads its configuration over the control routes', async () => {
    const url = `${server.url}/__sim/webex/resend-activation-emails/config`;
    const set = await fetch(url, { method: 'POST', body: JSON.stringify({ orgUsers: 7 }) });
    expect([set.status, await (await fetch(url)).json()]).toEqual([200, { orgUsers: 7 }]);
    expect((await fetch(url, { method: 'POST', body: JSON.stringify({ orgUsers: -1 }) })).status).toBe(400);
  });

  it('forgets its jobs and configuration on reset', async () => {
    sim.setConfig({ pollsToComplete: 9 });
    await startJob();
    server.reset();
    expect([sim.jobCount(), sim.getConfig()]).toEqual([0, { pollsToComplete: 4 }]);
  });
});
