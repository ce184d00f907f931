/** Per-operation inputs and expectations for the crash matrix. */
import type { OperationId } from '../../src/domain/job';
import type { OperationSimulator } from '../../src/simulator/types';
import type { Stack } from './stack';

/** The test hooks every operation simulator offers. */
interface CountingSimulator extends OperationSimulator {
  setConfig(config: { pollsToComplete?: number }): void;
  jobCount(): number;
}

export interface CrashCase {
  readonly operation: OperationId;
  readonly input: unknown;
  /** The endpoint `collectItems` reads (name after the operation id). */
  readonly itemsEndpoint: string;
  /** How an interrupted start is settled: by the provider's idempotency or a lookup, or not at all. */
  readonly uncertainStart: 'settled' | 'ambiguous';
  configure(stack: Stack, config: { pollsToComplete: number }): void;
  jobCount(stack: Stack): number;
}

function simulatorCase(
  operation: OperationId,
  rest: Omit<CrashCase, 'operation' | 'configure' | 'jobCount'>,
): CrashCase {
  const sim = (stack: Stack) => stack.simulator<CountingSimulator>(operation);
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
