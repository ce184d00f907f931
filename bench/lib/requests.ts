/**
 * Requests the scenarios send: Webex Move Users jobs, each in its own org so no two share a tenant permit, and Zoho
 * portal invites (scenario 6).
 */
import type { BaselineRequest } from '../activities/baselines';

export interface MoveUsersRequest {
  readonly operation: 'webex.moveUsers';
  readonly input: BaselineRequest;
}

/** `count` users moving to one location (so `count / 100` provider batches). */
export function moveUsers(orgId: string, count = 1): MoveUsersRequest {
  const users = Array.from({ length: count }, (_, i) => ({
    userId: `user-${orgId}-${i}`,
    locationId: 'loc-bench',
    extension: String(1000 + (i % 9000)),
  }));
  return { operation: 'webex.moveUsers', input: { orgId, users } };
}

export interface InvitePortalUsersRequest {
  readonly operation: 'zoho.invitePortalUsers';
  readonly input: {
    readonly module: string;
    readonly invites: ReadonlyArray<{ readonly id: string; readonly userTypeId: string; readonly type: 'invite' }>;
  };
}

/**
 * `count` Contacts invited to one portal (so `count / 100` provider batches). Record ids end in 1: the simulator
 * fails records whose id ends in 999.
 */
export function invitePortalUsers(count: number): InvitePortalUsersRequest {
  const invites = Array.from({ length: count }, (_, i) => ({
    id: `5725767${String(i).padStart(9, '0')}1`,
    userTypeId: '5725767000000467012',
    type: 'invite' as const,
  }));
  return { operation: 'zoho.invitePortalUsers', input: { module: 'Contacts', invites } };
}
