import {
  createWebexResendActivationEmailsOperation,
  webexResendActivationEmails,
} from '../../../../src/providers/webex-resend-activation-emails';
import { planResendActivationEmails } from '../../../../src/providers/webex-resend-activation-emails/plan';
import { WEBEX_RESEND_ACTIVATION_EMAILS_LIMITS } from '../../../../src/providers/webex-resend-activation-emails/limits';
import { ORG_ID } from './sim-context';

describe('planResendActivationEmails', () => {
  it('plans one batch for the whole org, keyed by the org, with no item refs', () => {
    expect(planResendActivationEmails({ orgId: ORG_ID })).toEqual([
      { index: 0, key: ORG_ID, itemRefs: [], payload: { orgId: ORG_ID } },
    ]);
  });

  it('takes the org as the tenant', () => {
    expect(webexResendActivationEmails.tenantOf({ orgId: ORG_ID })).toBe(ORG_ID);
  });
});

describe('webexResendActivationEmails declarations', () => {
  it('allows one job per org across bulk jobs, one batch at a time, polled every 5 s', () => {
    expect(WEBEX_RESEND_ACTIVATION_EMAILS_LIMITS).toEqual({
      maxItemsPerBatch: 0,
      maxConcurrentBatches: 1,
      pollIntervalMs: 5_000,
      tenantPermits: 1,
    });
    expect(webexResendActivationEmails.limits).toBe(WEBEX_RESEND_ACTIVATION_EMAILS_LIMITS);
  });

  it('offers no dry run, pause, resume or cancel', () => {
    expect(webexResendActivationEmails.capabilities).toEqual({
      dryRun: false,
      pause: false,
      resume: false,
      cancel: false,
    });
    expect(webexResendActivationEmails.control).toBeUndefined();
  });

  it('has a non-idempotent start and no reconciliation, so an uncertain start is ambiguous', () => {
    const op = createWebexResendActivationEmailsOperation();
    expect(op.idempotentStart).toBe(false);
    expect(op.reconcileStart).toBeUndefined();
  });

  it('throws InvalidRequestError on batch.payload when a batch is not an activation-email batch', async () => {
    const batch = { index: 0, key: 'k', itemRefs: [], payload: { users: [] } };
    const ctx = {
      http: { provider: 'webex' as const, send: jest.fn() },
      log: { info: jest.fn(), warn: jest.fn() },
      authScheme: 'Bearer' as const,
    };
    await expect(
      webexResendActivationEmails.start(ctx, batch, { idempotencyKey: 'k', dryRun: false }),
    ).rejects.toMatchObject({
      name: 'InvalidRequestError',
      field: 'batch.payload',
    });
    expect(ctx.http.send).not.toHaveBeenCalled();
  });
});
