/**
 * Inputs of the storm and soak jobs, per operation: small jobs of a few batches whose users are unique across the
 * whole run (the ledger check counts a user in two provider jobs as done twice), a few of which the simulators fail.
 */
import type { OperationId } from '../../src/domain/job';
import type { AllSimulatorsOptions } from '../../src/simulator-registry';

/** Simulator settings for storms: quick jobs, and room for jobs of several tenants at once. */
export const STORM_SIMULATORS: AllSimulatorsOptions = {
  all: { pollsToComplete: 3 },
  'webex.resendActivationEmails': { pollsToComplete: 4, orgUsers: 5, failUsers: [1], skipUsers: [3] },
  // Jobs of other connections run side by side; the 409 of a running job is proven in oracle-sync-users.test.ts.
  'oracle.syncUsers': { pollsToComplete: 3, conflictWhileRunning: false },
};

/** Batches each job of `operation` is planned into (`jobInput` builds them so). */
export const BATCHES_PER_JOB: Readonly<Record<OperationId, number>> = {
  'webex.moveUsers': 1,
  'webex.resendActivationEmails': 1,
  'oracle.syncUsers': 1,
  'fullstory.importUsers': 1,
  'zoho.invitePortalUsers': 2,
};

function oracleUser(loginId: string): Record<string, unknown> {
  return {
    loginId,
    firstName: 'Ada',
    lastName: 'Storm',
    emailAddress: `${loginId.toLowerCase()}@company.example`,
    disabled: false,
    organization: { name: 'sfo', type: 'Company' },
  };
}

/** A Zoho record id: digits, unique per `tag` and `i`; ids ending in 999 fail at the simulator. */
function recordId(tag: number, i: number): string {
  return `7${String(tag).padStart(6, '0')}${String(i).padStart(4, '0')}`;
}

/**
 * The input of job `tag` (unique in the run) of `operation`. Each job has one user the simulator fails (the Webex
 * activation e-mail org has its own failing and skipped users).
 */
export function jobInput(operation: OperationId, tag: number): unknown {
  const id = (suffix: string): string => `s${tag}-${suffix}`;
  switch (operation) {
    case 'webex.moveUsers':
      // One location, one batch: the lookup that settles an interrupted start cannot tell a job of this org created
      // moments before (an earlier batch) from ours, and rightly stops (see docs/reliability.md).
      return {
        orgId: id('org'),
        users: [0, 1, 2, 3].map((i) => ({
          userId: id(`${i}${i === 3 ? '-FAIL' : ''}`),
          locationId: 'loc-A',
          extension: String(2000 + i),
        })),
      };
    case 'webex.resendActivationEmails':
      return { orgId: id('org') };
    case 'oracle.syncUsers':
      return { added: [oracleUser(id('A')), oracleUser(id('B-FAIL'))], modified: [oracleUser(id('M'))] };
    case 'fullstory.importUsers':
      return { users: ['a', 'b', 'c', 'FAIL'].map((u) => ({ uid: id(u), display_name: `User ${u}` })) };
    case 'zoho.invitePortalUsers':
      // 101 records: two batches (100 + 1); the last record of the first batch fails.
      return {
        module: `Storm_${tag}`,
        invites: Array.from({ length: 101 }, (_, i) => ({
          id: i === 99 ? `${recordId(tag, 9)}999` : recordId(tag, i),
          userTypeId: '1',
          type: 'invite',
        })),
      };
  }
}

/** The connection each job runs on: the default one, or for Oracle one per job slot (each its own tenant). */
export function jobConnection(operation: OperationId, slot: number, oracleConnections: readonly string[]): string {
  if (operation !== 'oracle.syncUsers' || oracleConnections.length === 0) return 'default';
  return oracleConnections[slot % oracleConnections.length] ?? 'default';
}

/** The item refs bulkflow gives the users of `input` (none for a whole-org job). */
export function inputRefs(operation: OperationId, input: unknown): string[] {
  const value = input as Record<string, Array<Record<string, unknown>> | string[] | undefined>;
  const field = (list: string, key: string): string[] =>
    ((value[list] ?? []) as Array<Record<string, unknown>>).map((item) => String(item[key]));
  switch (operation) {
    case 'webex.moveUsers':
      return field('users', 'userId');
    case 'webex.resendActivationEmails':
      return [];
    case 'oracle.syncUsers':
      return [...field('added', 'loginId'), ...field('modified', 'loginId'), ...((value['deleted'] ?? []) as string[])];
    case 'fullstory.importUsers':
      return field('users', 'uid');
    case 'zoho.invitePortalUsers':
      return field('invites', 'id');
  }
}
