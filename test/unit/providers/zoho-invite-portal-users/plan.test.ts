import type { PlannedBatch } from '../../../../src/domain/job';
import { MAX_RECORDS_PER_REQUEST } from '../../../../src/providers/zoho-invite-portal-users/limits';
import {
  PortalInviteBatchPayloadSchema,
  planPortalInvites,
} from '../../../../src/providers/zoho-invite-portal-users/plan';
import {
  zohoInvitePortalUsers,
  type ZohoInvitePortalUsersInput,
} from '../../../../src/providers/zoho-invite-portal-users';
import { invite, recordId } from './sim-context';

const inputOf = (count: number): ZohoInvitePortalUsersInput => ({
  apiVersion: 'v7',
  module: 'Contacts',
  invites: Array.from({ length: count }, (_, i) => invite(recordId(i))),
});

describe('planPortalInvites', () => {
  it('fills a batch exactly at the limit of 100 records', () => {
    expect(planPortalInvites(inputOf(MAX_RECORDS_PER_REQUEST)).map((b) => b.itemRefs.length)).toEqual([100]);
  });

  it('starts a second batch at 101 records', () => {
    expect(planPortalInvites(inputOf(101)).map((b) => b.itemRefs.length)).toEqual([100, 1]);
  });

  it('plans every record exactly once, in order, numbering batches from 0', () => {
    const batches = planPortalInvites(inputOf(250));
    expect(batches.flatMap((b: PlannedBatch) => b.itemRefs)).toEqual(inputOf(250).invites.map((i) => i.id));
    expect(batches.map((b) => b.index)).toEqual([0, 1, 2]);
  });

  it('builds each payload as the exact bulk POST body with version and module', () => {
    const [batch] = planPortalInvites({
      apiVersion: 'v8',
      module: 'Vendors',
      invites: [{ id: '5020928000002121016', userTypeId: '5020928000000523003', type: 'reinvite', language: 'fr_FR' }],
    });
    expect(PortalInviteBatchPayloadSchema.parse(batch?.payload)).toEqual({
      apiVersion: 'v8',
      module: 'Vendors',
      body: {
        portal_invite: [
          {
            data: [
              { id: '5020928000002121016', user_type_id: '5020928000000523003', type: 'reinvite', language: 'fr_FR' },
            ],
          },
        ],
      },
    });
    expect(batch?.key).toBe('Vendors');
  });

  it('omits language when the input has none, leaving Zoho its en_US default', () => {
    const [batch] = planPortalInvites(inputOf(1));
    const { body } = PortalInviteBatchPayloadSchema.parse(batch?.payload);
    expect(body.portal_invite[0]?.data[0]).not.toHaveProperty('language');
  });
});

describe('zohoInvitePortalUsers descriptor', () => {
  it('declares non-idempotent starts, reconciliation, and no dry run, pause or cancel', () => {
    expect(zohoInvitePortalUsers.idempotentStart).toBe(false);
    expect(zohoInvitePortalUsers.reconcileStart).toBeDefined();
    expect(zohoInvitePortalUsers.capabilities).toEqual({ dryRun: false, pause: false, resume: false, cancel: false });
  });

  it('limits 100 records per batch, 2 batches at a time, 5 jobs per tenant, polls every 5 s', () => {
    expect(zohoInvitePortalUsers.limits).toEqual({
      maxItemsPerBatch: 100,
      maxConcurrentBatches: 2,
      pollIntervalMs: 5_000,
      tenantPermits: 5,
    });
  });

  it('takes the tenant from the connection, the input naming no org', () => {
    expect(zohoInvitePortalUsers.tenantOf(inputOf(1))).toBeUndefined();
  });
});
