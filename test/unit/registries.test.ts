/**
 * Both registries hold exactly the operations of `OPERATION_IDS`, the one list the domain (and so workflows and the
 * audit schema) checks against. The type-level half is checked by tsc (`npm run typecheck`; jest only transpiles):
 * a registry that misses an operation id, or holds one the domain does not list, does not compile. The runtime half
 * checks that every entry is the operation, or the simulator, its key names.
 */
import { OPERATION_IDS, type OperationId } from '../../src/domain/job';
import { operations } from '../../src/providers/registry';
import { createSimulator, simulatorFactories } from '../../src/simulator-registry';

/** `true` when `A` and `B` are the same set of keys, else `false`. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('the operation registries', () => {
  it('have one entry per operation id, no more, no less (a compile-time check)', () => {
    const exact: [
      SameKeys<keyof typeof operations, OperationId>,
      SameKeys<keyof typeof simulatorFactories, OperationId>,
    ] = [true, true];
    expect(exact).toEqual([true, true]);
    expect(Object.keys(operations).sort()).toEqual([...OPERATION_IDS].sort());
    expect(Object.keys(simulatorFactories).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)('register %s under its own id in both', (id) => {
    expect(operations[id].id).toBe(id);
    expect(createSimulator(id).name).toBe(id);
  });
});
