/**
 * Both registries hold exactly the operations of `OPERATION_IDS`, the one list the domain (and so workflows and the
 * audit schema) checks against, and every operation has its simulator and its test data. The type-level half is
 * checked by tsc (`npm run typecheck`; jest only transpiles): a registry that misses an operation id, or holds one the
 * domain does not list, does not compile. The runtime half checks that every entry is the operation, or the
 * simulator, its key names, and that the test data fits the operation: valid inputs, endpoints its simulator has.
 */
import { OPERATION_IDS, type OperationId } from '../../src/domain/job';
import { getOperation, operations } from '../../src/providers/registry';
import { createSimulator, samplesOf, simulations } from '../../src/simulator-registry';
import { leafPaths } from '../helpers/hostile';

/** `true` when `A` and `B` are the same set of keys, else `false`. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('the operation registries', () => {
  it('have one entry per operation id, no more, no less (a compile-time check)', () => {
    const exact: [SameKeys<keyof typeof operations, OperationId>, SameKeys<keyof typeof simulations, OperationId>] = [
      true,
      true,
    ];
    expect(exact).toEqual([true, true]);
    expect(Object.keys(operations).sort()).toEqual([...OPERATION_IDS].sort());
    expect(Object.keys(simulations).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)('register %s under its own id in both, with its simulator and its test data', (id) => {
    expect(operations[id].id).toBe(id);
    expect(createSimulator(id).name).toBe(id);
    expect(samplesOf(id)).toEqual(expect.objectContaining({ input: expect.anything(), storm: expect.anything() }));
  });
});

describe.each(OPERATION_IDS)('the test data of %s', (id) => {
  const operation = getOperation(id);
  const samples = samplesOf(id);
  /** The issues of `input` under the operation's schema (none when it is valid). */
  const issues = (input: unknown) => operation.inputSchema.safeParse(input).error?.issues ?? [];
  const namesUsers = operation.plan(operation.inputSchema.parse(samples.input)).some((b) => b.itemRefs.length > 0);

  it('holds inputs the operation takes: the sample, storm jobs, the crash job and the demo job', () => {
    const inputs = [samples.input, samples.storm.input(1), samples.storm.input(2), samples.crash.input];
    expect([...inputs, samples.demo.input].map(issues)).toEqual([[], [], [], [], []]);
  });

  it('names only endpoints its simulator has: storm faults, the crash job items and the drifted answers', () => {
    const endpoints = new Set(createSimulator(id).routes.map((route) => route.endpoint));
    const named = [
      ...Object.keys(samples.storm.faults),
      samples.crash.itemsEndpoint,
      samples.drift.status.endpoint,
      samples.drift.items.endpoint,
    ].map((name) => `${id}.${name}`);
    expect(named.filter((endpoint) => !endpoints.has(endpoint))).toEqual([]);
    expect(Object.keys(samples.storm.faults)).toContain('start');
  });

  it('names id keys that its sample input holds, so fuzzing reaches each', () => {
    const keys = new Set(leafPaths(samples.input).flatMap((path) => path.filter((key) => typeof key === 'string')));
    expect(samples.idKeys.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('says where the users are and how a CSV file lists them exactly when its input names users', () => {
    expect({ users: samples.users !== undefined, csv: samples.csv !== undefined }).toEqual({
      users: namesUsers,
      csv: namesUsers,
    });
  });
});
