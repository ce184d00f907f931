/**
 * Webex Bulk Activation Email Resend end to end: real workflows on the real dev server, real activities over HTTP
 * to the simulator. One provider job per org; counts come from the provider, per-user outcomes from `/errors`.
 */
import type { BulkJobResult } from '../../src/domain/job';
import type { WebexResendActivationEmailsSimulator } from '../../src/providers/webex-resend-activation-emails/simulator';
import { jobId, rootFailure } from '../helpers/jobs';
import { startStack, TEST_TOKEN } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

const FAST = { pollIntervalMs: 20 };
const ORG_ID = Buffer.from('ciscospark://us/ORGANIZATION/16706775-4543-4fd3-8677-0ba01f254ef4')
  .toString('base64')
  .replace(/=+$/, '');
const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

describe('webex.resendActivationEmails on Temporal', () => {
  let stack: Stack;
  let sim: WebexResendActivationEmailsSimulator;

  beforeAll(async () => {
    stack = await startStack({
      name: 'webex-activation',
      simulators: { 'webex.resendActivationEmails': { pollsToComplete: 3 } },
    });
    sim = stack.simulator('webex.resendActivationEmails');
  });

  afterAll(async () => {
    await stack.close();
  });

  beforeEach(() => {
    stack.sim.reset();
  });

  function start(input: unknown, extra: Record<string, unknown> = {}): Promise<string> {
    return stack.jobs.start(
      { operation: 'webex.resendActivationEmails', input, ...extra },
      { idempotencyKey: jobId('activation'), requestedBy: 'ops@example.test', tuning: FAST },
    );
  }

  async function run(input: unknown = { orgId: ORG_ID }): Promise<BulkJobResult> {
    return stack.jobs.result(await start(input));
  }

  function requests(endpoint: string) {
    return stack.sim.log.entries({ endpoint: `webex.resendActivationEmails.${endpoint}` });
  }

  it('e-mails a whole org as one provider job and reports the provider counts', async () => {
    sim.setConfig({ pollsToComplete: 3, orgUsers: 40, failUsers: [], skipUsers: [] });
    const result = await run();

    expect(result.state).toBe('succeeded');
    expect(result.counts).toEqual({ total: 40, succeeded: 40, failed: 0, skipped: 0, pending: 0 });
    expect(result.items).toEqual([]);
    expect(result.providerJobs).toEqual([
      expect.objectContaining({
        id: sim.getJobs()[0]?.id,
        state: 'succeeded',
        polls: 3,
        providerStatus: 'COMPLETED/COMPLETED',
      }),
    ]);
    expect(requests('start')).toHaveLength(1);
    expect(requests('start')[0]?.path).toContain(encodeURIComponent(ORG_ID));
  });

  it('aggregates 130 errors over three Link pages into skipped and failed users', async () => {
    const skipUsers = range(0, 80);
    const failUsers = range(100, 50);
    sim.setConfig({ pollsToComplete: 3, orgUsers: 200, skipUsers, failUsers });
    const result = await run();

    expect(result.state).toBe('partial');
    expect(result.counts).toEqual({ total: 200, succeeded: 70, failed: 50, skipped: 80, pending: 0 });
    expect(result.items).toHaveLength(130);
    const skipped = result.items.filter((i) => i.outcome === 'skipped');
    const failed = result.items.filter((i) => i.outcome === 'failed');
    expect([skipped.length, failed.length]).toEqual([80, 50]);
    expect(skipped.every((i) => i.code === 'ATLAS-600199' && i.message?.includes('last 24 hours'))).toBe(true);
    expect(failed.map((i) => i.ref)).toEqual(failUsers.map((i) => `item-${i + 1}`));
    expect(requests('errors').map((r) => r.query.max)).toEqual(['50', '50', '50']);
  });

  it('honours a 429 Retry-After on the status endpoint with no request inside the window', async () => {
    stack.sim.faults.add('webex.resendActivationEmails.status', { kind: 'status', status: 429, retryAfter: '1' });
    const result = await run();

    const [limited, next] = requests('status');
    expect([limited?.status, next?.status]).toEqual([429, 200]);
    expect((next?.receivedAt ?? 0) - (limited?.answeredAt ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(result.providerJobs[0]?.answers.rateLimited).toBe(1);
    expect(result.providerJobs[0]?.waitedOnRetryAfterMs).toBeGreaterThanOrEqual(1_000);
    expect(result.state).toBe('partial');
  });

  it('fails fast when the org already runs a job (409), sending the start once and creating nothing', async () => {
    const outside = await fetch(
      `${stack.sim.url}/v1/identity/organizations/${encodeURIComponent(ORG_ID)}/jobs/sendActivationEmails`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_TOKEN}` },
      },
    );
    expect(outside.status).toBe(202);
    const result = await run();

    expect(requests('start').map((r) => r.status)).toEqual([202, 409]);
    expect(sim.jobCount()).toBe(1);
    expect(result.state).toBe('failed');
  });

  it('fails the provider job fast when its status answers 404, without polling again', async () => {
    stack.sim.faults.add('webex.resendActivationEmails.status', { kind: 'status', status: 404 });
    const result = await run();

    expect(requests('status')).toHaveLength(1);
    expect(result.providerJobs[0]?.reason).toMatch(/^ProviderNotFoundError/);
    expect(result.state).toBe('failed');
  });

  it('reports a job that Webex ended FAILED, before listing any user, as failed', async () => {
    sim.setConfig({ pollsToComplete: 2, failJob: true });
    const result = await run();

    expect(result.providerJobs[0]).toMatchObject({ state: 'failed', providerStatus: 'FAILED/FAILED' });
    expect(result.state).toBe('failed');
  });

  it('stops loudly with AmbiguousStartError when the start answer is lost, never sending it twice', async () => {
    stack.sim.faults.add('webex.resendActivationEmails.start', { kind: 'acceptThenReset' });
    const failure = await run().then(
      () => undefined,
      (err: unknown) => rootFailure(err),
    );

    expect(failure?.type).toBe('AmbiguousStartError');
    expect(failure?.nonRetryable).toBe(true);
    expect(requests('start')).toHaveLength(1);
    expect(sim.jobCount()).toBe(1);
  });

  it.each([
    ['an empty orgId', { orgId: '' }, {}, 'input.orgId'],
    ['an orgId that is not a Webex id', { orgId: 'acme corp' }, {}, 'input.orgId'],
    ['a dry run, which Webex does not offer', { orgId: ORG_ID }, { dryRun: true }, 'dryRun'],
  ])('rejects %s naming the field and sends nothing', async (_what, input, extra, field) => {
    const id = await start(input, extra);
    const failure = await stack.jobs.result(id).then(
      () => undefined,
      (err: unknown) => rootFailure(err),
    );

    expect(failure?.type).toBe('InvalidRequestError');
    expect(failure?.message).toContain(field);
    expect(stack.sim.log.entries()).toHaveLength(0);
  });
});
