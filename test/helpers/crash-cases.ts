/**
 * Per-operation inputs and expectations for the crash matrix: each operation's `crash` sample (in its simulator
 * folder's `samples.ts`), with the hooks that reach its simulator in a stack.
 */
import { OPERATION_IDS } from '../../src/domain/job';
import type { OperationId } from '../../src/domain/job';
import { samplesOf } from '../../src/simulator-registry';
import type { CrashSample } from '../../src/simulator/samples';
import type { Stack } from './stack';

export interface CrashCase extends CrashSample<unknown> {
  readonly operation: OperationId;
  configure(stack: Stack, config: { pollsToComplete: number }): void;
  jobCount(stack: Stack): number;
}

/** The crash case of `operation`. */
export function crashCaseOf(operation: OperationId): CrashCase {
  const sim = (stack: Stack) => stack.simulator(operation);
  return {
    operation,
    ...samplesOf(operation).crash,
    configure: (stack, config) => sim(stack).setConfig(config),
    jobCount: (stack) => sim(stack).jobCount(),
  };
}

/** The crash case of every operation, in `OPERATION_IDS` order. */
export const CRASH_CASES: readonly CrashCase[] = OPERATION_IDS.map(crashCaseOf);
