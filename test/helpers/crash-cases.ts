/** Per-operation inputs and expectations for the crash matrix. */
import type { OperationId } from '../../src/domain/job';
import type { Stack } from './stack';

export interface CrashCase {
  readonly operation: OperationId;
  readonly input: unknown;
  /** The endpoint `collectItems` reads (name after the operation id). */
  readonly itemsEndpoint: string;
  /** Requests of that endpoint before collecting starts (when collecting re-reads the status endpoint). */
  readonly itemsSkip?: number;
  /** How an interrupted start is settled: by the provider's idempotency or a lookup, or not at all. */
  readonly uncertainStart: 'settled' | 'ambiguous';
  configure(stack: Stack, config: { pollsToComplete: number }): void;
  jobCount(stack: Stack): number;
}

function simulatorCase(
  operation: OperationId,
  rest: Omit<CrashCase, 'operation' | 'configure' | 'jobCount'>,
): CrashCase {
  const sim = (stack: Stack) => stack.simulator(operation);
  return {
    operation,
    ...rest,
    configure: (stack, config) => sim(stack).setConfig(config),
    jobCount: (stack) => sim(stack).jobCount(),
  };
}

export const CRASH_CASES: readonly CrashCase[] = [
  simulatorCase('webex.moveUsers', {
    input: {
      users: [
        { userId: 'user-1', locationId: 'loc-A', extension: '1001' },
        { userId: 'FAIL-user-2', locationId: 'loc-A', extension: '1002' },
      ],
    },
    itemsEndpoint: 'errors',
    uncertainStart: 'settled',
  }),
  simulatorCase('webex.resendActivationEmails', {
    input: { orgId: 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9jcmFzaA' },
    itemsEndpoint: 'errors',
    uncertainStart: 'ambiguous',
  }),
  simulatorCase('oracle.syncUsers', {
    input: {
      added: [
        {
          loginId: 'crash.one',
          firstName: 'One',
          lastName: 'Crash',
          emailAddress: 'one@example.test',
          disabled: false,
          organization: { name: 'Crash Co' },
        },
        {
          loginId: 'crash.FAIL',
          firstName: 'Two',
          lastName: 'Crash',
          emailAddress: 'two@example.test',
          disabled: false,
          organization: { name: 'Crash Co' },
        },
      ],
    },
    // A user failed, so collecting fetches the failed-users CSV.
    itemsEndpoint: 'draft',
    uncertainStart: 'ambiguous',
  }),
  simulatorCase('zoho.invitePortalUsers', {
    input: {
      module: 'Contacts',
      invites: [{ id: '5725767000000411001', userTypeId: '5725767000000407001', type: 'invite' }],
    },
    // Collecting re-reads the job status: the 8 polls of the job come first.
    itemsEndpoint: 'status',
    itemsSkip: 8,
    uncertainStart: 'settled',
  }),
  simulatorCase('fullstory.importUsers', {
    input: {
      users: [
        { uid: 'u-1', email: 'one@example.test' },
        { uid: 'u-2-FAIL', email: 'two@example.test' },
      ],
    },
    itemsEndpoint: 'errors',
    uncertainStart: 'settled',
  }),
];

/** The crash case of `operation`; thrown when it has none. */
export function crashCaseOf(operation: OperationId): CrashCase {
  const found = CRASH_CASES.find((c) => c.operation === operation);
  if (!found) throw new Error(`no crash case for ${operation} (test/helpers/crash-cases.ts)`);
  return found;
}
