/**
 * Hostile requests against the edge validation every door uses (`validateBulkJobRequest`: the envelope, then each
 * operation's own input schema): whatever comes in, the answer is the request or a RequestValidationError naming the
 * field; never another error, a hang or a stack overflow. Nothing can start before this passes.
 */
import fc from 'fast-check';
import { validateBulkJobRequest } from '../../../src/client';
import { OPERATION_IDS } from '../../../src/domain/job';
import type { OperationId } from '../../../src/domain/job';
import {
  FUZZ,
  isFreeForm,
  isIdPath,
  nested,
  prototypeKeyed,
  zeroWidthText,
  hostileNumber,
  hostileString,
  hostileValue,
  inputField,
  leafPaths,
  namesField,
  sampleInput,
  unsafeText,
  withLeaf,
} from '../../helpers/hostile';
import { samplesOf } from '../../../src/simulator-registry';

interface Outcome {
  readonly accepted: boolean;
  readonly fields: readonly string[];
}

/** Validates `raw`; throws anything but the two errors a bad request may raise. */
function validate(raw: unknown): Outcome {
  try {
    validateBulkJobRequest(raw);
    return { accepted: true, fields: [] };
  } catch (err) {
    const { name, issues } = err as { name?: string; issues?: Array<{ field: string; message: string }> };
    if (name === 'TenantMismatchError') return { accepted: false, fields: ['tenant'] };
    if (name !== 'RequestValidationError' || !issues || issues.length === 0) throw err;
    for (const issue of issues) {
      if (!issue.field || !issue.message)
        throw new Error(`an issue without field or message: ${JSON.stringify(issue)}`);
    }
    return { accepted: false, fields: issues.map((i) => i.field) };
  }
}

const operation = fc.constantFrom(...OPERATION_IDS);

/** The value at `path` of `value`. */
function withLeafValue(value: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

describe('validateBulkJobRequest under hostile input', () => {
  it('answers any envelope with the request or a validation error naming fields', () => {
    const envelope = fc.record(
      {
        operation: fc.oneof(operation, hostileString),
        connection: fc.oneof(hostileString, fc.constant('default')),
        tenant: hostileString,
        dryRun: fc.oneof(fc.boolean(), hostileValue),
        input: hostileValue,
        callbackUrl: hostileString,
        extra: hostileValue,
      },
      { requiredKeys: ['operation'] },
    );
    fc.assert(
      fc.property(fc.oneof(envelope, hostileValue), (raw) => {
        validate(raw);
      }),
      FUZZ,
    );
  });

  it('answers any input of every operation with the request or a validation error naming fields under input', () => {
    fc.assert(
      fc.property(operation, hostileValue, (op, input) => {
        const { accepted, fields } = validate({ operation: op, input });
        if (!accepted)
          expect(fields.every((f) => f === 'input' || f.startsWith('input.') || f.startsWith('input['))).toBe(true);
      }),
      FUZZ,
    );
  });

  it.each(OPERATION_IDS)('%s: accepts its sample input', (op) => {
    expect(validate({ operation: op, input: sampleInput(op) })).toEqual({ accepted: true, fields: [] });
  });

  /** Asserts that `input` with `leaf` at `path` is refused, and that the refusal names the field. */
  function refusedNaming(op: OperationId, path: Array<string | number>, leaf: unknown): void {
    const { accepted, fields } = validate({ operation: op, input: withLeaf(sampleInput(op), path, leaf) });
    expect({ accepted, named: fields.some((f) => namesField(f, inputField(path))) }).toEqual({
      accepted: false,
      named: true,
    });
  }

  it.each(OPERATION_IDS)('%s: refuses control or bidi characters in any text, naming the field', (op) => {
    fc.assert(
      fc.property(fc.constantFrom(...leafPaths(sampleInput(op))), unsafeText, (path, text) => {
        refusedNaming(op, path, text);
      }),
      FUZZ,
    );
  });

  it.each(OPERATION_IDS)('%s: refuses zero-width characters in ids, naming the field', (op) => {
    const ids = leafPaths(sampleInput(op)).filter((path) => isIdPath(op, path));
    fc.assert(
      fc.property(fc.constantFrom(...ids), zeroWidthText, (path, text) => {
        refusedNaming(op, path, text);
      }),
      FUZZ,
    );
  });

  it.each(OPERATION_IDS)('%s: refuses what JSON cannot carry or nests too deep at any field, naming it', (op) => {
    const unrepresentable = fc.oneof(
      fc.constantFrom(Number.NaN, Infinity, -Infinity),
      fc.integer({ min: 40, max: 3_000 }).map((depth) => nested(depth)),
      prototypeKeyed,
    );
    fc.assert(
      fc.property(fc.constantFrom(...leafPaths(sampleInput(op))), unrepresentable, (path, leaf) => {
        refusedNaming(op, path, leaf);
      }),
      FUZZ,
    );
  });

  it.each(OPERATION_IDS)('%s: refuses a value of the wrong type at any typed field, naming it', (op) => {
    const typed = leafPaths(sampleInput(op)).filter((path) => !isFreeForm(op, path));
    const wrong = (path: Array<string | number>) => {
      const current = withLeafValue(sampleInput(op), path);
      return fc
        .oneof(hostileNumber, fc.constantFrom(null, true, false, [], {}), fc.jsonValue({ maxDepth: 3 }))
        .filter((value) => typeof value !== typeof current && !(current === false && value === true));
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...typed).chain((path) => fc.tuple(fc.constant(path), wrong(path))),
        ([path, leaf]) => {
          refusedNaming(op, path, leaf);
        },
      ),
      FUZZ,
    );
  });

  it.each(OPERATION_IDS)('%s: refuses a huge string at any field, naming that field', (op) => {
    const input = sampleInput(op);
    fc.assert(
      fc.property(fc.constantFrom(...leafPaths(input)), fc.integer({ min: 10_000, max: 1_000_000 }), (path, n) => {
        const { accepted, fields } = validate({ operation: op, input: withLeaf(input, path, 'x'.repeat(n)) });
        expect({ accepted, named: fields.some((f) => namesField(f, inputField(path))) }).toEqual({
          accepted: false,
          named: true,
        });
      }),
      { ...FUZZ, numRuns: 40 },
    );
  });
});

