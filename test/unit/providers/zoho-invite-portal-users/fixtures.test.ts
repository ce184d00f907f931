import type { z } from 'zod';
import { itemsFromRecords } from '../../../../src/providers/zoho-invite-portal-users/record-matching';
import { mapPortalInviteJob } from '../../../../src/providers/zoho-invite-portal-users/status-mapping';
import { matchStartedJob } from '../../../../src/providers/zoho-invite-portal-users/reconcile';
import { planPortalInvites } from '../../../../src/providers/zoho-invite-portal-users/plan';
import {
  PortalInviteRequestSchema,
  PortalInviteStatusResponseSchema,
} from '../../../../src/providers/zoho-invite-portal-users/schemas';
import { fixtureNames, loadFixture } from '../../../helpers/fixtures';

const SCHEMAS: Record<string, z.ZodType> = {
  'zoho-portal-bulk-invite-request.json': PortalInviteRequestSchema,
  'zoho-portal-bulk-invite-status-200-all-jobs.json': PortalInviteStatusResponseSchema,
  'zoho-portal-bulk-invite-status-200-by-job-id.json': PortalInviteStatusResponseSchema,
};

const allJobs = (): z.infer<typeof PortalInviteStatusResponseSchema>['portal_invite'] =>
  PortalInviteStatusResponseSchema.parse(loadFixture('zoho-portal-bulk-invite-status-200-all-jobs')).portal_invite;

describe('Zoho portal invite fixtures', () => {
  it('has a schema for every zoho-portal fixture on disk', () => {
    expect(fixtureNames('zoho-portal-')).toEqual(Object.keys(SCHEMAS).sort());
  });

  it.each(Object.entries(SCHEMAS))('parses %s against its schema', (name, schema) => {
    const result = schema.safeParse(loadFixture(name));
    expect(result.error).toBeUndefined();
  });

  it('plans exactly the documented request body, ids as strings', () => {
    const input = {
      apiVersion: 'v8' as const,
      module: 'Contacts',
      invites: [
        { id: '5020928000002121016', userTypeId: '5020928000000523003', type: 'invite' as const, language: 'en_US' },
      ],
    };
    const [batch] = planPortalInvites(input);
    expect(batch?.payload).toMatchObject({ body: loadFixture('zoho-portal-bulk-invite-request') });
  });

  it('maps the documented by-job-id answer to succeeded for its one record', () => {
    const [job] = PortalInviteStatusResponseSchema.parse(
      loadFixture('zoho-portal-bulk-invite-status-200-by-job-id'),
    ).portal_invite;
    expect(job?.job_id).toBe('5020928000002387017');
    expect(mapPortalInviteJob(job!, ['5020928000001843001'])).toMatchObject({
      state: 'succeeded',
      counts: { total: 1, succeeded: 1, failed: 0, pending: 0 },
      providerStatus: 'completed',
    });
  });

  it('keeps the empty details of the CANNOT_PROCESS example and fails the one record it can only be', () => {
    const job = allJobs().find((j) => j.job_id === '5020928000002387007');
    expect(job?.data?.[0]?.details).toEqual({});
    expect(itemsFromRecords(job?.data ?? [], ['5020928000009999001'])).toEqual([
      {
        ref: '5020928000009999001',
        outcome: 'failed',
        code: 'CANNOT_PROCESS',
        message: 'Invalid type for the portal invite',
      },
    ]);
  });

  it('reconciles the four-record batch of the all-jobs example to its job', () => {
    const refs = ['5020928000000621005', '5020928000000606073', '5020928000000544003', '5020928000000523039'];
    expect(matchStartedJob(allJobs(), refs)).toEqual({ kind: 'found', providerJobId: '5020928000002387021' });
  });

  it('finds the invite and the re-invite of the same record in the all-jobs example ambiguous', () => {
    expect(matchStartedJob(allJobs(), ['5020928000002121016'])).toEqual({
      kind: 'ambiguous',
      candidates: ['5020928000002387005', '5020928000002387013'],
    });
  });
});
