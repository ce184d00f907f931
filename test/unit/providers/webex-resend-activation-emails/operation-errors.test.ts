import { createHttpClient } from '../../../../src/http/client';
import { ALREADY_RUNNING_MESSAGE } from '../../../../src/providers/webex-resend-activation-emails/simulator';
import {
  createWebexResendActivationEmailsOperation,
  webexResendActivationEmails as op,
} from '../../../../src/providers/webex-resend-activation-emails';
import {
  batchFor,
  pollUntilDone,
  START_OPTIONS as options,
  startHarness,
  startJob,
  type SimHarness,
} from './sim-context';

const batch = batchFor();
const everyOther = (n: number): number[] => Array.from({ length: n }, (_, i) => i * 2);

describe('webexResendActivationEmails failures against the simulator', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startHarness({ pollsToComplete: 2 });
  });
  afterEach(async () => {
    await h.server.close();
  });

  it('throws ProviderRejectedError with the Webex message when the org already runs a job (409)', async () => {
    await startJob(h);
    await expect(op.start(h.ctx, batch, options)).rejects.toMatchObject({
      name: 'ProviderRejectedError',
      retryable: false,
      details: { status: 409, providerMessage: ALREADY_RUNNING_MESSAGE, trackingId: expect.stringMatching(/^NA_/) },
    });
    expect(h.sim.jobCount()).toBe(1);
  });

  it.each([
    [423, 'ProviderLockedError'],
    [429, 'ProviderRateLimitError'],
  ])('throws on a %i status answer the retryable %s with the Retry-After delay', async (status, name) => {
    const jobId = await startJob(h);
    h.server.faults.add('webex.resendActivationEmails.status', { kind: 'status', status, retryAfter: '3' });
    await expect(op.poll(h.ctx, jobId, batch)).rejects.toMatchObject({
      name,
      retryable: true,
      details: { retryAfterMs: 3_000 },
    });
  });

  it('throws ProviderRateLimitError when a later errors page is rate limited', async () => {
    h.sim.setConfig({ pollsToComplete: 1, orgUsers: 60, skipUsers: everyOther(30), failUsers: [] });
    const jobId = await startJob(h);
    const snapshot = await pollUntilDone(h, jobId);
    h.server.faults.add('webex.resendActivationEmails.errors', { kind: 'delay', ms: 0 });
    h.server.faults.add('webex.resendActivationEmails.errors', { kind: 'status', status: 429, retryAfter: '1' });
    const small = createWebexResendActivationEmailsOperation({ errorsPageSize: 20 });
    await expect(small.collectItems(h.ctx, jobId, batch, snapshot)).rejects.toMatchObject({
      name: 'ProviderRateLimitError',
    });
  });

  it.each([
    ['a 503 at start', 'start', { kind: 'status', status: 503 } as const],
    ['a reset at poll', 'status', { kind: 'reset' } as const],
  ])('throws the retryable ProviderUnavailableError on %s', async (_what, endpoint, fault) => {
    const jobId = endpoint === 'status' ? await startJob(h) : 'unused';
    h.server.faults.add(`webex.resendActivationEmails.${endpoint}`, fault);
    const call = endpoint === 'start' ? op.start(h.ctx, batch, options) : op.poll(h.ctx, jobId, batch);
    await expect(call).rejects.toMatchObject({ name: 'ProviderUnavailableError', retryable: true });
  });

  it.each([
    [400, 'ProviderRejectedError'],
    [403, 'ProviderAuthError'],
    [404, 'ProviderNotFoundError'],
  ])('throws on a %i start the non-retryable %s with the provider message', async (status, name) => {
    h.server.faults.add('webex.resendActivationEmails.start', { kind: 'status', status });
    await expect(op.start(h.ctx, batch, options)).rejects.toMatchObject({
      name,
      retryable: false,
      details: { status, providerMessage: expect.any(String), trackingId: expect.any(String) },
    });
    expect(h.sim.jobCount()).toBe(0);
  });

  it('throws ProviderAuthError on 401 when the token is refused', async () => {
    const http = createHttpClient({ provider: 'webex', baseUrl: h.server.url, auth: () => 'Bearer wrong' });
    await expect(op.start({ ...h.ctx, http }, batch, options)).rejects.toMatchObject({
      name: 'ProviderAuthError',
      details: { status: 401 },
    });
  });

  it('throws ProviderNotFoundError when polling a job the org does not have', async () => {
    await expect(op.poll(h.ctx, 'nope', batch)).rejects.toMatchObject({ name: 'ProviderNotFoundError' });
  });

  it('throws ProviderContractError when the status body is not JSON', async () => {
    const jobId = await startJob(h);
    h.server.faults.add('webex.resendActivationEmails.status', { kind: 'malformed' });
    await expect(op.poll(h.ctx, jobId, batch)).rejects.toMatchObject({ name: 'ProviderContractError', path: '(body)' });
  });

  it('throws ProviderContractError naming the field when the start answer has no job id', async () => {
    h.server.faults.add('webex.resendActivationEmails.start', {
      kind: 'malformed',
      body: '{"latestExecutionStatus":"STARTED","counts":{}}',
    });
    await expect(op.start(h.ctx, batch, options)).rejects.toMatchObject({ name: 'ProviderContractError', path: 'id' });
  });
});