/** Where each operation that names users lists them, and the key of each user's id (its samples' `users`). */
const DUPLICATES = OPERATION_IDS.flatMap((op) => {
  const users = samplesOf(op).users;
  return users ? [[op, users] as const] : [];
});

describe('duplicated users', () => {
  it.each(DUPLICATES)('%s: refuses a user listed twice, naming the second', (op, where) => {
    const sample = sampleInput(op);
    const first = (sample[where.list] as Array<Record<string, unknown>>)[0] ?? {};
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 20 }), (copies, at) => {
        const list = [...(sample[where.list] as unknown[])];
        const extra = Array.from({ length: copies }, () => ({ ...first }));
        list.splice(Math.min(at, list.length) + 1, 0, ...extra);
        const { fields } = validate({ operation: op, input: { ...sample, [where.list]: list } });
        const firstIndex = 0;
        const seconds = list.flatMap((item, i) =>
          i !== firstIndex && (item as Record<string, unknown>)[where.key] === first[where.key] ? [i] : [],
        );
        expect(fields).toEqual(expect.arrayContaining(seconds.map((i) => inputField([where.list, i, where.key]))));
      }),
      FUZZ,
    );
  });

  it('oracle.syncUsers: refuses one login id in two lists, whatever its case, naming the later one', () => {
    const sample = sampleInput('oracle.syncUsers');
    const { fields } = validate({ operation: 'oracle.syncUsers', input: { ...sample, deleted: ['jsmith'] } });
    expect(fields).toEqual(['input.deleted[0]']);
  });
});

/** Counterexamples the fuzzing found (shrunk), kept so each stays refused. */
describe('regressions found by fuzzing', () => {
  it.each([
    ['webex.moveUsers', ['orgId'], 'a\u0000'],
    ['webex.resendActivationEmails', ['orgId'], 'a\ufeff'],
    ['oracle.syncUsers', ['added', 0, 'loginId'], 'a\u0000'],
    ['fullstory.importUsers', ['users', 0, 'uid'], 'a\u0000'],
    ['webex.moveUsers', ['orgId'], 'x'.repeat(10_000)],
    ['oracle.syncUsers', ['added', 0, 'loginId'], 'x'.repeat(10_000)],
    ['fullstory.importUsers', ['users', 1, 'id'], 'x'.repeat(10_000)],
    ['fullstory.importUsers', ['users', 0, 'properties', 'plan', 'tier'], Number.NaN],
  ] as const)('%s refuses %j = %j, naming it', (op, path, value) => {
    const { fields } = validate({ operation: op, input: withLeaf(sampleInput(op), path, value) });
    expect(fields).toContain(inputField(path));
  });
});
