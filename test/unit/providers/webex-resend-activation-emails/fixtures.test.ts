import type { z } from 'zod';
import {
  ActivationEmailsErrorsResponseSchema,
  ActivationEmailsJobSchema,
} from '../../../../src/providers/webex-resend-activation-emails/schemas';
import { itemsFromErrors } from '../../../../src/providers/webex-resend-activation-emails/collect-items';
import { mapActivationEmailsStatus } from '../../../../src/providers/webex-resend-activation-emails/status-mapping';
import { fixtureNames, loadFixture } from '../../../helpers/fixtures';

const SCHEMAS: Record<string, z.ZodType> = {
  'webex-activation-email-resend-errors-200.json': ActivationEmailsErrorsResponseSchema,
  'webex-activation-email-resend-start-202.json': ActivationEmailsJobSchema,
  'webex-activation-email-resend-status-200.json': ActivationEmailsJobSchema,
};

describe('Webex activation email resend fixtures', () => {
  it('has a schema for every webex-activation-email-resend fixture on disk', () => {
    expect(fixtureNames('webex-activation-email-resend-')).toEqual(Object.keys(SCHEMAS).sort());
  });

  it.each(Object.entries(SCHEMAS))('parses %s against its schema', (name, schema) => {
    const result = schema.safeParse(loadFixture(name));
    expect(result.error).toBeUndefined();
  });

  it('takes the job id of the documented 202 from id', () => {
    const job = ActivationEmailsJobSchema.parse(loadFixture('webex-activation-email-resend-start-202'));
    expect(job.id).toBe('Y2lzY29zcGFyazovL3VzL0pPQl9JRC9lNzc4NWU3YS1mNmFiLTRjNTEtYWVjOS00YTg5NWQyOTdjMjc');
  });

  it('maps the documented start answer to running with zero counts', () => {
    const job = ActivationEmailsJobSchema.parse(loadFixture('webex-activation-email-resend-start-202'));
    expect(mapActivationEmailsStatus(job)).toEqual({
      state: 'running',
      providerStatus: 'STARTED/UNKNOWN',
      counts: { total: 0, succeeded: 0, failed: 0, skipped: 0, pending: 0 },
    });
  });

  it('maps the documented finished status to succeeded with one user skipped', () => {
    const job = ActivationEmailsJobSchema.parse(loadFixture('webex-activation-email-resend-status-200'));
    expect(mapActivationEmailsStatus(job)).toMatchObject({
      state: 'succeeded',
      counts: { total: 1, succeeded: 0, failed: 0, skipped: 1, pending: 0 },
    });
  });

  it('reads both step names of the documented status', () => {
    const job = ActivationEmailsJobSchema.parse(loadFixture('webex-activation-email-resend-status-200'));
    expect(job.jobExecutionStatus[0]?.stepExecutionStatuses?.map((s) => s.name)).toEqual([
      'resendinviteemailGenerateUserReport',
      'resendinviteemailProcessUsersFromReport',
    ]);
  });

  it('reads the documented ATLAS-600199 error as a skipped user with its code and description', () => {
    const body = ActivationEmailsErrorsResponseSchema.parse(loadFixture('webex-activation-email-resend-errors-200'));
    expect(itemsFromErrors(body.items)).toEqual([
      {
        ref: 'item-1',
        outcome: 'skipped',
        code: 'ATLAS-600199',
        message: expect.stringContaining('already received an invitation email in last 24 hours'),
      },
    ]);
  });

  it('accepts an undocumented status value instead of rejecting the body', () => {
    const status = {
      ...(loadFixture('webex-activation-email-resend-status-200') as object),
      latestExecutionStatus: 'PAUSED',
    };
    expect(ActivationEmailsJobSchema.parse(status).latestExecutionStatus).toBe('PAUSED');
  });

  it('rejects a job body without counts, which the spec requires', () => {
    const { counts: _counts, ...rest } = loadFixture('webex-activation-email-resend-status-200') as Record<
      string,
      unknown
    >;
    expect(ActivationEmailsJobSchema.safeParse(rest).error?.issues[0]?.path).toEqual(['counts']);
  });
});
